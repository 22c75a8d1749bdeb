//! Bytes made readable for `insta` snapshots, without losing a single one: a change of one byte
//! in a page or a mail changes the snapshot.
//!
//! - Text is shown decoded (Shift_JIS, UTF-8 or ASCII) only when decoding is exact: the decoded
//!   text encodes back to the very same bytes. Otherwise every byte is shown in hex.
//! - What a reader could not see is written out between ⟨ and ⟩: control bytes (`⟨ESC⟩`,
//!   `⟨CR⟩`, `⟨LF⟩`, `⟨TAB⟩`, `⟨x01⟩`), carrier emoji and other private-use characters
//!   (`⟨U+E63E⟩`) and a literal `⟨` itself (`⟨⟨⟩`).
//! - Mail: one line per CRLF-ended line. HTML: a line break after every `>` (the pages have
//!   none of their own), so that a diff points at the element that changed.
//!
//! What differs from run to run (dates, Message-IDs, CSRF tokens, session ids) is replaced with
//! a `[name]` before the bytes are shown, by the callers.

/// How the bytes are meant to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    ShiftJis,
    /// UTF-8, or plain ASCII (ISO-2022-JP mail is ASCII with ESC sequences).
    Utf8,
}

/// A mail as lines (each ended by CRLF in the bytes), with a note on how it is shown.
pub fn mail(bytes: &[u8], charset: Charset) -> String {
    let mut out = format!("{}\n", note(charset));
    let mut rest = bytes;
    while !rest.is_empty() {
        let (line, ended) = match rest.windows(2).position(|w| w == b"\r\n") {
            Some(at) => (&rest[..at], true),
            None => (rest, false),
        };
        out.push_str(&visible(line, charset));
        out.push_str(if ended { "\n" } else { "⟨no CRLF at the end⟩\n" });
        rest = &rest[(line.len() + if ended { 2 } else { 0 })..];
    }
    out
}

/// An HTML body with a line break after every `>`, with a note on how it is shown.
pub fn html(bytes: &[u8], charset: Charset) -> String {
    let shown = visible(bytes, charset);
    format!("{}\n{}\n", note(charset), shown.replace('>', ">\n").trim_end())
}

fn note(charset: Charset) -> &'static str {
    match charset {
        Charset::ShiftJis => {
            "(Shift_JIS bytes, shown decoded: they decode and encode back exactly; ⟨…⟩ marks what is not plain text)"
        }
        Charset::Utf8 => "(UTF-8 or ASCII bytes, shown as text; ⟨…⟩ marks what is not plain text)",
    }
}

/// The bytes as text, if they decode exactly, else as hex.
fn visible(bytes: &[u8], charset: Charset) -> String {
    let decoded = match charset {
        Charset::ShiftJis => {
            let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(bytes);
            (!malformed && encode_sjis(&text) == bytes).then(|| text.into_owned())
        }
        Charset::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
    };
    match decoded {
        Some(text) => text.chars().map(shown).collect(),
        None => format!(
            "⟨not {charset:?} text, in hex: {}⟩",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
        ),
    }
}

/// Shift_JIS as encoding_rs writes it, and the user-defined area (0xF040–0xF9FC, where the
/// carriers' emoji live), which its decoder maps to U+E000–U+E757 but its encoder leaves out.
fn encode_sjis(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut run_start = 0;
    for (at, c) in text.char_indices() {
        let code = c as u32;
        if !(0xE000..=0xE757).contains(&code) {
            continue;
        }
        out.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(&text[run_start..at]).0);
        let pointer = code - 0xE000 + 8836;
        let (lead, trail) = (pointer / 188, pointer % 188);
        out.push((lead + if lead < 0x1F { 0x81 } else { 0xC1 }) as u8);
        out.push((trail + if trail < 0x3F { 0x40 } else { 0x41 }) as u8);
        run_start = at + c.len_utf8();
    }
    out.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(&text[run_start..]).0);
    out
}

fn shown(c: char) -> String {
    match c {
        '⟨' => "⟨⟨⟩".into(),
        '\u{1b}' => "⟨ESC⟩".into(),
        '\r' => "⟨CR⟩".into(),
        '\n' => "⟨LF⟩".into(),
        '\t' => "⟨TAB⟩".into(),
        c if c.is_control() => format!("⟨x{:02x}⟩", c as u32),
        '\u{e000}'..='\u{f8ff}' => format!("⟨U+{:04X}⟩", c as u32),
        c => c.to_string(),
    }
}

/// `text` with the value after each `prefix` (up to the next byte of `ends`) replaced by `[name]`.
pub fn redact(text: &[u8], prefix: &str, ends: &[u8], name: &str) -> Vec<u8> {
    let prefix = prefix.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.windows(prefix.len()).position(|w| w == prefix) {
        let start = at + prefix.len();
        out.extend_from_slice(&rest[..start]);
        let len = rest[start..]
            .iter()
            .position(|b| ends.contains(b))
            .unwrap_or(rest.len() - start);
        out.extend_from_slice(format!("[{name}]").as_bytes());
        rest = &rest[start + len..];
    }
    out.extend_from_slice(rest);
    out
}

#[test]
fn a_changed_byte_changes_what_is_shown() {
    let sjis = encoding_rs::SHIFT_JIS.encode("晴れ").0.into_owned();
    let mut changed = sjis.clone();
    changed[1] ^= 1;
    assert_ne!(visible(&sjis, Charset::ShiftJis), visible(&changed, Charset::ShiftJis));
    // Half of a character is not text: it is shown in hex.
    assert!(visible(&sjis[..3], Charset::ShiftJis).contains("hex"));
    assert_eq!(visible(&[0xF8, 0x9F], Charset::ShiftJis), "⟨U+E63E⟩");
    assert_eq!(
        visible(&[0xF0, 0x40, 0xF9, 0xFC], Charset::ShiftJis),
        "⟨U+E000⟩⟨U+E757⟩"
    );
    assert_eq!(
        mail(b"a\r\nb\nc", Charset::Utf8).lines().skip(1).collect::<Vec<_>>(),
        ["a", "b⟨LF⟩c⟨no CRLF at the end⟩"]
    );
    assert_eq!(redact(b"id=abc; x id=d;", "id=", b";", "id"), b"id=[id]; x id=[id];");
}
