//! How text bytes go on the wire, and where they may be cut without breaking a character.
//!
//! Both body lines (998 bytes, RFC 5322 §2.1.1) and encoded-words (75 characters, RFC 2047 §2)
//! have a size limit; text is cut between characters, and for ISO-2022-JP every piece is encoded
//! on its own so that it starts and ends in ASCII mode.

use crate::keitai::jis::cp932_to_iso2022jp;
use std::borrow::Cow;
use std::ops::Range;

/// The bytes a piece of text is kept in, and how they are written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wire {
    /// UTF-8, written as it is.
    Utf8,
    /// CP932, written as it is (Shift_JIS 8bit).
    ShiftJis,
    /// CP932, written as ISO-2022-JP; with `au_emoji`, au's emoji become its JIS codes.
    Jis { au_emoji: bool },
}

/// Length of an ISO-2022-JP escape sequence.
const ESCAPE: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum JisMode {
    Ascii,
    Kanji,
    Kana,
}

impl Wire {
    /// The bytes to send for a piece of text (a whole piece: ISO-2022-JP returns to ASCII at its end).
    pub(crate) fn write<'a>(self, piece: &'a [u8]) -> Cow<'a, [u8]> {
        match self {
            Wire::Utf8 | Wire::ShiftJis => Cow::Borrowed(piece),
            Wire::Jis { au_emoji } => Cow::Owned(cp932_to_iso2022jp(piece, au_emoji)),
        }
    }

    /// Cuts `text` between characters into pieces whose written form is at most `limit` bytes.
    /// Empty text gives one empty piece.
    pub(crate) fn cut(self, text: &[u8], limit: usize) -> Vec<Range<usize>> {
        let mut pieces = Vec::new();
        let (mut start, mut i) = (0, 0);
        let mut size = PieceSize::default();
        while i < text.len() {
            let len = self.char_len(&text[i..]);
            let grown = size.add(self, text[i], len);
            if grown.total() > limit && i > start {
                pieces.push(start..i);
                start = i;
                size = PieceSize::default().add(self, text[i], len);
            } else {
                size = grown;
            }
            i += len;
        }
        pieces.push(start..text.len());
        pieces
    }

    /// Bytes of the character that starts `rest`.
    fn char_len(self, rest: &[u8]) -> usize {
        let len = match self {
            Wire::Utf8 => match rest[0] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            },
            // The same rule as `cp932_to_iso2022jp`: a lead byte takes the next byte with it.
            Wire::ShiftJis | Wire::Jis { .. } => match rest[0] {
                0x81..=0x9F | 0xE0..=0xFC => 2,
                _ => 1,
            },
        };
        len.min(rest.len())
    }
}

/// The written size of a piece so far, and the ISO-2022-JP mode it is in.
#[derive(Clone, Copy)]
struct PieceSize {
    bytes: usize,
    mode: JisMode,
}

impl Default for PieceSize {
    fn default() -> Self {
        PieceSize {
            bytes: 0,
            mode: JisMode::Ascii,
        }
    }
}

impl PieceSize {
    /// The size after a character of `len` bytes starting with `first` is appended.
    fn add(self, wire: Wire, first: u8, len: usize) -> PieceSize {
        let Wire::Jis { .. } = wire else {
            return PieceSize {
                bytes: self.bytes + len,
                ..self
            };
        };
        let (mode, width) = match first {
            0x00..=0x7F => (JisMode::Ascii, 1),
            0xA1..=0xDF => (JisMode::Kana, 1),
            // Double-byte codes, and stray bytes written as 〓.
            _ => (JisMode::Kanji, 2),
        };
        let escape = if mode == self.mode { 0 } else { ESCAPE };
        PieceSize {
            bytes: self.bytes + escape + width,
            mode,
        }
    }

    /// The size including the escape back to ASCII at the end.
    fn total(self) -> usize {
        self.bytes + if self.mode == JisMode::Ascii { 0 } else { ESCAPE }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sjis(text: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
    }

    #[test]
    fn iso_2022_jp_pieces_fit_exactly_with_their_escapes() {
        let wire = Wire::Jis { au_emoji: false };
        let text = sjis("あいうabcえお");
        for limit in 8..30 {
            let pieces = wire.cut(&text, limit);
            let joined: Vec<u8> = pieces.iter().flat_map(|r| text[r.clone()].to_vec()).collect();
            assert_eq!(joined, text);
            for r in &pieces {
                let written = wire.write(&text[r.clone()]);
                assert!(written.len() <= limit, "{limit}: {written:?}");
            }
            // Greedy: each piece but the last would overflow with one more character.
            for pair in pieces.windows(2) {
                let next = pair[0].start..pair[1].start + wire.char_len(&text[pair[1].start..]);
                assert!(wire.write(&text[next]).len() > limit, "{limit}");
            }
        }
    }

    #[test]
    fn utf8_and_shift_jis_are_cut_between_characters() {
        let text = "あ🏃い".as_bytes();
        assert_eq!(Wire::Utf8.cut(text, 5), vec![0..3, 3..7, 7..10]);
        let s = sjis("ｱあ");
        assert_eq!(Wire::ShiftJis.cut(&s, 2), vec![0..1, 1..3]);
    }

    #[test]
    fn empty_text_is_one_empty_piece() {
        assert_eq!(Wire::Utf8.cut(b"", 10), vec![0..0]);
    }
}
