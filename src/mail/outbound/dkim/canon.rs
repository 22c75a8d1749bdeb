//! RFC 6376 §3.4 "relaxed" canonicalization of header fields and bodies, on raw bytes (bodies
//! may be Shift_JIS 8bit; neither Shift_JIS trail bytes nor JIS pairs are ever SP, HTAB, CR or LF).

/// The header fields of a message (each with its continuation lines, without the final line
/// end) and the body after the blank line. A bare LF is taken as a line end too.
pub(crate) fn split_message(message: &[u8]) -> (Vec<&[u8]>, &[u8]) {
    let mut fields: Vec<&[u8]> = Vec::new();
    let mut field_start = None;
    let mut pos = 0;
    while pos < message.len() {
        let line_end = message[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(message.len(), |i| pos + i);
        let next = (line_end + 1).min(message.len());
        let content_end = if line_end > pos && message[line_end - 1] == b'\r' {
            line_end - 1
        } else {
            line_end
        };
        let line = &message[pos..content_end];
        if line.is_empty() {
            if let Some(start) = field_start {
                fields.push(trim_line_end(&message[start..pos]));
            }
            return (fields, &message[next..]);
        }
        if !is_wsp(line[0]) {
            if let Some(start) = field_start {
                fields.push(trim_line_end(&message[start..pos]));
            }
            field_start = Some(pos);
        }
        pos = next;
    }
    if let Some(start) = field_start {
        fields.push(trim_line_end(&message[start..]));
    }
    (fields, &[])
}

/// The field name (before the colon), as written.
pub(crate) fn field_name(field: &[u8]) -> &[u8] {
    let colon = field.iter().position(|&b| b == b':').unwrap_or(field.len());
    trim_wsp_end(&field[..colon])
}

/// §3.4.2: lower-case name, unfolded value with WSP runs as one SP, no WSP around the colon or
/// at the end; followed by CRLF.
pub(crate) fn relaxed_header(field: &[u8]) -> Vec<u8> {
    let colon = field.iter().position(|&b| b == b':').unwrap_or(field.len());
    let mut out: Vec<u8> = field_name(field).to_ascii_lowercase();
    out.push(b':');
    let unfolded: Vec<u8> = field
        .get(colon + 1..)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&b| b != b'\r' && b != b'\n')
        .collect();
    let value = collapse_wsp(&unfolded);
    out.extend_from_slice(trim_wsp_start(trim_wsp_end(&value)));
    out.extend_from_slice(b"\r\n");
    out
}

/// §3.4.4: WSP runs as one SP, no WSP at line ends, no empty lines at the end; a non-empty body
/// ends with CRLF, an empty one stays empty.
pub(crate) fn relaxed_body(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut pending_empty = 0;
    let body = body.strip_suffix(b"\r\n").unwrap_or(body);
    if body.is_empty() {
        return out;
    }
    for line in split_crlf(body) {
        let line = collapse_wsp(line);
        let line = trim_wsp_end(&line);
        if line.is_empty() {
            pending_empty += 1;
            continue;
        }
        for _ in 0..pending_empty {
            out.extend_from_slice(b"\r\n");
        }
        pending_empty = 0;
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out
}

fn split_crlf(body: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.windows(2).position(|w| w == b"\r\n") {
            Some(i) => {
                rest = Some(&current[i + 2..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

fn collapse_wsp(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        if is_wsp(b) {
            if out.last() != Some(&b' ') {
                out.push(b' ');
            }
        } else {
            out.push(b);
        }
    }
    out
}

fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn trim_wsp_end(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| !is_wsp(b)).map_or(0, |i| i + 1);
    &bytes[..end]
}

fn trim_wsp_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| !is_wsp(b)).unwrap_or(bytes.len());
    &bytes[start..]
}

fn trim_line_end(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of RFC 6376 §3.4.5.
    const EXAMPLE: &[u8] = b"A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    #[test]
    fn rfc_6376_example_headers_canonicalize_as_published() {
        let (fields, _) = split_message(EXAMPLE);
        let canonical: Vec<u8> = fields.iter().flat_map(|f| relaxed_header(f)).collect();
        assert_eq!(canonical, b"a:X\r\nb:Y Z\r\n");
    }

    #[test]
    fn rfc_6376_example_body_canonicalizes_as_published() {
        let (_, body) = split_message(EXAMPLE);
        assert_eq!(relaxed_body(body), b" C\r\nD E\r\n");
    }

    #[test]
    fn empty_bodies_stay_empty_and_a_missing_final_crlf_is_added() {
        assert_eq!(relaxed_body(b""), b"");
        assert_eq!(relaxed_body(b"\r\n\r\n"), b"");
        assert_eq!(relaxed_body(b"abc"), b"abc\r\n");
    }

    #[test]
    fn inner_empty_lines_are_kept() {
        assert_eq!(relaxed_body(b"a\r\n\r\nb\r\n\r\n"), b"a\r\n\r\nb\r\n");
    }

    #[test]
    fn shift_jis_bytes_pass_through_unchanged() {
        let sjis = b"\x8d\xa1\x93\xfa\xf8\x9f \t\x82\xcd\r\n";
        assert_eq!(relaxed_body(sjis), b"\x8d\xa1\x93\xfa\xf8\x9f \x82\xcd\r\n");
    }

    #[test]
    fn a_message_without_a_blank_line_is_all_header() {
        let (fields, body) = split_message(b"A: 1\r\nB: 2");
        assert_eq!(fields, vec![&b"A: 1"[..], &b"B: 2"[..]]);
        assert!(body.is_empty());
    }
}
