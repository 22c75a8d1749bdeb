//! Taking in an uploaded photo: the stored original is upright, at most [`MAX_SIDE`] pixels on
//! its longest side, and re-encoded from pixels alone, so no EXIF (GPS), XMP, ICC profile or
//! comment of the upload survives.

use image::DynamicImage;

use super::decode::{decode, Decoded};
use super::{encode, resize, PhotoError, PhotoFormat};

/// The longest side of a stored original, in pixels. Larger photos are scaled down.
pub const MAX_SIDE: u32 = 1600;
/// Good for photos at a fraction of the camera's size.
const JPEG_QUALITY: u8 = 85;
/// Opaque PNG and GIF up to this many pixels (icons, stamps, drawings) stay lossless.
const SMALL_LOSSLESS_PIXELS: u32 = 256 * 256;

/// A photo ready to store: clean bytes and their format and size.
#[derive(Debug, Clone)]
pub struct Original {
    pub bytes: Vec<u8>,
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
}

/// Checks, turns upright, bounds and re-encodes an uploaded photo (JPEG, PNG or GIF).
///
/// JPEG stays JPEG. PNG and GIF become PNG when they have transparency or are small, else JPEG:
/// a large opaque image is a photo or a screenshot that JPEG carries at a fraction of the size.
/// Of an animated GIF only the first frame is kept; nothing Hiroba serves animates.
pub fn ingest(bytes: &[u8]) -> Result<Original, PhotoError> {
    let Decoded {
        image,
        format,
        orientation,
    } = decode(bytes)?;
    // Scaling first rotates fewer pixels; the bound is square, so the order does not matter.
    let mut image = resize::fit_within(image, MAX_SIDE);
    image.apply_orientation(orientation);
    let format = stored_format(format, &image);
    let bytes = encode::encode(&image, format, JPEG_QUALITY)?;
    Ok(Original {
        bytes,
        format,
        width: image.width(),
        height: image.height(),
    })
}

fn stored_format(uploaded: PhotoFormat, image: &DynamicImage) -> PhotoFormat {
    let small = image.width() * image.height() <= SMALL_LOSSLESS_PIXELS;
    match uploaded {
        PhotoFormat::Jpeg => PhotoFormat::Jpeg,
        PhotoFormat::Png | PhotoFormat::Gif if small || encode::has_transparency(image) => PhotoFormat::Png,
        PhotoFormat::Png | PhotoFormat::Gif => PhotoFormat::Jpeg,
    }
}
