//! Recognising an upload by its first bytes. Mail clients and browsers label attachments
//! unreliably (`application/octet-stream`, `.JPG` on a PNG), so names and content types are ignored.

use super::PhotoFormat;

/// What the leading bytes of an upload say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sniffed {
    Photo(PhotoFormat),
    /// HEIC/HEIF from an iPhone: recognised so the sender can be told how to avoid it.
    Heif,
    Unknown,
}

const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// ISO-BMFF brands of HEIF still images and sequences (ISO/IEC 23008-12).
const HEIF_BRANDS: [&[u8; 4]; 10] = [
    b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1",
];

/// AVIF shares HEIF's container and lists `mif1` too, but is not an iPhone camera format.
const AVIF_BRANDS: [&[u8; 4]; 2] = [b"avif", b"avis"];

pub(super) fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(JPEG_MAGIC) {
        Sniffed::Photo(PhotoFormat::Jpeg)
    } else if bytes.starts_with(PNG_MAGIC) {
        Sniffed::Photo(PhotoFormat::Png)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Sniffed::Photo(PhotoFormat::Gif)
    } else if is_heif(bytes) {
        Sniffed::Heif
    } else {
        Sniffed::Unknown
    }
}

/// Reads the leading `ftyp` box: size, `ftyp`, major brand, minor version, compatible brands.
fn is_heif(bytes: &[u8]) -> bool {
    if bytes.get(4..8) != Some(b"ftyp".as_slice()) {
        return false;
    }
    let Some(size) = bytes.get(0..4).and_then(|b| <[u8; 4]>::try_from(b).ok()) else {
        return false;
    };
    let end = usize::try_from(u32::from_be_bytes(size)).map_or(bytes.len(), |size| size.min(bytes.len()));
    let Some(major) = bytes.get(8..12) else {
        return false;
    };
    if AVIF_BRANDS.iter().any(|brand| major == brand.as_slice()) {
        return false;
    }
    let compatible = bytes.get(16..end).unwrap_or_default().chunks_exact(4);
    std::iter::once(major)
        .chain(compatible)
        .any(|brand| HEIF_BRANDS.iter().any(|heif| brand == heif.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut bytes = u32::try_from(size).unwrap().to_be_bytes().to_vec();
        bytes.extend_from_slice(b"ftyp");
        bytes.extend_from_slice(major);
        bytes.extend_from_slice(&[0, 0, 0, 0]);
        for brand in compatible {
            bytes.extend_from_slice(brand.as_slice());
        }
        bytes.extend_from_slice(&[0, 0, 0, 8, b'm', b'e', b't', b'a']);
        bytes
    }

    #[test]
    fn iphone_heic_is_recognised_by_its_major_brand() {
        assert_eq!(sniff(&ftyp(b"heic", &[b"mif1", b"heic"])), Sniffed::Heif);
    }

    #[test]
    fn heif_is_recognised_by_a_compatible_brand() {
        assert_eq!(sniff(&ftyp(b"XXXX", &[b"mif1"])), Sniffed::Heif);
    }

    #[test]
    fn avif_and_keitai_video_are_not_heif() {
        assert_eq!(sniff(&ftyp(b"avif", &[b"mif1", b"miaf"])), Sniffed::Unknown);
        assert_eq!(sniff(&ftyp(b"3gp6", &[b"3gp6", b"isom"])), Sniffed::Unknown);
    }

    #[test]
    fn image_magic_bytes_are_recognised() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Sniffed::Photo(PhotoFormat::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Sniffed::Photo(PhotoFormat::Png));
        assert_eq!(sniff(b"GIF89a\x01\x00"), Sniffed::Photo(PhotoFormat::Gif));
        assert_eq!(sniff(b"GIF"), Sniffed::Unknown);
        assert_eq!(sniff(b""), Sniffed::Unknown);
    }
}
