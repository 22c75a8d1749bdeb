//! Bytes of an uploaded CSV file → text, whichever way Excel saved it.
//!
//! The decoding itself is shared: [`crate::spreadsheet::decode`].

use super::error::FileError;
use crate::spreadsheet::Unreadable;

/// Decodes the file and turns CR LF and lone CR into LF.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, FileError> {
    crate::spreadsheet::decode(bytes).map_err(|e| match e {
        Unreadable::Workbook => FileError::Workbook,
        Unreadable::Encoding => FileError::Encoding,
        Unreadable::Csv(line) => FileError::Unreadable(line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_is_read() {
        assert_eq!(decode("学校,名前\n".as_bytes()).unwrap(), "学校,名前\n");
        assert_eq!(decode(b"\xEF\xBB\xBFschool\r\n").unwrap(), "school\n");
    }

    #[test]
    fn shift_jis_with_windows_only_characters_is_read() {
        // 髙 (IBM extension FB FC), ① (NEC 87 40), ～ (81 60, U+FF5E in CP932).
        let bytes = b"\xFB\xFC\x8B\xB4,\x87\x40,\x81\x60\r\n";
        assert_eq!(decode(bytes).unwrap(), "髙橋,①,～\n");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(decode(b"a\rb\r\nc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn bytes_that_are_neither_encoding_are_refused() {
        // 0x85 0x40 is unassigned in CP932; 0xFF never starts a character.
        assert_eq!(decode(b"\x85\x40,\xFF"), Err(FileError::Encoding));
        assert_eq!(decode(b"\xEF\xBB\xBF\x82\xA0"), Err(FileError::Encoding));
    }

    #[test]
    fn an_excel_workbook_is_recognised() {
        assert_eq!(decode(b"PK\x03\x04\x14\x00"), Err(FileError::Workbook));
    }
}
