//! Text → header and rows of trimmed cells, each row with the number Excel shows for it.
//!
//! Rows are read by [`crate::spreadsheet::rows`], numbered as Excel shows them.

use super::error::FileError;
use super::header::{self, Column, Found};
use crate::spreadsheet::Unreadable;

pub(crate) use crate::spreadsheet::Row;

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
    crate::spreadsheet::rows(text).map_err(|e| match e {
        Unreadable::Csv(line) => FileError::Unreadable(line),
        Unreadable::Encoding => FileError::Encoding,
        Unreadable::Workbook => FileError::Workbook,
    })
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
