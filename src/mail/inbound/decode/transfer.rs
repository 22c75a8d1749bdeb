//! Content-Transfer-Encoding undone by hand, so that the bytes keep their charset (and carrier
//! emoji) and a damaged base64 body is noticed instead of silently cut short.

/// Bytes of a part body with its transfer encoding undone.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Decoded {
    pub bytes: Vec<u8>,
    /// False when the encoded text was damaged: stray characters, or a last group cut short.
    pub intact: bool,
}

/// Undoes the named transfer encoding; unknown names (7bit, 8bit, binary, x-uuencode…) pass through.
pub(super) fn undo(encoding: Option<&str>, body: &[u8]) -> Decoded {
    let name = encoding.map(|e| e.trim().to_ascii_lowercase());
    match name.as_deref() {
        Some("base64") => base64(body),
        Some("quoted-printable") => Decoded {
            bytes: quoted_printable(body),
            intact: true,
        },
        _ => Decoded {
            bytes: body.to_vec(),
            intact: true,
        },
    }
}

/// Lenient base64: whitespace and stray characters are skipped, but noted.
pub(super) fn base64(text: &[u8]) -> Decoded {
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let (mut group, mut count, mut intact) = (0u32, 0u8, true);
    for &c in text {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                // Padding ends a group of two or three characters; flush what it holds.
                flush(&mut bytes, group, count);
                intact &= count != 1;
                (group, count) = (0, 0);
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => {
                intact = false;
                continue;
            }
        };
        group = group << 6 | u32::from(value);
        count += 1;
        if count == 4 {
            bytes.extend_from_slice(&group.to_be_bytes()[1..]);
            (group, count) = (0, 0);
        }
    }
    // A group left open without padding means the text stopped in the middle: truncated.
    intact &= count == 0;
    flush(&mut bytes, group, count);
    Decoded { bytes, intact }
}

fn flush(bytes: &mut Vec<u8>, group: u32, count: u8) {
    match count {
        2 => bytes.push((group >> 4) as u8),
        3 => bytes.extend_from_slice(&[(group >> 10) as u8, (group >> 2) as u8]),
        _ => {}
    }
}

/// Lenient quoted-printable: a `=` that starts no escape is kept as it is.
pub(super) fn quoted_printable(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c != b'=' {
            out.push(c);
            i += 1;
            continue;
        }
        let rest = &text[i + 1..];
        if let Some(byte) = hex_pair(rest) {
            out.push(byte);
            i += 3;
        } else if let Some(len) = soft_break_len(rest) {
            i += 1 + len;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn hex_pair(rest: &[u8]) -> Option<u8> {
    let digit = |c: u8| char::from(c).to_digit(16);
    match rest {
        [a, b, ..] => Some((digit(*a)? * 16 + digit(*b)?) as u8),
        _ => None,
    }
}

/// `=` at a line end (spaces allowed before the break, as some encoders leave them).
fn soft_break_len(rest: &[u8]) -> Option<usize> {
    let spaces = rest.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    match &rest[spaces..] {
        [b'\r', b'\n', ..] => Some(spaces + 2),
        [b'\n', ..] => Some(spaces + 1),
        [] => Some(spaces),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_with_line_breaks_and_padding_is_intact() {
        let decoded = base64(b"5YKY44KS\r\n5b+Y44KM\r\n44Ga44Gr7oGL\r\n");
        assert_eq!(String::from_utf8(decoded.bytes).unwrap(), "傘を忘れずに\u{E04B}");
        assert!(decoded.intact);
        assert_eq!(
            base64(b"YQ=="),
            Decoded {
                bytes: b"a".to_vec(),
                intact: true
            }
        );
    }

    #[test]
    fn base64_cut_in_the_middle_of_a_group_is_not_intact() {
        let decoded = base64(b"/9j/4AAQSk");
        assert!(!decoded.intact);
        assert_eq!(decoded.bytes[..3], [0xFF, 0xD8, 0xFF]);
        assert!(!base64(b"YWJj!ZGVm").intact);
        assert!(!base64(b"YWJjZ===").intact);
    }

    #[test]
    fn quoted_printable_keeps_stray_equals_signs() {
        assert_eq!(quoted_printable(b"a=3Db=\r\nc = d=\n"), b"a=bc = d");
        assert_eq!(quoted_printable(b"=1B$B=3"), b"\x1b$B=3");
    }

    #[test]
    fn unknown_encodings_pass_through() {
        assert_eq!(undo(Some("8bit"), b"\x82\xa0").bytes, b"\x82\xa0");
        assert_eq!(undo(Some(" Base64 "), b"YQ==").bytes, b"a");
    }
}
