//! Walks a JPEG's marker segments from SOI to EOI. zune-jpeg, in the lenient mode `image` uses,
//! paints rows missing from a truncated file grey instead of failing, so a photo cut short in
//! transit must be caught here, before it is decoded into half a picture.

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
/// Markers without a length field: TEM and the restart markers RST0–RST7.
const fn is_standalone(marker: u8) -> bool {
    marker == 0x01 || matches!(marker, 0xD0..=0xD7)
}

/// The marker codes in file order, SOI and EOI included, or `None` if the structure is
/// broken or the file ends before EOI. Bytes after EOI are ignored (some phones pad there).
pub(super) fn markers(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..2)? != [0xFF, SOI] {
        return None;
    }
    let mut found = vec![SOI];
    let mut pos = 2;
    loop {
        if *bytes.get(pos)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may precede a marker code.
        while *bytes.get(pos)? == 0xFF {
            pos += 1;
        }
        let marker = *bytes.get(pos)?;
        pos += 1;
        found.push(marker);
        if marker == EOI {
            return Some(found);
        }
        if is_standalone(marker) {
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(pos)?, *bytes.get(pos + 1)?]));
        if length < 2 {
            return None;
        }
        pos += length;
        if marker == SOS {
            pos = end_of_scan(bytes, pos)?;
        }
    }
}

/// Skips entropy-coded data, where 0xFF is either stuffed (0xFF00) or a restart marker,
/// to the next real marker.
fn end_of_scan(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let ff = pos + bytes.get(pos..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(ff + 1)? {
            0x00 | 0xD0..=0xD7 => pos = ff + 2,
            0xFF => pos = ff + 1,
            _ => return Some(ff),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &[u8] = &[
        0xFF, SOI, 0xFF, 0xE0, 0x00, 0x04, b'J', b'F', 0xFF, SOS, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56,
        0xFF, 0xFF, EOI,
    ];

    #[test]
    fn a_complete_stream_lists_its_markers() {
        assert_eq!(markers(TINY), Some(vec![SOI, 0xE0, SOS, EOI]));
    }

    #[test]
    fn padding_after_eoi_is_ignored() {
        let mut padded = TINY.to_vec();
        padded.extend_from_slice(&[0, 0, 0]);
        assert!(markers(&padded).is_some());
    }

    #[test]
    fn every_cut_before_eoi_is_refused() {
        for end in 0..TINY.len() - 1 {
            assert_eq!(markers(&TINY[..end]), None, "cut at {end}");
        }
    }
}
