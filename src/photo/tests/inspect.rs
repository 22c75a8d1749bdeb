//! Looking inside encoded output: which segments, chunks and blocks it carries, and its pixels.

use image::RgbImage;

use super::build::{BLOCK, PALETTE};
use crate::photo::jpeg_markers::markers;
use crate::photo::PhotoFormat;

/// Fails unless the bytes carry pixels and nothing else: no EXIF, XMP, ICC, comment or text.
pub fn assert_no_metadata(bytes: &[u8], format: PhotoFormat) {
    for needle in [&b"Exif"[..], b"GPS", b"ICC_PROFILE", b"http://ns.adobe.com", b"SHARP"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{} found in {format:?} output",
            String::from_utf8_lossy(needle)
        );
    }
    match format {
        PhotoFormat::Jpeg => {
            let markers = markers(bytes).expect("complete JPEG");
            // APP0 (JFIF) is the encoder's own; APP1–APP15 and COM carry metadata.
            let extra: Vec<_> = markers.iter().filter(|&&m| matches!(m, 0xE1..=0xEF | 0xFE)).collect();
            assert!(extra.is_empty(), "metadata segments {extra:x?}");
        }
        PhotoFormat::Png => {
            let chunks = png_chunks(bytes);
            let allowed: [&[u8; 4]; 5] = [b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"];
            for chunk in &chunks {
                assert!(allowed.contains(&chunk), "PNG chunk {}", String::from_utf8_lossy(chunk));
            }
        }
        PhotoFormat::Gif => {
            // Graphic control (0xF9) and image descriptors (0x2C) only: no comment or application data.
            let blocks = gif_blocks(bytes);
            assert!(
                blocks.iter().all(|b| matches!(b, 0xF9 | 0x2C)),
                "GIF blocks {blocks:x?}"
            );
        }
    }
}

/// Chunk types of a PNG, in order.
pub fn png_chunks(bytes: &[u8]) -> Vec<[u8; 4]> {
    let mut chunks = Vec::new();
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap());
        chunks.push(bytes[pos + 4..pos + 8].try_into().unwrap());
        pos += 12 + usize::try_from(length).unwrap();
    }
    chunks
}

/// Extension labels and image descriptors (0x2C) of a GIF, in order, up to the trailer.
pub fn gif_blocks(bytes: &[u8]) -> Vec<u8> {
    let table = |flags: u8| if flags & 0x80 == 0 { 0 } else { 3 << ((flags & 7) + 1) };
    let mut blocks = Vec::new();
    let mut pos = 13 + table(bytes[10]);
    loop {
        match bytes[pos] {
            0x3B => return blocks,
            0x21 => {
                blocks.push(bytes[pos + 1]);
                pos += 2;
            }
            0x2C => {
                blocks.push(0x2C);
                pos += 10 + table(bytes[pos + 9]) + 1;
            }
            other => panic!("unexpected GIF block {other:#x} at {pos}"),
        }
        // Data sub-blocks, ended by an empty one.
        while bytes[pos] != 0 {
            pos += 1 + usize::from(bytes[pos]);
        }
        pos += 1;
    }
}

/// Reads the block grid back as palette letters, rows separated by `/`: "ABC/DEF".
pub fn grid_letters(image: &RgbImage) -> String {
    let (cols, rows) = (image.width() / BLOCK, image.height() / BLOCK);
    let mut rows_text = Vec::new();
    for row in 0..rows {
        let text: String = (0..cols)
            .map(|col| {
                let pixel = image.get_pixel(col * BLOCK + BLOCK / 2, row * BLOCK + BLOCK / 2).0;
                let nearest = (0..PALETTE.len()).min_by_key(|&i| distance(PALETTE[i], pixel)).unwrap();
                assert!(
                    distance(PALETTE[nearest], pixel) < 60 * 60 * 3,
                    "{pixel:?} is no palette colour"
                );
                char::from(b'A' + u8::try_from(nearest).unwrap())
            })
            .collect();
        rows_text.push(text);
    }
    rows_text.join("/")
}

fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    a.iter()
        .zip(b)
        .map(|(&x, y)| (i32::from(x) - i32::from(y)).pow(2).unsigned_abs())
        .sum()
}

/// The brightest red value in a square of `side` pixels at (x, y): the fixture's white line
/// stands out against its green.
pub fn max_red(image: &RgbImage, x: u32, y: u32, side: u32) -> u8 {
    (y..y + side)
        .flat_map(|y| (x..x + side).map(move |x| (x, y)))
        .map(|(x, y)| image.get_pixel(x, y).0[0])
        .max()
        .unwrap()
}

#[test]
#[should_panic(expected = "Exif found")]
fn the_inspection_sees_the_metadata_of_an_upload() {
    assert_no_metadata(&super::fixture("gps-orientation6.jpg"), PhotoFormat::Jpeg);
}

#[test]
#[should_panic(expected = "PNG chunk tEXt")]
fn the_inspection_sees_png_text_chunks() {
    let png = super::build::png_with_chunks(&super::build::grid_rgba(), &[(b"tEXt", b"Title\0x")]);
    assert_no_metadata(&png, PhotoFormat::Png);
}
