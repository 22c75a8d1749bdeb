//! What is wrong with the input, cell by cell, in Japanese and English.
//!
//! Every problem of every file is collected, so a coordinator fixes them all in one pass. A
//! problem names the file, the row as Excel numbers it (the header is row 1) and the column by
//! its default name (the CSV layer renames it to the header the file really has).

use super::SiblingPattern;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InputFile {
    Children,
    Facilities,
    Combinations,
    Columns,
}

impl InputFile {
    pub fn ja(self) -> &'static str {
        match self {
            InputFile::Children => "申込者データ",
            InputFile::Facilities => "保育所データ",
            InputFile::Combinations => "組み合わせファイル",
            InputFile::Columns => "列名の対応ファイル",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            InputFile::Children => "children file",
            InputFile::Facilities => "facilities file",
            InputFile::Combinations => "combinations file",
            InputFile::Columns => "columns file",
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    pub file: InputFile,
    /// The row as Excel shows it; 0 for the file as a whole.
    pub line: usize,
    pub column: Option<String>,
    pub problem: Problem,
}

impl InputError {
    pub fn new(file: InputFile, line: usize, column: Option<&str>, problem: Problem) -> InputError {
        InputError {
            file,
            line,
            column: column.map(str::to_owned),
            problem,
        }
    }

    /// The place, in Japanese: 「申込者データ 12 行目（希望保育園ID_2）」.
    pub fn place_ja(&self) -> String {
        let mut place = self.file.ja().to_owned();
        if self.line > 0 {
            place.push_str(&format!(" {} 行目", self.line));
        }
        if let Some(column) = &self.column {
            place.push_str(&format!("（{column}）"));
        }
        place
    }

    pub fn place_en(&self) -> String {
        let mut place = self.file.en().to_owned();
        if self.line > 0 {
            place.push_str(&format!(" row {}", self.line));
        }
        if let Some(column) = &self.column {
            place.push_str(&format!(" ({column})"));
        }
        place
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} / {}: {}",
            self.place_ja(),
            self.problem.ja(),
            self.place_en(),
            self.problem.en()
        )
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// The file could not be read as text (neither UTF-8 nor Shift_JIS), or is an Excel workbook.
    Unreadable(String),
    /// The file has no header row or no data rows.
    Empty,
    /// A required column is not in the header row.
    MissingColumn(String),
    /// Two header cells name the same column.
    DuplicateColumn(String),
    /// A required cell is empty.
    EmptyCell,
    /// A cell that must be a whole number (places, ranks) is not one.
    NotANumber(String),
    /// A score cell is not a number.
    NotAScore(String),
    /// 年齢 not 0–5.
    BadAge(String),
    /// きょうだいパターン not 1–7.
    BadPattern(String),
    UnknownFacility(String),
    RepeatedPreference(String),
    /// A preference without a score (no 点数N and no 点数).
    MissingScore,
    /// 在籍保育所ID not in the facilities file.
    UnknownEnrolled(String),
    DuplicateChild(String),
    DuplicateFacility(String),
    /// Patterns 1–3 need one facility every sibling ranks.
    NoCommonFacility(SiblingPattern),
    /// Siblings of one household give different patterns.
    PatternDiffers,
    /// A household of several children without a pattern or combinations.
    MissingPattern(usize),
    /// ファミリーコード names no household of the children file.
    UnknownHousehold(String),
    UnknownChild(String),
    /// 宛名コード names a child of another household.
    NotInHousehold(String),
    /// A combination places a child at a facility she has no score for.
    NoScoreAt(String, String),
    /// Two combinations of one household share a rank.
    DuplicateRank(u32),
    /// A child named twice in one combination.
    ChildTwice(String),
    /// The columns file is not valid TOML of the expected shape.
    BadColumnsFile(String),
}

impl Problem {
    pub fn ja(&self) -> String {
        match self {
            Problem::Unreadable(why) => format!(
                "ファイルを読めません（{why}）。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」で保存してください。"
            ),
            Problem::Empty => "見出しの行の下にデータがありません。".into(),
            Problem::MissingColumn(name) => format!("「{name}」の列がありません。"),
            Problem::DuplicateColumn(name) => format!("「{name}」の列が二つあります。"),
            Problem::EmptyCell => "空欄です。".into(),
            Problem::NotANumber(text) => format!("「{text}」は数ではありません（0 以上の整数を入れてください）。"),
            Problem::NotAScore(text) => format!("「{text}」は点数として読めません。"),
            Problem::BadAge(text) => format!("年齢「{text}」は 0〜5 ではありません。"),
            Problem::BadPattern(text) => format!("きょうだいパターン「{text}」は 1〜7 ではありません。"),
            Problem::UnknownFacility(code) => format!("保育所ID「{code}」は保育所データにありません。"),
            Problem::RepeatedPreference(code) => format!("保育所ID「{code}」を二度希望しています。"),
            Problem::MissingScore => "この希望の点数がありません。".into(),
            Problem::UnknownEnrolled(code) => format!("在籍保育所ID「{code}」は保育所データにありません。"),
            Problem::DuplicateChild(code) => format!("申請者番号「{code}」が二度あります。"),
            Problem::DuplicateFacility(code) => format!("保育所ID「{code}」が二度あります。"),
            Problem::NoCommonFacility(pattern) => format!(
                "きょうだいパターン {}（{}）は同じ保育所への入所ですが、きょうだい全員が希望する保育所がありません。",
                pattern.number(),
                pattern.label()
            ),
            Problem::PatternDiffers => "同じ世帯のきょうだいでパターンが違います。".into(),
            Problem::MissingPattern(count) => {
                format!("この世帯には {count} 人の申込がありますが、きょうだいパターンも組み合わせもありません。")
            }
            Problem::UnknownHousehold(code) => format!("ファミリーコード「{code}」の世帯は申込者データにありません。"),
            Problem::UnknownChild(code) => format!("申請者番号「{code}」は申込者データにありません。"),
            Problem::NotInHousehold(code) => format!("申請者番号「{code}」はこの世帯の子ではありません。"),
            Problem::NoScoreAt(child, facility) => {
                format!("「{child}」は保育所「{facility}」を希望しておらず、点数がありません。")
            }
            Problem::DuplicateRank(rank) => format!("総当たり順位 {rank} がこの世帯に二つあります。"),
            Problem::ChildTwice(code) => format!("申請者番号「{code}」がこの行に二度あります。"),
            Problem::BadColumnsFile(why) => format!("列名の対応を読めません（{why}）。"),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Problem::Unreadable(why) => format!("cannot read the file ({why}); save it as CSV (UTF-8 or Shift_JIS)"),
            Problem::Empty => "no data rows below the header".into(),
            Problem::MissingColumn(name) => format!("column {name} is missing"),
            Problem::DuplicateColumn(name) => format!("column {name} appears twice"),
            Problem::EmptyCell => "empty cell".into(),
            Problem::NotANumber(text) => format!("{text:?} is not a whole number"),
            Problem::NotAScore(text) => format!("{text:?} is not a score"),
            Problem::BadAge(text) => format!("age {text:?} is not 0-5"),
            Problem::BadPattern(text) => format!("sibling pattern {text:?} is not 1-7"),
            Problem::UnknownFacility(code) => format!("facility {code} is not in the facilities file"),
            Problem::RepeatedPreference(code) => format!("facility {code} is ranked twice"),
            Problem::MissingScore => "no score for this preference".into(),
            Problem::UnknownEnrolled(code) => format!("enrolled facility {code} is not in the facilities file"),
            Problem::DuplicateChild(code) => format!("child {code} appears twice"),
            Problem::DuplicateFacility(code) => format!("facility {code} appears twice"),
            Problem::NoCommonFacility(pattern) => format!(
                "sibling pattern {} needs one facility all siblings rank, and there is none",
                pattern.number()
            ),
            Problem::PatternDiffers => "siblings of one household give different patterns".into(),
            Problem::MissingPattern(count) => {
                format!("household of {count} children has no sibling pattern and no combinations")
            }
            Problem::UnknownHousehold(code) => format!("household {code} is not in the children file"),
            Problem::UnknownChild(code) => format!("child {code} is not in the children file"),
            Problem::NotInHousehold(code) => format!("child {code} is not in this household"),
            Problem::NoScoreAt(child, facility) => {
                format!("child {child} did not rank facility {facility} and has no score there")
            }
            Problem::DuplicateRank(rank) => format!("rank {rank} appears twice for this household"),
            Problem::ChildTwice(code) => format!("child {code} appears twice in this row"),
            Problem::BadColumnsFile(why) => format!("cannot read the column mapping ({why})"),
        }
    }
}
