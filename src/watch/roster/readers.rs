//! 読み取り機の名簿: the IC-tag readers at a school's gates and along the way to school.

use std::collections::HashMap;

use super::cell::{self, CellError};
use super::error::{Errors, RosterErrors};
use super::fold;
use super::header::{Column, SCHOOL};
use super::line::{seen_before, Line};
use super::table::Table;

/// One reader from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderRow {
    /// The row number Excel shows.
    pub line: usize,
    pub school: String,
    /// Used in mails (「正門を通りました」); 1–20 characters, unique within the school.
    pub name: String,
    pub kind: ReaderKind,
    /// 設置場所メモ, for the coordinators only; up to 100 characters.
    pub note: Option<String>,
}

pub use crate::db::models::watch::reader::ReaderKind;

/// Reads 校門/門/gate or 経由/経由地点/通過/waypoint (full width and any case too).
pub fn kind_from_sheet(text: &str) -> Option<ReaderKind> {
    match fold::ascii_width(text).trim().to_lowercase().as_str() {
        "校門" | "門" | "gate" => Some(ReaderKind::Gate),
        "経由" | "経由地点" | "通過" | "waypoint" => Some(ReaderKind::Waypoint),
        _ => None,
    }
}

const NAME: Column = Column {
    name: "名前",
    aliases: &[
        "名前",
        "読み取り機",
        "読み取り機名",
        "読取機",
        "名称",
        "name",
        "reader",
        "readername",
    ],
    required: true,
};
const KIND: Column = Column {
    name: "種類",
    aliases: &["種類", "種別", "kind", "type"],
    required: true,
};
const NOTE: Column = Column {
    name: "設置場所メモ",
    aliases: &["設置場所メモ", "設置場所", "メモ", "note", "memo"],
    required: false,
};

/// The columns of a readers roster.
pub(crate) const COLUMNS: [&Column; 4] = [&SCHOOL, &NAME, &KIND, &NOTE];

/// Every reader in the file, or every problem found.
pub(crate) fn parse(text: &str) -> Result<Vec<ReaderRow>, RosterErrors> {
    let table = Table::read(text, &COLUMNS)?;
    let mut errors = Errors::default();
    let mut names = HashMap::new();
    let mut rows = Vec::new();
    for row in table.rows() {
        let mut line = Line::new(&table, row, &mut errors);
        let school = line.parse(&SCHOOL, |c| cell::text(c, 40));
        let name = line.parse(&NAME, |c| cell::text(c, 20));
        let kind = line.parse(&KIND, |c| kind_from_sheet(c).ok_or(CellError::ReaderKind));
        let note = line.parse(&NOTE, |c| cell::note(c, 100));
        if let (Some(school), Some(name)) = (&school, &name) {
            if let Some(first) = seen_before(&mut names, (school.clone(), name.clone()), line.number()) {
                line.error(
                    &NAME,
                    format!("「{name}」は {first} 行目と同じ名前です（同じ学校では別の名前にしてください）"),
                );
            }
        }
        if let (Some(school), Some(name), Some(kind), Some(note)) = (school, name, kind, note) {
            rows.push(ReaderRow {
                line: line.number(),
                school,
                name,
                kind,
                note,
            });
        }
    }
    errors.finish(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        parse(text).unwrap_err().messages()
    }

    #[test]
    fn kinds_are_read_in_japanese_and_english() {
        for (text, kind) in [
            ("校門", ReaderKind::Gate),
            ("門", ReaderKind::Gate),
            ("GATE", ReaderKind::Gate),
        ] {
            assert_eq!(kind_from_sheet(text), Some(kind), "{text}");
        }
        for text in ["経由", "通過", "経由地点", "Waypoint", "ｗａｙｐｏｉｎｔ"] {
            assert_eq!(kind_from_sheet(text), Some(ReaderKind::Waypoint), "{text}");
        }
        assert_eq!(kind_from_sheet("学童"), None);
    }

    #[test]
    fn a_reader_line_becomes_a_row() {
        let rows = parse("school,name,kind\n第一小学校,正門,校門\n第一小学校,中央公園前,経由\n").unwrap();
        assert_eq!(
            rows[0],
            ReaderRow {
                line: 2,
                school: "第一小学校".into(),
                name: "正門".into(),
                kind: ReaderKind::Gate,
                note: None,
            }
        );
        assert_eq!(rows[1].kind, ReaderKind::Waypoint);
    }

    #[test]
    fn bad_cells_are_reported_by_line_and_column() {
        let text = "学校,名前,種類\n第一小学校,,学童\n,正門でも裏門でもない二十一文字の長い名前だ,門";
        assert_eq!(
            messages(text),
            [
                "2 行目（名前）: 入力してください",
                "2 行目（種類）: 「校門」か「経由」と入力してください",
                "3 行目（学校）: 入力してください",
                "3 行目（名前）: 20 文字以内で入力してください",
            ]
        );
    }

    #[test]
    fn the_same_name_twice_at_one_school_is_refused_on_the_later_line() {
        let text = "学校,名前,種類\n第一小学校,正門,門\n第二小学校,正門,門\n第一小学校,正門,経由\n";
        assert_eq!(
            messages(text),
            ["4 行目（名前）: 「正門」は 2 行目と同じ名前です（同じ学校では別の名前にしてください）"]
        );
    }
}
