//! Message bodies: CRLF line ends, and no line over 998 bytes (RFC 5322 §2.1.1).

use super::wire::Wire;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::borrow::Cow;

/// RFC 5322 §2.1.1: at most 998 bytes before the CRLF.
pub(crate) const MAX_LINE: usize = 998;
/// RFC 2045 §6.8: base64 lines are at most 76 characters.
const BASE64_LINE: usize = 76;

/// CRLF and lone CR become LF, so that only the final writer chooses line ends.
pub(crate) fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Text with LF line ends (bytes as `wire` keeps them) written as lines of at most 998 bytes,
/// each ended by CRLF. A line that is too long is cut between characters; in ISO-2022-JP every
/// piece returns to ASCII before its CRLF and the next starts again with `ESC $ B`.
/// A final LF does not add an empty line.
pub(crate) fn lines(text: &[u8], wire: Wire) -> Vec<u8> {
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let mut out = Vec::with_capacity(text.len() + text.len() / 8 + 2);
    // LF is never part of a double-byte CP932 code, so splitting the bytes is safe.
    for line in text.split(|&b| b == b'\n') {
        for piece in wire.cut(line, MAX_LINE) {
            out.extend_from_slice(&wire.write(&line[piece]));
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

/// Text with LF line ends as CRLF lines, none cut: the canonical form that base64 encodes, whose
/// own lines are short whatever the text's (RFC 2045 §6.8), so a long line stays whole.
pub(crate) fn crlf_lines(text: &[u8]) -> Vec<u8> {
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let mut out = Vec::with_capacity(text.len() + text.len() / 8 + 2);
    for line in text.split(|&b| b == b'\n') {
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Base64 of `canonical` (already CRLF text) in lines of 76 characters, each ended by CRLF.
pub(crate) fn base64_lines(canonical: &[u8]) -> Vec<u8> {
    let encoded = STANDARD.encode(canonical);
    let mut out = Vec::with_capacity(encoded.len() + encoded.len() / BASE64_LINE * 2 + 2);
    for chunk in encoded.as_bytes().chunks(BASE64_LINE) {
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ends_in_crlf_and_a_final_lf_adds_no_line() {
        assert_eq!(lines(b"a\nb\n", Wire::Utf8), b"a\r\nb\r\n");
        assert_eq!(lines(b"a\n\nb", Wire::Utf8), b"a\r\n\r\nb\r\n");
        assert_eq!(lines(b"", Wire::Utf8), b"\r\n");
    }

    #[test]
    fn cr_in_any_form_becomes_lf() {
        assert_eq!(normalize_newlines("a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    #[test]
    fn a_long_line_is_kept_whole_for_base64() {
        let long = "あ".repeat(1000);
        let text = format!("{long}\nb\n");
        assert_eq!(crlf_lines(text.as_bytes()), format!("{long}\r\nb\r\n").into_bytes());
    }

    #[test]
    fn base64_lines_are_76_characters() {
        let out = base64_lines(&[0u8; 100]);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        assert_eq!(lines.iter().map(|l| l.len()).collect::<Vec<_>>(), vec![76, 60]);
    }
}
