//! Renditions of a stored original for a device: no wider than its screen and within the byte
//! budget of its pages (a few kilobytes on keitai).

use super::decode::{decode, Decoded};
use super::{encode, resize, PhotoError, PhotoFormat};

/// JPEG qualities tried in turn at one size; below the last, shrinking looks better.
const JPEG_QUALITIES: [u8; 5] = [80, 70, 60, 50, 40];
/// Each shrink keeps this share of the width, in percent.
const SHRINK_PERCENT: u32 = 80;
/// At most this many sizes are tried (0.8⁹ ≈ 13 % of the first width).
const MAX_SIZES: usize = 10;
/// Narrower than this is no photo any more.
const MIN_WIDTH: u32 = 16;

/// The widths renditions are made at. A phone may claim any screen width (96 to 4096 pixels,
/// twice that for smartphones); one rendition per claimed width would store the same photo
/// thousands of times, so a request is served from the widest bucket that fits its screen.
pub const WIDTH_BUCKETS: [u32; 9] = [96, 120, 176, 240, 320, 480, 640, 960, 1280];

/// The width of the rendition served for a screen `screen_width` pixels wide, of an original
/// `original_width` wide: the widest bucket that fits the screen (the narrowest for smaller
/// screens, which detection never reports), and never wider than the original, which is then the rendition's own width.
pub fn rendition_width(screen_width: u32, original_width: u32) -> u32 {
    let bucket = WIDTH_BUCKETS
        .iter()
        .rev()
        .find(|&&b| b <= screen_width)
        .copied()
        .unwrap_or(WIDTH_BUCKETS[0]);
    bucket.min(original_width.max(1))
}

/// A photo encoded for one kind of device.
#[derive(Debug, Clone)]
pub struct Rendition {
    pub bytes: Vec<u8>,
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
}

/// Renders `original` (normally an [`super::Original`]'s bytes) in `format`, at most `max_width`
/// pixels wide (never wider than the original) and at most `max_bytes` long. JPEG lowers its
/// quality step by step before shrinking; GIF (256 colours) and PNG shrink at once.
pub fn rendition(
    original: &[u8],
    max_width: u32,
    max_bytes: usize,
    format: PhotoFormat,
) -> Result<Rendition, PhotoError> {
    let Decoded {
        mut image, orientation, ..
    } = decode(original)?;
    // Originals from `ingest` are upright already; anything else is turned here.
    image.apply_orientation(orientation);
    let qualities: &[u8] = match format {
        PhotoFormat::Jpeg => &JPEG_QUALITIES,
        // The PNG and GIF encoders take no quality setting.
        PhotoFormat::Png | PhotoFormat::Gif => &[100],
    };
    let narrowest = MIN_WIDTH.min(image.width()).max(1);
    let mut width = max_width.min(image.width());
    for _ in 0..MAX_SIZES {
        if width < narrowest {
            break;
        }
        let scaled = resize::to_width(&image, width);
        for &quality in qualities {
            let bytes = encode::encode(&scaled, format, quality)?;
            if bytes.len() <= max_bytes {
                return Ok(Rendition {
                    bytes,
                    format,
                    width: scaled.width(),
                    height: scaled.height(),
                });
            }
        }
        width = width * SHRINK_PERCENT / 100;
    }
    Err(PhotoError::Encode(format!(
        "no {} rendition of at most {max_bytes} bytes from {}×{} at width ≤ {max_width}",
        format.extension(),
        image.width(),
        image.height()
    )))
}

#[cfg(test)]
mod width_tests {
    use super::rendition_width;

    #[test]
    fn widths_snap_down_to_a_bucket_and_never_exceed_the_original() {
        let cases = [
            // (screen, original, rendition)
            (96, 2000, 96),
            (119, 2000, 96),
            (230, 2000, 176),
            (240, 2000, 240),
            (241, 2000, 240),
            (780, 2000, 640),
            (4096, 2000, 1280),
            (8192, 2000, 1280),
            (4096, 300, 300),
            (240, 200, 200),
            (240, 0, 1),
        ];
        for (screen, original, expected) in cases {
            assert_eq!(rendition_width(screen, original), expected, "{screen} on {original}");
        }
    }
}
