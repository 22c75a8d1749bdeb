//! Header text with RFC 2047 encoded-words (`=?ISO-2022-JP?B?…?=`), read by our own charset
//! pipeline so that emoji in a subject survive.

use super::text::{tidy_line, Reader};
use super::transfer;

/// A stretch of a header value: plain bytes, or the decoded bytes of encoded-words.
enum Piece<'a> {
    Plain(&'a [u8]),
    Encoded { charset: &'a str, bytes: Vec<u8> },
}

/// Decodes a raw (possibly folded) header value into one line of Unicode.
pub(super) fn decode_header(raw: &[u8], reader: &Reader) -> String {
    let unfolded: Vec<u8> = raw.iter().copied().filter(|&b| b != b'\r' && b != b'\n').collect();
    let text: String = pieces(&unfolded)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(bytes) => reader.guess(bytes),
            Piece::Encoded { charset, bytes } => reader.decode(&bytes, Some(charset)),
        })
        .collect();
    tidy_line(&text)
}

/// Splits a header value into pieces. Whitespace between encoded-words is dropped (RFC 2047 §6.2),
/// and neighbouring words in one charset are joined before decoding, because phones split
/// ISO-2022-JP and UTF-8 words in the middle of a character.
fn pieces(value: &[u8]) -> Vec<Piece<'_>> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < value.len() {
        let Some((charset, bytes, len)) = value[i..]
            .starts_with(b"=?")
            .then(|| encoded_word(&value[i..]))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let between = &value[plain_start..i];
        let after_word = matches!(pieces.last(), Some(Piece::Encoded { .. }));
        let dropped = between.is_empty() || (after_word && between.iter().all(|b| b.is_ascii_whitespace()));
        if !dropped {
            pieces.push(Piece::Plain(between));
        }
        match pieces.last_mut() {
            Some(Piece::Encoded {
                charset: last,
                bytes: joined,
            }) if last.eq_ignore_ascii_case(charset) => joined.extend_from_slice(&bytes),
            _ => pieces.push(Piece::Encoded { charset, bytes }),
        }
        i += len;
        plain_start = i;
    }
    if plain_start < value.len() {
        pieces.push(Piece::Plain(&value[plain_start..]));
    }
    pieces
}

/// Reads `=?charset?B|Q?text?=` at the start of `input`: its charset, decoded bytes and length.
fn encoded_word(input: &[u8]) -> Option<(&str, Vec<u8>, usize)> {
    let rest = input.get(2..)?;
    let charset_end = rest.iter().position(|&b| b == b'?')?;
    let charset = std::str::from_utf8(&rest[..charset_end]).ok()?;
    // RFC 2231 adds a language after `*`.
    let charset = charset
        .split('*')
        .next()
        .filter(|c| !c.is_empty() && !c.contains(' '))?;
    let encoding = *rest.get(charset_end + 1)?;
    if rest.get(charset_end + 2) != Some(&b'?') {
        return None;
    }
    let text_start = charset_end + 3;
    let text_len = rest.get(text_start..)?.windows(2).position(|w| w == b"?=")?;
    let text = &rest[text_start..text_start + text_len];
    let bytes = match encoding {
        b'B' | b'b' => transfer::base64(text).bytes,
        b'Q' | b'q' => q_decode(text),
        _ => return None,
    };
    Some((charset, bytes, 2 + text_start + text_len + 2))
}

/// The `Q` encoding: quoted-printable with `_` for a space.
fn q_decode(text: &[u8]) -> Vec<u8> {
    let spaced: Vec<u8> = text.iter().map(|&b| if b == b'_' { b' ' } else { b }).collect();
    transfer::quoted_printable(&spaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(value: &[u8]) -> Vec<String> {
        pieces(value)
            .into_iter()
            .map(|p| match p {
                Piece::Plain(b) => format!("plain:{}", String::from_utf8_lossy(b)),
                Piece::Encoded { charset, bytes } => format!("{charset}:{}", String::from_utf8_lossy(&bytes)),
            })
            .collect()
    }

    #[test]
    fn space_between_encoded_words_disappears_and_one_charset_is_joined() {
        assert_eq!(
            shown(b"Re: =?UTF-8?B?44GK?= =?utf-8?Q?=E3=81=AF_x?= end"),
            ["plain:Re: ", "UTF-8:おは x", "plain: end"]
        );
    }

    #[test]
    fn broken_encoded_words_stay_as_text() {
        assert_eq!(shown(b"=?UTF-8?X?abc?= =?oops"), ["plain:=?UTF-8?X?abc?= =?oops"]);
        assert_eq!(shown(b"=?ISO-2022-JP*ja?B?YQ==?="), ["ISO-2022-JP:a"]);
    }
}
