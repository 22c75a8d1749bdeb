//! Half-width katakana → full-width, for ISO-2022-JP mail.
//!
//! RFC 1468 ISO-2022-JP has no half-width katakana; `ESC ( I` and SO/SI are Microsoft's CP50221
//! extensions, which keitai mailers display inconsistently (or as garbage), so mail carries the
//! full-width forms. A voiced-sound mark after a kana that takes it is merged (ｶﾞ → ガ), as NFKC does.

use std::borrow::Cow;

/// Full-width forms of U+FF61 … U+FF9F, in order.
const FULL: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";
const DAKUTEN: char = '\u{FF9E}';
const HANDAKUTEN: char = '\u{FF9F}';

/// Replaces half-width katakana and punctuation by their full-width forms.
pub(crate) fn to_full_width(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_half_width) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(full) = full_width(c) else {
            out.push(c);
            continue;
        };
        let combined = match chars.peek() {
            Some(&DAKUTEN) => voiced(full),
            Some(&HANDAKUTEN) => semi_voiced(full),
            _ => None,
        };
        match combined {
            Some(combined) => {
                out.push(combined);
                chars.next();
            }
            None => out.push(full),
        }
    }
    Cow::Owned(out)
}

fn is_half_width(c: char) -> bool {
    ('\u{FF61}'..=HANDAKUTEN).contains(&c)
}

fn full_width(c: char) -> Option<char> {
    if !is_half_width(c) {
        return None;
    }
    FULL.chars().nth(c as usize - 0xFF61)
}

/// ガ from カ and so on; ヴ from ウ. (ヷ and ヺ are not in JIS X 0208, so ﾜﾞ stays ワ゛.)
fn voiced(base: char) -> Option<char> {
    match base {
        'ウ' => Some('ヴ'),
        // In the full-width block each of these is directly followed by its voiced form.
        _ if "カキクケコサシスセソタチツテトハヒフヘホ".contains(base) => {
            char::from_u32(base as u32 + 1)
        }
        _ => None,
    }
}

/// パ from ハ and so on: two code points after the plain form.
fn semi_voiced(base: char) -> Option<char> {
    if "ハヒフヘホ".contains(base) {
        char::from_u32(base as u32 + 2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_kana_become_full_width_with_voiced_marks_merged() {
        assert_eq!(to_full_width("ｶﾞｯｺｳ ﾊﾟﾊﾞ ｳﾞｧｲｵﾘﾝ"), "ガッコウ パバ ヴァイオリン");
        assert_eq!(to_full_width("｢ｱｲｱｲ広場｣､ｰ｡･ｦﾝ"), "「アイアイ広場」、ー。・ヲン");
    }

    #[test]
    fn marks_that_cannot_merge_stay_as_full_width_marks() {
        assert_eq!(to_full_width("ｱﾞﾜﾞﾟ"), "ア゛ワ゛゜");
    }

    #[test]
    fn text_without_half_width_kana_is_borrowed() {
        assert!(matches!(to_full_width("かな カナ abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_table_covers_the_whole_block() {
        assert_eq!(FULL.chars().count(), 0xFF9F - 0xFF61 + 1);
    }
}
