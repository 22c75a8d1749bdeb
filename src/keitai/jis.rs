//! ISO-2022-JP ↔ CP932 transcoding for mail, with the extras keitai use.
//!
//! Keitai mail is ISO-2022-JP in the CP50220 sense: NEC row 13 (①), half-width kana after `ESC ( I`,
//! and au's emoji as JIS codes in rows 0x75–0x7B, which no standard decoder knows. Going through
//! CP932 lets the `Codec` map emoji and vendor characters exactly as it does for web pages.

const ESC: u8 = 0x1B;
const SO: u8 = 0x0E;
const SI: u8 = 0x0F;
/// 〓 (GETA MARK), written for a code nothing else can stand for.
const GETA_JIS: [u8; 2] = [0x22, 0x2E];
const GETA_SJIS: [u8; 2] = [0x81, 0xAC];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ascii,
    Kanji,
    Kana,
}

/// Decodes ISO-2022-JP into CP932 bytes. au's JIS emoji become its Shift_JIS emoji codes.
/// Lenient where real phones are sloppy: line breaks inside kanji mode, unknown escapes skipped;
/// a code outside every table becomes 〓.
pub fn iso2022jp_to_cp932(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut mode = Mode::Ascii;
    let mut shifted_out = false;
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        if byte == ESC {
            let (next, skip) = escape(&input[i + 1..]);
            if let Some(next) = next {
                mode = next;
            }
            i += 1 + skip;
            continue;
        }
        match byte {
            SO => shifted_out = true,
            SI => shifted_out = false,
            0x21..=0x7E if shifted_out || mode == Mode::Kana => out.push(byte + 0x80),
            0x21..=0x7E if mode == Mode::Kanji => {
                let Some(&second) = input.get(i + 1).filter(|b| (0x21..=0x7E).contains(*b)) else {
                    out.extend_from_slice(&GETA_SJIS);
                    i += 1;
                    continue;
                };
                out.extend_from_slice(&jis_pair_to_sjis(byte, second));
                i += 2;
                continue;
            }
            _ => out.push(byte),
        }
        i += 1;
    }
    out
}

/// Reads an escape sequence (after ESC): the mode it selects and how many bytes it used.
fn escape(rest: &[u8]) -> (Option<Mode>, usize) {
    match rest {
        [b'(', b'B' | b'J' | b'H', ..] => (Some(Mode::Ascii), 2),
        [b'(', b'I', ..] => (Some(Mode::Kana), 2),
        [b'$', b'@' | b'B', ..] => (Some(Mode::Kanji), 2),
        [b'$', b'(', b'D' | b'Q' | b'O', ..] => (Some(Mode::Kanji), 3),
        [b'&', b'@', ESC, b'$', b'B', ..] => (Some(Mode::Kanji), 5),
        [_, ..] => (None, 1),
        [] => (None, 0),
    }
}

/// One JIS X 0208 code (or an au emoji) as CP932.
fn jis_pair_to_sjis(row: u8, cell: u8) -> [u8; 2] {
    let standard_row = match row {
        0x21..=0x74 => row,
        // au emoji: JIS rows 0x75–0x78 are Shift_JIS F640–F7FC, rows 0x79–0x7B are F340–F493.
        0x75..=0x78 => row + 0x16,
        0x79..=0x7B => row + 0x0C,
        _ => return GETA_SJIS,
    };
    jis_to_sjis(standard_row, cell)
}

/// The classic arithmetic, extended past row 0x7E so that the rows of au's emoji come out right.
fn jis_to_sjis(row: u8, cell: u8) -> [u8; 2] {
    let lead = ((row + 1) >> 1) + if row <= 0x5E { 0x70 } else { 0xB0 };
    let trail = if row % 2 == 1 {
        cell + if cell >= 0x60 { 0x20 } else { 0x1F }
    } else {
        cell + 0x7E
    };
    [lead, trail]
}

/// A Shift_JIS double-byte code as its (extended) JIS row and cell.
fn sjis_to_jis(lead: u8, trail: u8) -> (u8, u8) {
    let base = if lead >= 0xE0 { lead - 0xB0 } else { lead - 0x70 };
    let second_half = trail >= 0x9F;
    let row = base * 2 - if second_half { 0 } else { 1 };
    let cell = if second_half {
        trail - 0x7E
    } else if trail >= 0x80 {
        trail - 0x20
    } else {
        trail - 0x1F
    };
    (row, cell)
}

/// Encodes CP932 bytes as ISO-2022-JP (7 bit), ending in ASCII mode as RFC 1468 requires.
/// With `au_emoji`, au's Shift_JIS emoji become its JIS codes; other codes beyond JIS X 0208
/// (another carrier's emoji, IBM extensions) become 〓, so callers substitute them first.
pub fn cp932_to_iso2022jp(input: &[u8], au_emoji: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + input.len() / 2);
    let mut mode = Mode::Ascii;
    let switch = |out: &mut Vec<u8>, to: Mode, mode: &mut Mode| {
        if *mode != to {
            out.extend_from_slice(match to {
                Mode::Ascii => b"\x1b(B",
                Mode::Kanji => b"\x1b$B",
                Mode::Kana => b"\x1b(I",
            });
            *mode = to;
        }
    };
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        match byte {
            0x00..=0x7F => {
                switch(&mut out, Mode::Ascii, &mut mode);
                out.push(byte);
            }
            0xA1..=0xDF => {
                switch(&mut out, Mode::Kana, &mut mode);
                out.push(byte - 0x80);
            }
            0x81..=0x9F | 0xE0..=0xFC if i + 1 < input.len() => {
                switch(&mut out, Mode::Kanji, &mut mode);
                out.extend_from_slice(&sjis_pair_to_jis(byte, input[i + 1], au_emoji));
                i += 2;
                continue;
            }
            _ => {
                switch(&mut out, Mode::Kanji, &mut mode);
                out.extend_from_slice(&GETA_JIS);
            }
        }
        i += 1;
    }
    switch(&mut out, Mode::Ascii, &mut mode);
    out
}

fn sjis_pair_to_jis(lead: u8, trail: u8, au_emoji: bool) -> [u8; 2] {
    if !matches!(trail, 0x40..=0x7E | 0x80..=0xFC) {
        return GETA_JIS;
    }
    let (row, cell) = sjis_to_jis(lead, trail);
    let row = match row {
        0x21..=0x74 => row,
        0x8B..=0x8E if au_emoji => row - 0x16,
        0x85..=0x87 if au_emoji => row - 0x0C,
        _ => return GETA_JIS,
    };
    [row, cell]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn au_umbrella_and_snowman_map_between_jis_and_sjis() {
        // From a real au mail: ☔ is JIS 0x7545 and Shift_JIS F664; ⛄ is 0x753E and F65D.
        assert_eq!(iso2022jp_to_cp932(b"\x1b$BuE\x1b(B"), vec![0xF6, 0x64]);
        assert_eq!(iso2022jp_to_cp932(b"\x1b$Bu>\x1b(B"), vec![0xF6, 0x5D]);
        assert_eq!(cp932_to_iso2022jp(&[0xF6, 0x64], true), b"\x1b$BuE\x1b(B");
    }

    #[test]
    fn au_emoji_rows_cover_f340_to_f493() {
        assert_eq!(cp932_to_iso2022jp(&[0xF3, 0x40], true), b"\x1b$By!\x1b(B");
        assert_eq!(cp932_to_iso2022jp(&[0xF4, 0x93], true), b"\x1b$B{s\x1b(B");
        assert_eq!(iso2022jp_to_cp932(b"\x1b$B{s\x1b(B"), vec![0xF4, 0x93]);
    }

    #[test]
    fn every_jis_x_0208_code_survives_the_round_trip() {
        for row in 0x21..=0x74u8 {
            for cell in 0x21..=0x7Eu8 {
                let jis = [0x1B, b'$', b'B', row, cell, 0x1B, b'(', b'B'];
                let sjis = iso2022jp_to_cp932(&jis);
                assert_eq!(cp932_to_iso2022jp(&sjis, false), jis, "{row:02X}{cell:02X}");
            }
        }
    }

    fn cp932_text(bytes: &[u8]) -> String {
        let sjis = iso2022jp_to_cp932(bytes);
        let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&sjis);
        assert!(!bad, "{text}");
        text.into_owned()
    }

    #[test]
    fn nec_row_13_and_half_width_kana_decode_as_cp932() {
        assert_eq!(cp932_text(b"\x1b$B-!\x1b(B\x1b(I6^/:\x1b(B"), "①ｶﾞｯｺ");
        assert_eq!(cp932_text(b"\x0e6^\x0fA"), "ｶﾞA");
    }

    #[test]
    fn other_carriers_emoji_and_broken_codes_become_geta() {
        assert_eq!(cp932_to_iso2022jp(&[0xF8, 0x9F], false), b"\x1b$B\x22\x2e\x1b(B");
        assert_eq!(cp932_to_iso2022jp(&[0xF6, 0x64], false), b"\x1b$B\x22\x2e\x1b(B");
        assert_eq!(iso2022jp_to_cp932(b"\x1b$B0"), GETA_SJIS);
    }

    #[test]
    fn line_breaks_inside_kanji_mode_are_kept() {
        assert_eq!(cp932_text(b"\x1b$B$\"\r\n$\"\x1b(B"), "あ\r\nあ");
    }
}
