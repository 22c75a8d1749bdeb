//! Form bodies and query strings in the device's charset → Unicode fields.
//!
//! Percent-encoded bytes are decoded here, in the profile's charset, so that no UTF-8 extractor
//! ever sees Shift_JIS. Nothing is returned unless every field decoded cleanly.

use super::codec::{Codec, DecodeError, Target};
use super::controls::strip_controls;
use memchr::memmem;

/// A decoded form: text fields in order, and uploaded files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FormData {
    pub fields: Vec<(String, String)>,
    pub files: Vec<UploadedFile>,
}

/// A file sent in a multipart form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedFile {
    pub field: String,
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Why a form could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error(transparent)]
    Encoding(#[from] DecodeError),
    #[error("malformed form: {0}")]
    Malformed(&'static str),
}

impl FormData {
    /// Text fields only, as a test writes them.
    #[cfg(test)]
    pub fn of(fields: &[(&str, &str)]) -> FormData {
        FormData {
            fields: fields.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            files: Vec::new(),
        }
    }

    /// Every value of a field (check boxes of one name), in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// `a=1&b=%82%A0` (also query strings): `+` is a space, `%XX` a byte of the device's charset.
pub fn parse_urlencoded(body: &[u8], codec: &Codec, target: Target) -> Result<FormData, FormError> {
    let mut fields = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let name = text(codec, &percent_decode(name)?, target)?;
        let value = text(codec, &percent_decode(value)?, target)?;
        fields.push((name, value));
    }
    Ok(FormData {
        fields,
        files: Vec::new(),
    })
}

/// What a person typed: decoded in the device's charset (carrier emoji escapes included), then
/// stripped of control characters, so that none is stored or written back to a page.
fn text(codec: &Codec, bytes: &[u8], target: Target) -> Result<String, FormError> {
    Ok(strip_controls(&codec.decode(bytes, target)?).into_owned())
}

fn percent_decode(input: &[u8]) -> Result<Vec<u8>, FormError> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = input
                    .get(i + 1..i + 3)
                    .ok_or(FormError::Malformed("truncated percent escape"))?;
                let byte = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or(FormError::Malformed("bad percent escape"))?;
                out.push(byte);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Ok(out)
}

/// The boundary of a `multipart/form-data` Content-Type.
pub fn multipart_boundary(content_type: &str) -> Option<String> {
    let (mime, params) = content_type.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    header_param(params.as_bytes(), "boundary")
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|b| !b.is_empty())
}

/// The longest boundary RFC 2046 allows. A longer one is refused before any search: a naive
/// search costs body × boundary length, and even a linear one need not serve an attacker.
pub const MAX_BOUNDARY_LEN: usize = 70;

/// `multipart/form-data`: each text field decoded in the device's charset, files kept as bytes.
/// Every search is linear in the body (`memmem`), whatever the boundary.
pub fn parse_multipart(body: &[u8], boundary: &str, codec: &Codec, target: Target) -> Result<FormData, FormError> {
    if boundary.len() > MAX_BOUNDARY_LEN {
        return Err(FormError::Malformed("multipart boundary longer than 70 characters"));
    }
    let delimiter = format!("\r\n--{boundary}").into_bytes();
    let next_part = memmem::Finder::new(&delimiter);
    let mut form = FormData::default();
    // The first delimiter may open the body, without the CRLF before it.
    let first = &delimiter[2..];
    let start = find(body, first).ok_or(FormError::Malformed("no multipart boundary"))?;
    let mut rest = &body[start + first.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Ok(form);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or(FormError::Malformed("bad multipart delimiter line"))?;
        let end = next_part.find(rest).ok_or(FormError::Malformed("unterminated part"))?;
        read_part(&rest[..end], codec, target, &mut form)?;
        rest = &rest[end + delimiter.len()..];
    }
}

fn read_part(part: &[u8], codec: &Codec, target: Target, form: &mut FormData) -> Result<(), FormError> {
    let split = find(part, b"\r\n\r\n").ok_or(FormError::Malformed("part without headers"))?;
    let (head, body) = (&part[..split], &part[split + 4..]);
    let (mut disposition, mut content_type) = (None, String::from("text/plain"));
    for line in head.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = String::from_utf8_lossy(&line[..colon]).to_ascii_lowercase();
        let value = &line[colon + 1..];
        match name.trim() {
            "content-disposition" => disposition = Some(value.to_vec()),
            "content-type" => content_type = String::from_utf8_lossy(value).trim().to_string(),
            _ => {}
        }
    }
    let disposition = disposition.ok_or(FormError::Malformed("part without Content-Disposition"))?;
    let name = header_param(&disposition, "name").ok_or(FormError::Malformed("part without a name"))?;
    let name = text(codec, &name, target)?;
    match header_param(&disposition, "filename") {
        Some(filename) => form.files.push(UploadedFile {
            field: name,
            filename: text(codec, &filename, target)?,
            content_type,
            bytes: body.to_vec(),
        }),
        None => form.fields.push((name, text(codec, body, target)?)),
    }
    Ok(())
}

/// A `key=value` or `key="value"` parameter of a header value, as raw bytes.
/// (Shift_JIS trail bytes never equal `"` or `;`, so splitting on them is safe.)
fn header_param(value: &[u8], key: &str) -> Option<Vec<u8>> {
    let mut segments = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in value.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => {
                segments.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push(&value[start..]);
    segments.into_iter().find_map(|segment| {
        let eq = segment.iter().position(|&b| b == b'=')?;
        if !trim(&segment[..eq]).eq_ignore_ascii_case(key.as_bytes()) {
            return None;
        }
        let v = trim(&segment[eq + 1..]);
        Some(
            v.strip_prefix(b"\"")
                .and_then(|v| v.strip_suffix(b"\""))
                .unwrap_or(v)
                .to_vec(),
        )
    })
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let end = b.len() - b[start..].iter().rev().take_while(|c| c.is_ascii_whitespace()).count();
    &b[start..end]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memmem::find(haystack, needle)
}
