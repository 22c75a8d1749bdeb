//! C0 control characters removed from text people type, when forms and mails are parsed.
//!
//! Nothing a person types needs them, and some do harm on the way out: an ESC written into a
//! SoftBank Shift_JIS page starts a web-code emoji escape, a NUL or a bell confuses handsets and mail
//! readers. Newline and tab stay; CR stays only as part of CRLF (keitai forms send CRLF, which the
//! text types fold into LF).

use std::borrow::Cow;

/// `text` without its C0 control characters (U+0000–U+001F) other than LF, tab and the CR of a CRLF.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c < ' ') {
        return Cow::Borrowed(text);
    }
    let mut chars = text.chars().peekable();
    let mut out = String::with_capacity(text.len());
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            '\u{0}'..='\u{1F}' => false,
            _ => true,
        };
        if keep {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::strip_controls;

    #[test]
    fn controls_go_and_line_breaks_and_tabs_stay() {
        let cases = [
            ("普通の文", "普通の文"),
            ("a\u{1B}$Gj\u{0F}b", "a$Gjb"),
            ("a\u{0}b\u{7}c\u{8}d\u{1F}e", "abcde"),
            ("1行目\r\n2行目\n\t字下げ", "1行目\r\n2行目\n\t字下げ"),
            ("lone\rCR", "loneCR"),
            ("end\r", "end"),
            ("\u{7F}DEL is not C0", "\u{7F}DEL is not C0"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_controls(input), expected, "{input:?}");
        }
    }
}
