//! Taking in uploads: what is accepted, in which form, and what is refused.

use super::build::{gif_claiming, grid_rgba, jpeg_claiming, png_with_chunks};
use super::fixture;
use super::inspect::assert_no_metadata;
use crate::photo::{ingest, PhotoError, PhotoFormat, MAX_INPUT_BYTES};

#[test]
fn the_keitai_photo_is_stored_upright_without_exif_or_gps() {
    let original = ingest(&fixture("gps-orientation6.jpg")).unwrap();
    assert_eq!(original.format, PhotoFormat::Jpeg);
    assert_eq!((original.width, original.height), (900, 1200));
    assert_no_metadata(&original.bytes, PhotoFormat::Jpeg);
    let decoded = image::load_from_memory(&original.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (900, 1200));
}

#[test]
fn a_large_photo_is_scaled_to_1600_on_its_longest_side() {
    let big = image::RgbImage::from_fn(2400, 1200, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(big)
        .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let original = ingest(&jpeg).unwrap();
    assert_eq!((original.width, original.height), (1600, 800));
}

#[test]
fn a_half_received_jpeg_is_refused_not_stored_half_grey() {
    let whole = fixture("gps-orientation6.jpg");
    for cut in [whole.len() / 2, whole.len() - 2, 900] {
        assert!(matches!(ingest(&whole[..cut]), Err(PhotoError::Broken)), "cut at {cut}");
    }
}

#[test]
fn half_received_gif_and_png_are_refused() {
    let gif = fixture("decoration.gif");
    assert!(matches!(ingest(&gif[..gif.len() / 2]), Err(PhotoError::Broken)));
    let png = png_with_chunks(&grid_rgba(), &[]);
    assert!(matches!(ingest(&png[..png.len() / 2]), Err(PhotoError::Broken)));
}

#[test]
fn random_bytes_are_unsupported() {
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(matches!(ingest(&noise), Err(PhotoError::Unsupported)));
    assert!(matches!(ingest(b""), Err(PhotoError::Unsupported)));
    assert!(matches!(ingest(b"%PDF-1.4\n"), Err(PhotoError::Unsupported)));
}

#[test]
fn an_iphone_heic_is_refused_with_its_own_error() {
    let mut heic = vec![0, 0, 0, 0x18];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    let err = ingest(&heic).unwrap_err();
    assert!(matches!(err, PhotoError::Heic));
    assert!(err.user_message().contains("互換性優先"));
}

#[test]
fn the_decoration_gif_is_stored_as_a_small_png() {
    let original = ingest(&fixture("decoration.gif")).unwrap();
    assert_eq!(original.format, PhotoFormat::Png);
    assert_eq!((original.width, original.height), (32, 32));
    assert_no_metadata(&original.bytes, PhotoFormat::Png);
    let decoded = image::load_from_memory(&original.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (32, 32));
}

#[test]
fn png_text_and_exif_chunks_are_dropped() {
    let png = png_with_chunks(
        &grid_rgba(),
        &[
            (b"tEXt", b"Comment\0GPS 35.68N"),
            (b"iCCP", b"sRGB\0\0\x78\x9c\x03\0\0\0\0\x01"),
        ],
    );
    let original = ingest(&png).unwrap();
    assert_no_metadata(&original.bytes, original.format);
}

#[test]
fn a_transparent_png_stays_png_and_a_large_opaque_one_becomes_jpeg() {
    let mut sticker = image::RgbaImage::from_pixel(400, 400, image::Rgba([255, 0, 0, 255]));
    sticker.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
    let original = ingest(&png_with_chunks(&sticker, &[])).unwrap();
    assert_eq!(original.format, PhotoFormat::Png);
    let decoded = image::load_from_memory(&original.bytes).unwrap().to_rgba8();
    assert_eq!(decoded.get_pixel(0, 0).0[3], 0);

    let screenshot = image::RgbaImage::from_pixel(400, 400, image::Rgba([0, 0, 255, 255]));
    let original = ingest(&png_with_chunks(&screenshot, &[])).unwrap();
    assert_eq!(original.format, PhotoFormat::Jpeg);
    assert_no_metadata(&original.bytes, original.format);
}

#[test]
fn decompression_bombs_are_refused_before_decoding() {
    let jpeg = fixture("gps-orientation6.jpg");
    // 49 megapixels within the per-side limit, then a side over it.
    assert!(matches!(
        ingest(&jpeg_claiming(&jpeg, 7000, 7000)),
        Err(PhotoError::TooLarge)
    ));
    assert!(matches!(
        ingest(&jpeg_claiming(&jpeg, 60000, 100)),
        Err(PhotoError::TooLarge)
    ));
    assert!(matches!(ingest(&gif_claiming(8000, 8000)), Err(PhotoError::TooLarge)));
    assert!(matches!(ingest(&gif_claiming(65535, 65535)), Err(PhotoError::TooLarge)));
}

#[test]
fn an_oversized_upload_is_refused_unread() {
    let mut huge = fixture("gps-orientation6.jpg");
    huge.resize(MAX_INPUT_BYTES + 1, 0);
    assert!(matches!(ingest(&huge), Err(PhotoError::TooLarge)));
}

#[test]
fn every_error_explains_itself_in_japanese() {
    let errors = [
        PhotoError::Heic,
        PhotoError::Unsupported,
        PhotoError::Broken,
        PhotoError::TooLarge,
        PhotoError::Encode("libfoo failed".into()),
    ];
    for err in &errors {
        let message = err.user_message();
        assert!(message.ends_with('。'), "{message}");
        assert!(!message.contains("libfoo"), "{message}");
    }
}
