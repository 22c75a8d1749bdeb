//! Character folding for cells that must be ASCII: what a Japanese IME types in full width.
//!
//! The standard library has no NFKC, and NFKC would also change things we want kept (「①組」).
//! We fold only where a cell is meant to be ASCII (numbers, codes, tags, addresses, times,
//! header names), so a full-width character there can only be a typing slip.

/// Full-width ASCII (U+FF01–U+FF5E: `０-９`, `Ａ-Ｚ`, `ａ-ｚ`, `＠`, `：`, …) and the ideographic
/// space become their ASCII forms; every other character is kept.
pub(crate) fn ascii_width(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Like [`ascii_width`], and the dashes a Japanese keyboard produces for `-` (長音「ー」,
/// 「‐」, 「−」, 「―」) become `-`. Only for cells that are ASCII codes, where 「ー」 cannot be meant.
pub(crate) fn ascii_code(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}' => '-',
            c => fold_char(c),
        })
        .collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_letters_and_signs_become_ascii() {
        assert_eq!(ascii_width("３"), "3");
        assert_eq!(ascii_width("Ａｂ１２＠ｄｏｃｏｍｏ．ｎｅ．ｊｐ"), "Ab12@docomo.ne.jp");
        assert_eq!(ascii_width("２２：００"), "22:00");
        assert_eq!(ascii_width("ＩＣ　タグ"), "IC タグ");
    }

    #[test]
    fn japanese_text_is_kept() {
        assert_eq!(ascii_width("髙橋 ①組 ～ ー"), "髙橋 ①組 ~ ー");
    }

    #[test]
    fn dashes_become_hyphens_only_in_codes() {
        assert_eq!(ascii_code("Ａ－１２"), "A-12");
        assert_eq!(ascii_code("A‐1ー2−3"), "A-1-2-3");
        assert_eq!(ascii_width("A‐1ー2"), "A‐1ー2");
    }
}
