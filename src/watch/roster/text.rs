//! Bytes of an uploaded CSV file → text, whichever way Excel saved it.
//!
//! 「CSV UTF-8」 starts with a byte order mark; 「CSV（コンマ区切り）」 on Japanese Windows is
//! Windows-31J (CP932), which is what `encoding_rs::SHIFT_JIS` decodes (WHATWG Shift_JIS includes
//! the NEC and IBM extensions: ①, 髙, ～). A file that is neither is refused rather than guessed.

use super::error::FileError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// `.xlsx` is a ZIP archive; `.xls` an OLE compound file.
const WORKBOOK_MAGIC: [&[u8]; 2] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0"];

/// Decodes the file and turns CR LF and lone CR into LF.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, FileError> {
    if WORKBOOK_MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        return Err(FileError::Workbook);
    }
    let text = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => std::str::from_utf8(rest).map_err(|_| FileError::Encoding)?.to_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(FileError::Encoding)?
                .into_owned(),
        },
    };
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
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
