//! Text bytes in a mail charset → Unicode with standard emoji.
//!
//! Japanese charsets go through our own pipeline, not the mail parser's, because only ours knows
//! the carriers' emoji: docomo/SoftBank Shift_JIS codes (F89F…, F741…), au's JIS codes inside
//! ISO-2022-JP, SoftBank's private-use code points in UTF-8.

use crate::keitai::jis::iso2022jp_to_cp932;
use crate::keitai::profile::EmojiSet;
use crate::keitai::{Charset, Codec, Target};
use encoding_rs::{Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8, WINDOWS_1252};

/// 〓 in CP932, put where a Shift_JIS byte sequence is invalid.
const GETA_SJIS: [u8; 2] = [0x81, 0xAC];

/// Decodes text the way the sender's phone wrote it.
pub(super) struct Reader<'a> {
    pub codec: &'a Codec,
    /// The emoji code space of the sender's carrier (from the address's domain).
    pub emoji: EmojiSet,
}

/// How a charset label is read.
enum Family {
    Jis,
    ShiftJis,
    Utf8,
    Other(&'static Encoding),
    /// No label, or one that says nothing useful: look at the bytes.
    Unknown,
}

impl Reader<'_> {
    /// Decodes `bytes` labelled with `charset` (a MIME charset name, or none).
    pub fn decode(&self, bytes: &[u8], charset: Option<&str>) -> String {
        match family(charset) {
            Family::Jis => self.shift_jis(&iso2022jp_to_cp932(bytes)),
            Family::ShiftJis => self.shift_jis(bytes),
            Family::Utf8 => self.utf8(bytes),
            Family::Other(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
            Family::Unknown => self.guess(bytes),
        }
    }

    /// Unlabelled bytes (raw 8-bit headers, parts without a charset): phones send their own
    /// charset without saying so. JIS escapes, else UTF-8 when valid, else Shift_JIS.
    pub fn guess(&self, bytes: &[u8]) -> String {
        if bytes.windows(2).any(|w| w[0] == 0x1B && matches!(w[1], b'$' | b'(')) {
            self.shift_jis(&iso2022jp_to_cp932(bytes))
        } else if std::str::from_utf8(bytes).is_ok() {
            self.utf8(bytes)
        } else {
            self.shift_jis(bytes)
        }
    }

    fn shift_jis(&self, bytes: &[u8]) -> String {
        let target = self.target(Charset::ShiftJis, self.emoji);
        self.codec
            .decode(bytes, target)
            .or_else(|_| self.codec.decode(&repair_sjis(bytes), target))
            .unwrap_or_else(|_| SHIFT_JIS.decode_without_bom_handling(bytes).0.into_owned())
    }

    fn utf8(&self, bytes: &[u8]) -> String {
        let text = String::from_utf8_lossy(bytes);
        // Early iPhones (i.softbank.jp) wrote SoftBank's private-use emoji; nobody else sending
        // UTF-8 without a carrier puts emoji in that range.
        let emoji = match self.emoji {
            EmojiSet::Unicode => EmojiSet::Softbank,
            carrier => carrier,
        };
        let target = self.target(Charset::Utf8, emoji);
        self.codec
            .decode(text.as_bytes(), target)
            .unwrap_or_else(|_| text.into_owned())
    }

    fn target(&self, charset: Charset, emoji: EmojiSet) -> Target {
        Target {
            charset,
            emoji,
            avoid_vendor_rows: false,
        }
    }
}

fn family(charset: Option<&str>) -> Family {
    let Some(label) = charset.map(|c| c.trim().trim_matches('"').to_ascii_lowercase()) else {
        return Family::Unknown;
    };
    // Names the WHATWG label list (and so encoding_rs) does not know.
    match label.as_str() {
        "iso-2022-jp-1"
        | "iso-2022-jp-2"
        | "iso-2022-jp-3"
        | "iso-2022-jp-ms"
        | "cp50220"
        | "cp50221"
        | "cp50222"
        | "x-windows-iso2022jp" => return Family::Jis,
        "cp932" | "x-ms-cp932" | "ibm-943" | "shift_jisx0213" | "shift_jis-2004" => return Family::ShiftJis,
        _ => {}
    }
    match Encoding::for_label(label.as_bytes()) {
        Some(e) if e == ISO_2022_JP => Family::Jis,
        Some(e) if e == SHIFT_JIS => Family::ShiftJis,
        Some(e) if e == UTF_8 => Family::Utf8,
        // "us-ascii" maps to windows-1252, but a phone that says ASCII and sends 8 bits means its own charset.
        Some(e) if e == WINDOWS_1252 && label.contains("ascii") => Family::Unknown,
        Some(e) => Family::Other(e),
        None => Family::Unknown,
    }
}

/// Replaces byte sequences that are not CP932 with 〓 so that the rest of the text survives.
fn repair_sjis(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0x81..=0x9F | 0xE0..=0xFC => 2,
            _ => 1,
        };
        match bytes.get(i..i + len) {
            Some(unit)
                if SHIFT_JIS
                    .decode_without_bom_handling_and_without_replacement(unit)
                    .is_some() =>
            {
                out.extend_from_slice(unit);
                i += len;
            }
            _ => {
                out.extend_from_slice(&GETA_SJIS);
                i += 1;
            }
        }
    }
    out
}

/// Body text as stored: LF line ends, no control characters but tabs, no trailing newlines.
pub(super) fn tidy_body(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    text.trim_end_matches('\n').to_string()
}

/// A header value as one line: folding and control characters gone, tabs as spaces.
pub(super) fn tidy_line(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| c != '\r' && c != '\n')
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|&c| !c.is_control())
        .collect();
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_shift_jis_keeps_the_good_text() {
        assert_eq!(
            repair_sjis(b"\x82\xa0\xff\x82\xa2\x82"),
            b"\x82\xa0\x81\xac\x82\xa2\x81\xac"
        );
    }

    #[test]
    fn labels_are_read_by_family() {
        assert!(matches!(family(Some("\"ISO-2022-JP\"")), Family::Jis));
        assert!(matches!(family(Some("Windows-31J")), Family::ShiftJis));
        assert!(matches!(family(Some("CP932")), Family::ShiftJis));
        assert!(matches!(family(Some("utf8")), Family::Utf8));
        assert!(matches!(family(Some("us-ascii")), Family::Unknown));
        assert!(matches!(family(Some("euc-jp")), Family::Other(_)));
        assert!(matches!(family(None), Family::Unknown));
    }

    #[test]
    fn body_text_gets_lf_line_ends_and_loses_trailing_newlines() {
        assert_eq!(tidy_body("a\r\nb\rc\u{0}\r\n\r\n"), "a\nb\nc");
        assert_eq!(tidy_line(" 件名\r\n\tつづき "), "件名 つづき");
    }
}
