//! QR codes for posting addresses and links, drawn small enough for keitai pages (5–20 KB) and
//! crisp enough for a keitai camera to read off a screen or a printed letter.

use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, GrayImage, ImageEncoder, ImageError, Luma};
use qrcode::{EcLevel, QrCode};

use crate::photo::PhotoFormat;

/// JPEG smears edges below three pixels per module; keitai readers then fail.
const JPEG_MIN_MODULE_PX: u32 = 3;
/// At 3–4 px per module, 90 keeps every pixel within 15 levels of pure black or white for about
/// 9 KB; 95 halves that error but costs 11 KB, 80 saves little and doubles it.
const JPEG_QUALITY: u8 = 90;
/// Beyond this a QR code is a poster, not a page element.
const MAX_MODULE_PX: u32 = 16;
/// The gif crate's NeuQuant speed; unused here since two colours make an exact palette.
const GIF_SPEED: i32 = 10;

#[derive(Debug, thiserror::Error)]
pub enum QrError {
    /// More text than a QR code can hold.
    #[error("text does not fit in a QR code: {0}")]
    Data(#[from] qrcode::types::QrError),
    #[error("QR image could not be encoded: {0}")]
    Encode(#[from] ImageError),
}

/// A QR code for `text` (error correction M, the standard 4-module quiet zone), `module_px`
/// pixels per module: PNG for PCs and smartphones, GIF or JPEG for keitai.
///
/// `module_px` is clamped to 1–16, and to at least 3 for JPEG. The image is
/// (modules + 8) × `module_px` pixels square.
pub fn qr_image(text: &str, format: PhotoFormat, module_px: u32) -> Result<Vec<u8>, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    let min_px = if format == PhotoFormat::Jpeg {
        JPEG_MIN_MODULE_PX
    } else {
        1
    };
    let module_px = module_px.clamp(min_px, MAX_MODULE_PX);
    let image: GrayImage = code
        .render::<Luma<u8>>()
        .quiet_zone(true)
        .module_dimensions(module_px, module_px)
        .build();
    Ok(encode(&image, format)?)
}

fn encode(image: &GrayImage, format: PhotoFormat) -> Result<Vec<u8>, ImageError> {
    let (width, height) = image.dimensions();
    let mut out = Vec::new();
    match format {
        PhotoFormat::Png => PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
            .write_image(image.as_raw(), width, height, ExtendedColorType::L8)?,
        PhotoFormat::Jpeg => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
            image.as_raw(),
            width,
            height,
            ExtendedColorType::L8,
        )?,
        PhotoFormat::Gif => {
            // The GIF encoder takes colour only; grey becomes a two-entry palette.
            let rgb: Vec<u8> = image.as_raw().iter().flat_map(|&v| [v, v, v]).collect();
            GifEncoder::new_with_speed(&mut out, GIF_SPEED).encode(&rgb, width, height, ExtendedColorType::Rgb8)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POSTING: &str = "mailto:post-3f9a1c7be2d45086@hiroba.example.jp";

    fn modules(text: &str) -> u32 {
        u32::try_from(QrCode::with_error_correction_level(text, EcLevel::M).unwrap().width()).unwrap()
    }

    fn decode(bytes: &[u8]) -> image::GrayImage {
        image::load_from_memory(bytes).unwrap().to_luma8()
    }

    #[test]
    fn each_format_has_its_magic_and_the_quiet_zone_in_its_size() {
        let side = (modules(POSTING) + 8) * 4;
        for (format, magic) in [
            (PhotoFormat::Png, &b"\x89PNG"[..]),
            (PhotoFormat::Gif, b"GIF89a"),
            (PhotoFormat::Jpeg, b"\xFF\xD8\xFF"),
        ] {
            let bytes = qr_image(POSTING, format, 4).unwrap();
            assert!(bytes.starts_with(magic), "{format:?}");
            assert_eq!(decode(&bytes).dimensions(), (side, side), "{format:?}");
        }
    }

    #[test]
    fn modules_are_black_on_a_white_quiet_zone() {
        for format in [PhotoFormat::Png, PhotoFormat::Gif, PhotoFormat::Jpeg] {
            let image = decode(&qr_image(POSTING, format, 4).unwrap());
            // The quiet zone is white; the finder pattern's corner module, just inside it, is black.
            assert!(image.get_pixel(2, 2).0[0] > 230, "{format:?} quiet zone");
            assert!(image.get_pixel(4 * 4 + 1, 4 * 4 + 1).0[0] < 25, "{format:?} finder");
        }
    }

    #[test]
    fn jpeg_modules_stay_black_and_white() {
        for module_px in [3, 4] {
            let code = QrCode::with_error_correction_level(POSTING, EcLevel::M).unwrap();
            let exact: GrayImage = code
                .render::<Luma<u8>>()
                .module_dimensions(module_px, module_px)
                .build();
            let jpeg = decode(&qr_image(POSTING, PhotoFormat::Jpeg, module_px).unwrap());
            let worst = exact
                .pixels()
                .zip(jpeg.pixels())
                .map(|(a, b)| a.0[0].abs_diff(b.0[0]))
                .max()
                .unwrap();
            assert!(worst < 32, "{module_px} px/module: a pixel is off by {worst}");
        }
    }

    #[test]
    fn jpeg_modules_are_at_least_three_pixels() {
        let bytes = qr_image(POSTING, PhotoFormat::Jpeg, 1).unwrap();
        assert_eq!(decode(&bytes).width(), (modules(POSTING) + 8) * 3);
    }

    #[test]
    fn different_texts_give_different_codes() {
        let other = "mailto:post-a0b1c2d3e4f5a6b7@hiroba.example.jp";
        assert_eq!(modules(POSTING), modules(other));
        assert_ne!(
            qr_image(POSTING, PhotoFormat::Gif, 3).unwrap(),
            qr_image(other, PhotoFormat::Gif, 3).unwrap()
        );
    }

    #[test]
    fn a_posting_address_gif_fits_a_keitai_page() {
        for module_px in [3, 4] {
            let gif = qr_image(POSTING, PhotoFormat::Gif, module_px).unwrap();
            eprintln!("QR GIF at {module_px} px/module: {} bytes", gif.len());
            assert!(gif.len() < 2 * 1024, "{} bytes", gif.len());
        }
        for format in [PhotoFormat::Png, PhotoFormat::Jpeg] {
            eprintln!(
                "QR {format:?} at 4 px/module: {} bytes",
                qr_image(POSTING, format, 4).unwrap().len()
            );
        }
    }

    #[test]
    fn text_beyond_qr_capacity_is_an_error() {
        assert!(matches!(
            qr_image(&"x".repeat(4000), PhotoFormat::Png, 2),
            Err(QrError::Data(_))
        ));
    }
}
