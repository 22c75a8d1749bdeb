//! Text → header and rows of trimmed cells, each row with the number Excel shows for it.
//!
//! The csv crate skips blank lines and counts the lines inside a quoted cell (Alt+Enter in Excel),
//! so its positions are not Excel's row numbers. Excel shows a blank line as an empty row and a
//! cell with a line break as one row; we count the same way.

use super::error::FileError;
use super::header::{self, Column, Found};

/// One data row.
#[derive(Debug)]
pub(crate) struct Row {
    /// As Excel numbers rows: the header is usually 1.
    pub(crate) line: usize,
    cells: Vec<String>,
}

/// A roster file read against the columns of its kind.
#[derive(Debug)]
pub(crate) struct Table {
    found: Vec<Found>,
    rows: Vec<Row>,
}

impl Table {
    /// Reads the header (the first row that is not empty) and the rows after it, leaving out rows
    /// whose cells are all empty (Excel writes `,,,` for a cleared row).
    pub(crate) fn read(text: &str, columns: &[&Column]) -> Result<Table, FileError> {
        let mut rows = read_rows(text)?.into_iter();
        let head = rows.next().ok_or(FileError::Empty)?;
        let found = header::map(&head.cells, columns)?;
        let rows: Vec<Row> = rows.collect();
        if rows.is_empty() {
            return Err(FileError::NoRows);
        }
        Ok(Table { found, rows })
    }

    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The trimmed cell of `column`; empty when the column or the cell is absent.
    pub(crate) fn cell<'r>(&self, row: &'r Row, column: &Column) -> &'r str {
        self.found(column)
            .and_then(|found| row.cells.get(found.index))
            .map_or("", String::as_str)
    }

    /// The header of `column` as written, or its Japanese name when the file has no such column.
    pub(crate) fn header(&self, column: &Column) -> String {
        self.found(column)
            .map_or(column.name, |found| found.header.as_str())
            .to_owned()
    }

    fn found(&self, column: &Column) -> Option<&Found> {
        self.found.iter().find(|found| found.name == column.name)
    }
}

/// Every row that has a non-empty cell, with its Excel row number.
fn read_rows(text: &str) -> Result<Vec<Row>, FileError> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    // Line breaks up to `scanned`, and those of them inside quoted cells.
    let (mut scanned, mut breaks, mut breaks_in_cells) = (0, 0, 0);
    for result in reader.records() {
        let record =
            result.map_err(|error| FileError::Unreadable(error.position().map_or(0, |p| p.line() as usize)))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::roster::header::SCHOOL;

    const NAME: Column = Column {
        name: "名前",
        aliases: &["名前"],
        required: true,
    };

    fn lines_and_names(text: &str) -> Vec<(usize, String)> {
        let table = Table::read(text, &[&SCHOOL, &NAME]).unwrap();
        table
            .rows()
            .iter()
            .map(|row| (row.line, table.cell(row, &NAME).to_owned()))
            .collect()
    }

    #[test]
    fn rows_are_numbered_as_excel_shows_them() {
        let text = "学校,名前\n\nA小,\"正門\n北\"\n , \n,,,\nA小,裏門\n\n";
        assert_eq!(
            lines_and_names(text),
            [(3, "正門\n北".to_owned()), (6, "裏門".to_owned())]
        );
    }

    #[test]
    fn blank_lines_before_the_header_count_too() {
        assert_eq!(lines_and_names("\n\n学校,名前\nA小,正門"), [(4, "正門".to_owned())]);
    }

    #[test]
    fn cells_are_trimmed_and_short_rows_read_as_empty() {
        let text = "名前,学校,備考\n\u{3000}正門 ,A小\nx";
        let table = Table::read(text, &[&SCHOOL, &NAME]).unwrap();
        let rows = table.rows();
        assert_eq!(table.cell(&rows[0], &NAME), "正門");
        assert_eq!(table.cell(&rows[1], &SCHOOL), "");
        assert_eq!(table.header(&SCHOOL), "学校");
    }

    #[test]
    fn a_file_without_rows_is_refused() {
        assert_eq!(Table::read("", &[&SCHOOL]).unwrap_err(), FileError::Empty);
        assert_eq!(Table::read("\n,,\n", &[&SCHOOL]).unwrap_err(), FileError::Empty);
        assert_eq!(Table::read("学校\n\n,\n", &[&SCHOOL]).unwrap_err(), FileError::NoRows);
    }
}
