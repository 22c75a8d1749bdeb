//! What was wrong with an uploaded roster: the whole file, or a list of lines.
//!
//! Line errors are collected for the whole file, so a coordinator can fix them all in one go; the
//! list stops at [`MAX_LINE_ERRORS`] and counts the rest.

use std::fmt;

/// How many line errors are kept; the rest are only counted.
pub const MAX_LINE_ERRORS: usize = 100;

/// A problem with the file as a whole; no line was checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("文字コードを判別できません。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」で保存してください。")]
    Encoding,
    #[error("Excel のブックのままです。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」で保存してください。")]
    Workbook,
    #[error("ファイルが空です。")]
    Empty,
    #[error("見出しの行の下にデータがありません。")]
    NoRows,
    /// Required columns not in the header row, by their Japanese names.
    #[error("見出しの行に{}の列がありません。", quoted(.0))]
    MissingColumns(Vec<String>),
    /// Two header cells name the same column, as written.
    #[error("「{0}」と「{1}」は同じ列です。どちらか一方にしてください。")]
    DuplicateColumn(String, String),
    /// The CSV reader gave up (in practice unreachable: it is lenient and reads from memory).
    #[error("{0} 行目を CSV として読めません。")]
    Unreadable(usize),
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|name| format!("「{name}」")).collect()
}

/// One problem in one cell (or one line), in Japanese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based, the header being line 1: the row number Excel shows.
    pub line: usize,
    /// The header text as written in the file, or the column's Japanese name if it is absent.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "{} 行目（{}）: {}", self.line, column, self.message),
            None => write!(f, "{} 行目: {}", self.line, self.message),
        }
    }
}

/// Why a roster was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterErrors {
    #[error(transparent)]
    File(#[from] FileError),
    /// The first [`MAX_LINE_ERRORS`] line errors in file order, and how many more there were.
    #[error("{}", line_messages(errors, *more).join("\n"))]
    Lines { errors: Vec<LineError>, more: usize },
}

impl RosterErrors {
    /// One message per entry, ready to list on a page or print: the file error, or each line
    /// error followed by 「ほかにも N 件の誤りがあります」 when some were left out.
    pub fn messages(&self) -> Vec<String> {
        match self {
            RosterErrors::File(error) => vec![error.to_string()],
            RosterErrors::Lines { errors, more } => line_messages(errors, *more),
        }
    }
}

fn line_messages(errors: &[LineError], more: usize) -> Vec<String> {
    let mut messages: Vec<String> = errors.iter().map(LineError::to_string).collect();
    if more > 0 {
        messages.push(format!("ほかにも {more} 件の誤りがあります"));
    }
    messages
}

/// Collects line errors while a file is checked.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    kept: Vec<LineError>,
    more: usize,
}

impl Errors {
    pub(crate) fn push(&mut self, line: usize, column: Option<String>, message: String) {
        if self.kept.len() < MAX_LINE_ERRORS {
            self.kept.push(LineError { line, column, message });
        } else {
            self.more += 1;
        }
    }

    /// The rows if no line had an error.
    pub(crate) fn finish<T>(self, rows: Vec<T>) -> Result<Vec<T>, RosterErrors> {
        if self.kept.is_empty() {
            Ok(rows)
        } else {
            Err(RosterErrors::Lines {
                errors: self.kept,
                more: self.more,
            })
        }
    }
}
