//! Reading one row cell by cell, noting each problem against its line and column.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;

use super::cell::CellError;
use super::error::Errors;
use super::header::Column;
use super::table::{Row, Table};

/// One row being read; errors go to the file's list and the cell's value becomes `None`.
pub(crate) struct Line<'a> {
    table: &'a Table,
    row: &'a Row,
    errors: &'a mut Errors,
}

impl<'a> Line<'a> {
    pub(crate) fn new(table: &'a Table, row: &'a Row, errors: &'a mut Errors) -> Self {
        Line { table, row, errors }
    }

    pub(crate) fn number(&self) -> usize {
        self.row.line
    }

    /// The trimmed cell, empty when the column is absent.
    pub(crate) fn cell(&self, column: &Column) -> &'a str {
        self.table.cell(self.row, column)
    }

    /// The cell parsed by `parse`, or `None` with the error noted.
    pub(crate) fn parse<T>(&mut self, column: &Column, parse: impl FnOnce(&str) -> Result<T, CellError>) -> Option<T> {
        self.check(column, parse(self.cell(column)))
    }

    /// The value, or `None` with the error noted against `column`.
    pub(crate) fn check<T>(&mut self, column: &Column, result: Result<T, CellError>) -> Option<T> {
        result.map_err(|error| self.error(column, error.to_string())).ok()
    }

    /// Notes a problem with the cell of `column`.
    pub(crate) fn error(&mut self, column: &Column, message: String) {
        let header = self.table.header(column);
        self.errors.push(self.row.line, Some(header), message);
    }
}

/// The line `key` was first seen on, if before this one; otherwise remembers this line.
pub(crate) fn seen_before<K: Hash + Eq>(seen: &mut HashMap<K, usize>, key: K, line: usize) -> Option<usize> {
    match seen.entry(key) {
        Entry::Occupied(first) => Some(*first.get()),
        Entry::Vacant(entry) => {
            entry.insert(line);
            None
        }
    }
}
