//! Builders for test images with metadata that `image` cannot write: an EXIF orientation in a
//! JPEG APP1 segment, text and EXIF chunks in a PNG, and bare GIF headers.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// Side of one coloured block: large enough to survive JPEG's 16×16 chroma blocks.
pub const BLOCK: u32 = 16;

/// Six colours far apart, named A to F in the grids below.
pub const PALETTE: [[u8; 3]; 6] = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [255, 255, 0],
    [255, 0, 255],
    [0, 255, 255],
];

/// A 3×2 grid of blocks as stored, "ABC/DEF".
pub fn grid() -> RgbImage {
    RgbImage::from_fn(3 * BLOCK, 2 * BLOCK, |x, y| {
        let index = (y / BLOCK) * 3 + x / BLOCK;
        Rgb(PALETTE[usize::try_from(index).unwrap()])
    })
}

/// The grid as a JPEG with an EXIF orientation tag, in either byte order.
pub fn jpeg_with_orientation(orientation: u16, little_endian: bool) -> Vec<u8> {
    let image = grid();
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 95)
        .write_image(image.as_raw(), image.width(), image.height(), ExtendedColorType::Rgb8)
        .unwrap();
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend(app1(&exif_orientation(orientation, little_endian)));
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

/// A TIFF structure with one IFD holding only the Orientation tag (0x0112, SHORT, 1 value).
pub fn exif_orientation(orientation: u16, little_endian: bool) -> Vec<u8> {
    let u16_bytes = |v: u16| {
        if little_endian {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let u32_bytes = |v: u32| {
        if little_endian {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let mut tiff = if little_endian {
        b"II*\0".to_vec()
    } else {
        b"MM\0*".to_vec()
    };
    tiff.extend(u32_bytes(8));
    tiff.extend(u16_bytes(1));
    tiff.extend(u16_bytes(0x0112));
    tiff.extend(u16_bytes(3));
    tiff.extend(u32_bytes(1));
    tiff.extend(u16_bytes(orientation));
    tiff.extend([0, 0]);
    tiff.extend(u32_bytes(0));
    tiff
}

fn app1(tiff: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    segment.extend(payload);
    segment
}

/// An RGBA PNG with extra chunks inserted after IHDR.
pub fn png_with_chunks(image: &RgbaImage, chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let mut plain = Vec::new();
    PngEncoder::new(&mut plain)
        .write_image(image.as_raw(), image.width(), image.height(), ExtendedColorType::Rgba8)
        .unwrap();
    // Signature (8) + IHDR (4 length + 4 type + 13 data + 4 CRC).
    let after_ihdr = 8 + 25;
    let mut png = plain[..after_ihdr].to_vec();
    for (kind, data) in chunks {
        png.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend(crc32(&body).to_be_bytes());
    }
    png.extend_from_slice(&plain[after_ihdr..]);
    png
}

/// The grid as an opaque RGBA image, for PNG tests.
pub fn grid_rgba() -> RgbaImage {
    let rgb = grid();
    RgbaImage::from_fn(rgb.width(), rgb.height(), |x, y| {
        let [r, g, b] = rgb.get_pixel(x, y).0;
        Rgba([r, g, b, 255])
    })
}

/// CRC-32 (ISO-HDLC) as PNG chunks need it, bit by bit: test data is small.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A GIF whose header claims `width` × `height` pixels, with next to no image data behind it.
pub fn gif_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend(width.to_le_bytes());
    gif.extend(height.to_le_bytes());
    gif.extend([0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
    gif.push(0x2C);
    gif.extend([0, 0, 0, 0]);
    gif.extend(width.to_le_bytes());
    gif.extend(height.to_le_bytes());
    gif.extend([0, 2, 2, 0x4C, 0x01, 0, 0x3B]);
    gif
}

/// The fixture JPEG with its frame header (SOF0) claiming another size.
pub fn jpeg_claiming(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
    let mut patched = jpeg.to_vec();
    let mut pos = 2;
    while patched[pos + 1] != 0xC0 {
        pos += 2 + usize::from(u16::from_be_bytes([patched[pos + 2], patched[pos + 3]]));
    }
    // FFC0, length (2), precision (1), height (2), width (2).
    patched[pos + 5..pos + 7].copy_from_slice(&height.to_be_bytes());
    patched[pos + 7..pos + 9].copy_from_slice(&width.to_be_bytes());
    patched
}

#[test]
fn crc32_matches_the_check_value() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}
