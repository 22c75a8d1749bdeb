//! CSV files as Excel saves them, shared by every upload (school rosters, nursery files): bytes →
//! text, and text → rows of trimmed cells numbered as Excel numbers them.
//!
//! 「CSV UTF-8」 starts with a byte order mark; 「CSV（コンマ区切り）」 on Japanese Windows is
//! Windows-31J (CP932), which is what `encoding_rs::SHIFT_JIS` decodes (WHATWG Shift_JIS includes
//! the NEC and IBM extensions: ①, 髙, ～). A file that is neither is refused rather than guessed.
//!
//! The csv crate skips blank lines and counts the lines inside a quoted cell (Alt+Enter in Excel),
//! so its positions are not Excel's row numbers. Excel shows a blank line as an empty row and a
//! cell with a line break as one row; we count the same way.

/// Why a file could not be read as rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Neither UTF-8 nor Shift_JIS.
    Encoding,
    /// An Excel workbook (.xlsx, .xls), not CSV.
    Workbook,
    /// The CSV reader gave up at this line (in practice unreachable: it is lenient).
    Csv(usize),
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// `.xlsx` is a ZIP archive; `.xls` an OLE compound file.
const WORKBOOK_MAGIC: [&[u8]; 2] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0"];

/// Decodes the file and turns CR LF and lone CR into LF.
pub fn decode(bytes: &[u8]) -> Result<String, Unreadable> {
    if WORKBOOK_MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        return Err(Unreadable::Workbook);
    }
    let text = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => std::str::from_utf8(rest).map_err(|_| Unreadable::Encoding)?.to_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(Unreadable::Encoding)?
                .into_owned(),
        },
    };
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// One row that has a non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// As Excel numbers rows: the header is usually 1.
    pub line: usize,
    pub cells: Vec<String>,
}

/// Every row that has a non-empty cell, with its Excel row number.
pub fn rows(text: &str) -> Result<Vec<Row>, Unreadable> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    // Line breaks up to `scanned`, and those of them inside quoted cells.
    let (mut scanned, mut breaks, mut breaks_in_cells) = (0, 0, 0);
    for result in reader.records() {
        let record = result.map_err(|error| Unreadable::Csv(error.position().map_or(0, |p| p.line() as usize)))?;
        // A record's position is where the reader stood, before any blank lines it skipped.
        let mut start = record.position().map_or(scanned, |p| p.byte() as usize).max(scanned);
        while bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        breaks += count_breaks(bytes.get(scanned..start).unwrap_or_default());
        scanned = start;
        let line = breaks - breaks_in_cells + 1;
        breaks_in_cells += record.iter().map(|cell| count_breaks(cell.as_bytes())).sum::<usize>();
        let cells: Vec<String> = record.iter().map(|cell| cell.trim().to_owned()).collect();
        if cells.iter().any(|cell| !cell.is_empty()) {
            rows.push(Row { line, cells });
        }
    }
    Ok(rows)
}

fn count_breaks(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
