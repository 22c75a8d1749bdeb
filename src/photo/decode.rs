//! Decoding untrusted bytes within fixed memory bounds, reading the EXIF orientation on the way.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits};

use super::sniff::{sniff, Sniffed};
use super::{jpeg_markers, PhotoError, PhotoFormat};

/// Larger uploads are refused before any parsing.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;
/// A compressed file of a few kilobytes can claim a huge canvas; refuse it before allocating.
pub const MAX_PIXELS: u64 = 40_000_000;
/// A strict per-side limit every decoder checks from the header, before allocating.
const MAX_SIDE_PX: u32 = 30_000;
/// Bytes of decoded pixels (40 MP of 8-bit RGBA fits; 16-bit RGBA at that size does not).
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// A decoded image as stored: pixels not yet turned upright.
pub(super) struct Decoded {
    pub image: DynamicImage,
    pub format: PhotoFormat,
    pub orientation: Orientation,
}

pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, PhotoError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = match sniff(bytes) {
        Sniffed::Photo(format) => format,
        Sniffed::Heif => return Err(PhotoError::Heic),
        Sniffed::Unknown => return Err(PhotoError::Unsupported),
    };
    if format == PhotoFormat::Jpeg && jpeg_markers::markers(bytes).is_none() {
        log::debug!("JPEG ends before its EOI marker or has broken segments");
        return Err(PhotoError::Broken);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS || decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(PhotoError::TooLarge);
    }
    // A damaged EXIF block should not cost the sender the photo: show it as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    Ok(Decoded {
        image,
        format,
        orientation,
    })
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits
}

fn classify(err: ImageError) -> PhotoError {
    log::debug!("photo decoding failed: {err}");
    match err {
        ImageError::Limits(_) => PhotoError::TooLarge,
        ImageError::Unsupported(_) => PhotoError::Unsupported,
        _ => PhotoError::Broken,
    }
}
