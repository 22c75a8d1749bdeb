//! Keitai renditions: device width, byte budget, upright and clean.

use super::fixture;
use super::inspect::{assert_no_metadata, max_red};
use crate::photo::{ingest, rendition, PhotoError, PhotoFormat};

const KEITAI_BYTES: usize = 20 * 1024;

#[test]
fn the_keitai_photo_renders_at_240_within_20_kb_upright() {
    let original = ingest(&fixture("gps-orientation6.jpg")).unwrap();
    for format in [PhotoFormat::Jpeg, PhotoFormat::Gif] {
        let small = rendition(&original.bytes, 240, KEITAI_BYTES, format).unwrap();
        eprintln!(
            "{format:?} rendition: {}×{}, {} bytes",
            small.width,
            small.height,
            small.bytes.len()
        );
        assert_eq!(small.format, format);
        assert!(
            small.bytes.len() <= KEITAI_BYTES,
            "{format:?}: {} bytes",
            small.bytes.len()
        );
        assert!(
            small.width <= 240 && small.height > small.width,
            "{format:?}: {}×{}",
            small.width,
            small.height
        );
        assert_no_metadata(&small.bytes, format);
        let decoded = image::load_from_memory(&small.bytes).unwrap().to_rgb8();
        assert_eq!(decoded.dimensions(), (small.width, small.height));
        assert_eq!(image::guess_format(&small.bytes).unwrap(), format.image_format());
        // The diagonal starts at the top right, as in the upright original.
        let corner = small.width / 12;
        assert!(
            max_red(&decoded, small.width - corner, 0, corner) > 120,
            "{format:?}: line at the top right"
        );
        assert!(
            max_red(&decoded, 0, 0, corner) < 100,
            "{format:?}: green at the top left"
        );
    }
}

#[test]
fn the_upload_itself_renders_upright_too() {
    let small = rendition(&fixture("gps-orientation6.jpg"), 240, KEITAI_BYTES, PhotoFormat::Jpeg).unwrap();
    assert_eq!((small.width, small.height), (240, 320));
    assert_no_metadata(&small.bytes, PhotoFormat::Jpeg);
}

#[test]
fn a_rendition_is_never_wider_than_the_original() {
    let original = ingest(&fixture("decoration.gif")).unwrap();
    let small = rendition(&original.bytes, 240, KEITAI_BYTES, PhotoFormat::Gif).unwrap();
    assert_eq!((small.width, small.height), (32, 32));
    assert_no_metadata(&small.bytes, PhotoFormat::Gif);
}

#[test]
fn png_renditions_serve_smartphones() {
    let original = ingest(&fixture("gps-orientation6.jpg")).unwrap();
    let medium = rendition(&original.bytes, 480, 1024 * 1024, PhotoFormat::Png).unwrap();
    assert_eq!((medium.width, medium.height), (480, 640));
    assert_no_metadata(&medium.bytes, PhotoFormat::Png);
}

#[test]
fn a_tight_budget_shrinks_the_photo_until_it_fits() {
    let original = ingest(&fixture("gps-orientation6.jpg")).unwrap();
    let tiny = rendition(&original.bytes, 240, 2 * 1024, PhotoFormat::Jpeg).unwrap();
    assert!(tiny.bytes.len() <= 2 * 1024);
    assert!(tiny.width < 240);
}

#[test]
fn an_impossible_budget_is_an_error_not_a_loop() {
    let original = ingest(&fixture("gps-orientation6.jpg")).unwrap();
    let result = rendition(&original.bytes, 240, 100, PhotoFormat::Jpeg);
    assert!(matches!(result, Err(PhotoError::Encode(_))));
}
