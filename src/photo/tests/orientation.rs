//! EXIF orientation turns the pixels themselves, for all eight values and both byte orders.

use super::build::{exif_orientation, grid_rgba, jpeg_with_orientation, png_with_chunks};
use super::fixture;
use super::inspect::{assert_no_metadata, grid_letters, max_red};
use crate::photo::{ingest, PhotoFormat};

/// What a viewer shows for the stored grid "ABC/DEF" under each orientation (EXIF 2.32, 4.6.4).
const UPRIGHT: [(u16, &str); 8] = [
    (1, "ABC/DEF"),
    (2, "CBA/FED"),
    (3, "FED/CBA"),
    (4, "DEF/ABC"),
    (5, "AD/BE/CF"),
    (6, "DA/EB/FC"),
    (7, "FC/EB/DA"),
    (8, "CF/BE/AD"),
];

#[test]
fn every_exif_orientation_is_applied_to_the_pixels() {
    for little_endian in [false, true] {
        for (orientation, expected) in UPRIGHT {
            let original = ingest(&jpeg_with_orientation(orientation, little_endian)).unwrap();
            assert_no_metadata(&original.bytes, original.format);
            let pixels = image::load_from_memory(&original.bytes).unwrap().to_rgb8();
            assert_eq!(
                grid_letters(&pixels),
                expected,
                "orientation {orientation}, little endian {little_endian}"
            );
        }
    }
}

#[test]
fn a_png_exif_chunk_orientation_is_applied_too() {
    let png = png_with_chunks(&grid_rgba(), &[(b"eXIf", &exif_orientation(6, false))]);
    let original = ingest(&png).unwrap();
    assert_eq!(original.format, PhotoFormat::Png);
    assert_no_metadata(&original.bytes, original.format);
    let pixels = image::load_from_memory(&original.bytes).unwrap().to_rgb8();
    assert_eq!(grid_letters(&pixels), "DA/EB/FC");
}

#[test]
fn the_keitai_fixture_is_turned_clockwise() {
    // Stored 1200×900, a white diagonal from the top-left corner on green. Turned clockwise
    // (orientation 6) the line starts at the top-right corner; turned the wrong way, it would
    // start at the bottom-left and the top corners would both be green.
    let original = ingest(&fixture("gps-orientation6.jpg")).unwrap();
    let pixels = image::load_from_memory(&original.bytes).unwrap().to_rgb8();
    assert_eq!(pixels.dimensions(), (900, 1200));
    assert!(max_red(&pixels, 900 - 20, 0, 20) > 200, "line at the top right");
    assert!(max_red(&pixels, 0, 0, 20) < 100, "green at the top left");
    assert!(max_red(&pixels, 0, 1200 - 20, 20) < 100, "green at the bottom left");
}
