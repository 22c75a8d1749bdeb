//! Text for keitai mail: Unicode in, CP932 out — either for a Shift_JIS mail with the carrier's
//! emoji codes, or limited to what ISO-2022-JP can carry.
//!
//! Emoji are decided here, before the `Codec` sees the text: an emoji the recipient's carrier has
//! stays for the codec to write as that carrier's code; any other becomes the table's text fallback
//! (`[雨]`), and an emoji the table does not know becomes `[絵文字]` — never 〓.

use super::softbank::softbank_escapes_to_sjis;
use crate::domain::kana;
use crate::keitai::charmap::plain_replacement;
use crate::keitai::emoji::{Carrier, Emoji, EmojiTable};
use crate::keitai::profile::{Charset, EmojiSet, Profile};
use crate::keitai::{Codec, Target};
use encoding_rs::SHIFT_JIS;

/// Shown for an emoji that has no text fallback.
const UNKNOWN_EMOJI: &str = "[絵文字]";
const GETA: char = '〓';
const GETA_SJIS: [u8; 2] = [0x81, 0xAC];

/// The carrier whose emoji codes a profile's mail may carry.
///
/// Keyed on the profile's carrier rather than its web emoji set: WILLCOM pages show docomo's
/// emoji, but WILLCOM mail handling of them varied by handset, so its mail gets text fallbacks.
pub(crate) fn mail_carrier(profile: &Profile) -> Option<Carrier> {
    match profile.carrier.as_str() {
        "docomo" => Some(Carrier::Docomo),
        "au" => Some(Carrier::Au),
        "softbank" => Some(Carrier::Softbank),
        _ => None,
    }
}

/// Whether `text` holds an emoji that `carrier` has a code (or an equivalent) for.
pub(crate) fn has_carrier_emoji(text: &str, carrier: Carrier, table: &EmojiTable) -> bool {
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if let Some((emoji, len)) = emoji_at(&text[i..], c, table) {
            if emoji.code(carrier).is_some() {
                return true;
            }
            i += len;
        } else {
            i += c.len_utf8();
        }
    }
    false
}

/// How keitai text is written for one recipient.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeitaiText<'a> {
    codec: &'a Codec,
    carrier: Option<Carrier>,
    avoid_vendor_rows: bool,
}

impl<'a> KeitaiText<'a> {
    pub(crate) fn new(codec: &'a Codec, profile: &Profile) -> Self {
        KeitaiText {
            codec,
            carrier: mail_carrier(profile),
            avoid_vendor_rows: profile.avoid_vendor_rows,
        }
    }

    /// Whether au's emoji are written as JIS codes in ISO-2022-JP.
    pub(crate) fn au_emoji(&self) -> bool {
        self.carrier == Some(Carrier::Au)
    }

    /// CP932 for a Shift_JIS mail: the carrier's emoji as its Shift_JIS codes; half-width kana
    /// stay (they are native to Shift_JIS handsets).
    pub(crate) fn shift_jis(&self, text: &str) -> Vec<u8> {
        let prepared = prepare(text, self.codec.emoji(), self.carrier, false);
        let bytes = self.codec.encode(&prepared, self.target(self.carrier));
        if self.carrier == Some(Carrier::Softbank) {
            softbank_escapes_to_sjis(&bytes)
        } else {
            bytes
        }
    }

    /// CP932 that ISO-2022-JP can hold: JIS X 0208, NEC row 13 (CP50220; replaced for docomo as
    /// on its pages), au's emoji for au; half-width kana as full-width; no IBM extensions.
    pub(crate) fn jis(&self, text: &str) -> Vec<u8> {
        let kept = self.carrier.filter(|&c| c == Carrier::Au);
        let prepared = prepare(text, self.codec.emoji(), kept, true);
        replace_ibm_rows(&self.codec.encode(&prepared, self.target(kept)))
    }

    fn target(&self, carrier: Option<Carrier>) -> Target {
        Target {
            charset: Charset::ShiftJis,
            emoji: match carrier {
                Some(Carrier::Docomo) => EmojiSet::Docomo,
                Some(Carrier::Au) => EmojiSet::Au,
                Some(Carrier::Softbank) => EmojiSet::Softbank,
                None => EmojiSet::Unicode,
            },
            avoid_vendor_rows: self.avoid_vendor_rows,
        }
    }
}

/// Drops what no phone should see (control characters, variation selectors, joiners, skin tones)
/// and replaces the emoji `keep` lacks by text; half-width kana become full-width if asked.
fn prepare(text: &str, table: &EmojiTable, keep: Option<Carrier>, full_width_kana: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if let Some((emoji, len)) = emoji_at(&text[i..], c, table) {
            match keep.and_then(|carrier| emoji.code(carrier)) {
                Some(_) => out.push_str(&emoji.text),
                None => out.push_str(fallback(emoji)),
            }
            i += len;
            continue;
        }
        i += c.len_utf8();
        if is_invisible(c) {
            continue;
        }
        if is_unknown_emoji(c) {
            out.push_str(UNKNOWN_EMOJI);
            continue;
        }
        out.push(c);
    }
    if full_width_kana {
        kana::to_full_width(&out).into_owned()
    } else {
        out
    }
}

/// The table emoji at the start of `rest` and its length, keycaps (`1⃣`, `1️⃣`) included.
fn emoji_at<'t>(rest: &str, c: char, table: &'t EmojiTable) -> Option<(&'t Emoji, usize)> {
    if !c.is_ascii() {
        return table.match_prefix(rest);
    }
    let after = &rest[1..];
    let len = if after.starts_with('\u{20E3}') {
        1 + '\u{20E3}'.len_utf8()
    } else if after.starts_with("\u{FE0F}\u{20E3}") {
        1 + "\u{FE0F}\u{20E3}".len()
    } else {
        return None;
    };
    table.get(&format!("{c}\u{20E3}")).map(|e| (e, len))
}

fn fallback(emoji: &Emoji) -> &str {
    if emoji.fallback.is_empty() || emoji.fallback.contains(GETA) {
        UNKNOWN_EMOJI
    } else {
        &emoji.fallback
    }
}

/// Control characters and the invisible parts of emoji sequences.
fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

/// A pictograph outside the table that CP932 cannot write either (★ and ♪ can: they stay).
fn is_unknown_emoji(c: char) -> bool {
    let pictograph = matches!(c as u32,
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF | 0x2900..=0x297F | 0x2B00..=0x2BFF
        | 0x1F000..=0x1FAFF | 0xFE000..=0xFEFFF);
    pictograph && SHIFT_JIS.encode(c.encode_utf8(&mut [0; 4])).2
}

/// IBM extension codes (FA40–FC4B, and the NEC-selected copies in ED/EE) have no ISO-2022-JP code:
/// a plain replacement where one exists, else 〓.
fn replace_ibm_rows(cp932: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cp932.len());
    let mut i = 0;
    while i < cp932.len() {
        let lead = cp932[i];
        let double = matches!(lead, 0x81..=0x9F | 0xE0..=0xFC) && i + 1 < cp932.len();
        if !double {
            out.push(lead);
            i += 1;
            continue;
        }
        let pair = &cp932[i..i + 2];
        if matches!(lead, 0xED | 0xEE | 0xFA..=0xFC) {
            out.extend_from_slice(&ibm_replacement(pair));
        } else {
            out.extend_from_slice(pair);
        }
        i += 2;
    }
    out
}

fn ibm_replacement(pair: &[u8]) -> Vec<u8> {
    let replacement = SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(pair)
        .and_then(|text| text.chars().next())
        .and_then(plain_replacement);
    match replacement {
        // The replacements are ASCII and JIS X 0208 text, all in CP932.
        Some(text) => SHIFT_JIS.encode(text).0.into_owned(),
        None => GETA_SJIS.to_vec(),
    }
}

#[cfg(test)]
mod tests;
