//! Folding text for search: the same folding is applied to the index and to the query, so that
//! half-width and full-width forms and upper and lower case find each other.
//!
//! The rules (kept in step with the `hiroba_fold` SQL function of the PostgreSQL migration
//! `2026-11-25-000002_search`, which spells them with `replace` and `translate`):
//! - half-width katakana become full-width, a following ﾞ/ﾟ merged where JIS X 0208 has the
//!   voiced form (ｶﾞ → ガ), as the mail side does (`domain::kana`);
//! - full-width ASCII (U+FF01–U+FF5E) becomes ASCII, the ideographic space a space;
//! - WAVE DASH 〜 becomes `~` and MINUS SIGN − becomes `-` (keitai send their CP932 twins ～ and －,
//!   which the rule above already folds);
//! - ASCII letters become lower case.
//!
//! Nothing else changes, so one character of text is at most one character of folded text and
//! snippets can point back into the original.

use crate::domain::kana::to_full_width;

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    fold_indexed(text).into_iter().map(|(c, _)| c).collect()
}

/// The folded characters of `text`, each with the char index in `text` where it came from.
pub fn fold_indexed(text: &str) -> Vec<(char, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_half_width_kana(c) {
            // A kana with its sound mark may become one character: fold the pair, then the one.
            if let Some(&mark) = chars.get(i + 1).filter(|m| matches!(m, '\u{FF9E}' | '\u{FF9F}')) {
                let pair = to_full_width(&format!("{c}{mark}")).into_owned();
                let mut merged = pair.chars();
                if let (Some(one), None) = (merged.next(), merged.next()) {
                    out.push((one, i));
                    i += 2;
                    continue;
                }
            }
            let single = to_full_width(c.encode_utf8(&mut [0; 4])).chars().next().unwrap_or(c);
            out.push((single, i));
        } else {
            out.push((fold_char(c), i));
        }
        i += 1;
    }
    out
}

fn is_half_width_kana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// The one-to-one rules.
fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{301C}' => '~',
        '\u{2212}' => '-',
        _ => c,
    };
    c.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_latin_and_digits_fold_to_lower_case_ascii() {
        assert_eq!(fold("ＡＢＣ abc ＸＹＺ１２３！"), "abc abc xyz123!");
        assert_eq!(fold("iPhone"), "iphone");
    }

    #[test]
    fn half_width_katakana_becomes_full_width_with_sound_marks_merged() {
        assert_eq!(fold("ｶﾀｶﾅ ﾍﾞﾋﾞｰｶｰ ﾊﾟﾊﾟ"), "カタカナ ベビーカー パパ");
        assert_eq!(fold("ｱﾞ"), "ア゛");
    }

    #[test]
    fn the_ideographic_space_and_keitai_dash_and_tilde_forms_fold() {
        assert_eq!(fold("公園\u{3000}ベビー"), "公園 ベビー");
        assert_eq!(fold("10:00〜12:00"), fold("10:00～12:00"));
        assert_eq!(fold("−－"), "--");
    }

    #[test]
    fn japanese_text_and_other_letters_are_left_alone() {
        assert_eq!(
            fold("子育て支援センター ひらがな ÉCOLE"),
            "子育て支援センター ひらがな École"
        );
    }

    #[test]
    fn folding_twice_changes_nothing() {
        let once = fold("ＡｂＣ ｶﾞｯｺｳ\u{3000}〜");
        assert_eq!(fold(&once), once);
    }

    #[test]
    fn each_folded_character_points_back_to_its_source() {
        let folded = fold_indexed("aｶﾞb");
        assert_eq!(folded, vec![('a', 0), ('ガ', 1), ('b', 3)]);
    }
}
