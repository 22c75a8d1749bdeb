//! RFC 2047 B encoded-words for header text, folded so that no line passes 76 characters.
//!
//! Text is cut between characters (`Wire::cut`), so every word decodes on its own; an
//! ISO-2022-JP word starts and ends in ASCII mode, as RFC 1468 and RFC 2047 §5 ask.

use super::wire::Wire;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// RFC 2047 §2: an encoded-word is at most 75 characters long.
pub(crate) const MAX_WORD: usize = 75;
/// RFC 2047 §2: a header line holding an encoded-word is at most 76 characters long.
pub(crate) const MAX_LINE: usize = 76;

/// Writes `text` (bytes as `wire` keeps them) as encoded-words in charset `label`. The first word
/// is at most `first_max` characters long, so that it fits after the field name; the others at most 75.
/// Empty text gives no words.
pub(crate) fn encoded_words(label: &str, wire: Wire, text: &[u8], first_max: usize) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let raw_limit = |max: usize| max.saturating_sub(label.len() + "=??B??=".len()) / 4 * 3;
    let first_end = wire
        .cut(text, raw_limit(first_max.min(MAX_WORD)))
        .first()
        .map_or(text.len(), |r| r.end);
    let mut words = vec![word(label, &wire.write(&text[..first_end]))];
    if first_end < text.len() {
        let rest = &text[first_end..];
        for piece in wire.cut(rest, raw_limit(MAX_WORD)) {
            words.push(word(label, &wire.write(&rest[piece])));
        }
    }
    words
}

fn word(label: &str, bytes: &[u8]) -> String {
    format!("=?{label}?B?{}?=", STANDARD.encode(bytes))
}

/// The longest first word that fits on the line after `Name: `.
pub(crate) fn first_word_max(name: &str) -> usize {
    MAX_LINE.saturating_sub(name.len() + 2).min(MAX_WORD)
}

/// `Name: word1` CRLF ` word2` … then `tail` (e.g. ` <addr>`) on the last line if it fits, else on
/// its own line. Ends without CRLF.
pub(crate) fn fold(name: &str, words: &[String], tail: &str) -> String {
    let mut out = format!("{name}:");
    let mut line_len = out.len();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
            line_len = 0;
        }
        out.push(' ');
        out.push_str(w);
        line_len += 1 + w.len();
    }
    if !tail.is_empty() {
        if line_len + tail.len() > MAX_LINE {
            out.push_str("\r\n");
        }
        out.push_str(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_one_word() {
        let words = encoded_words("UTF-8", Wire::Utf8, "広場".as_bytes(), MAX_WORD);
        assert_eq!(words, vec!["=?UTF-8?B?5bqD5aC0?="]);
    }

    #[test]
    fn empty_text_is_no_word() {
        assert!(encoded_words("UTF-8", Wire::Utf8, b"", MAX_WORD).is_empty());
        assert_eq!(fold("From", &[], " <a@b.jp>"), "From: <a@b.jp>");
    }

    #[test]
    fn words_and_lines_stay_within_rfc_2047_limits() {
        let text = "あ".repeat(40);
        let name = "Subject";
        let words = encoded_words("UTF-8", Wire::Utf8, text.as_bytes(), first_word_max(name));
        assert!(words.len() > 2);
        assert!(words.iter().all(|w| w.len() <= MAX_WORD));
        let header = fold(name, &words, "");
        assert!(header.split("\r\n").all(|line| line.len() <= MAX_LINE), "{header}");
        assert!(header.split("\r\n").skip(1).all(|line| line.starts_with(' ')));
    }

    #[test]
    fn a_tail_that_does_not_fit_goes_on_its_own_line() {
        let words = vec!["=?UTF-8?B?5bqD5aC0?=".to_string()];
        assert_eq!(fold("From", &words, " <a@b.jp>"), "From: =?UTF-8?B?5bqD5aC0?= <a@b.jp>");
        let tail = " <someone-with-a-rather-long-name@hiroba.example.jp>";
        assert_eq!(fold("From", &words, tail), format!("From: {}\r\n{tail}", words[0]));
    }
}
