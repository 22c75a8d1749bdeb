//! The three kinds of roster a school uploads, as the command line and the upload form name them.

use std::fmt;
use std::str::FromStr;

use super::header::Column;
use super::{children, guardians, readers};

/// Which roster a file is; each has its own columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RosterKind {
    /// 読み取り機: the readers at gates and waypoints.
    Readers,
    /// 児童: the children, with their IC tags.
    Children,
    /// 保護者: the addresses mailed for each child.
    Guardians,
}

/// A roster kind other than `readers`, `children` or `guardians`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("名簿の種類は readers（読み取り機）、children（児童）、guardians（保護者）のどれかです。")]
pub struct UnknownRosterKind;

impl RosterKind {
    /// Every kind, in the order to import them (readers and children before guardians).
    pub const ALL: [RosterKind; 3] = [RosterKind::Readers, RosterKind::Children, RosterKind::Guardians];

    /// Reads `readers`, `children` or `guardians` (any case, spaces around ignored).
    pub fn parse(text: &str) -> Result<Self, UnknownRosterKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "readers" => Ok(RosterKind::Readers),
            "children" => Ok(RosterKind::Children),
            "guardians" => Ok(RosterKind::Guardians),
            _ => Err(UnknownRosterKind),
        }
    }

    /// The name [`RosterKind::parse`] reads.
    pub fn as_str(self) -> &'static str {
        match self {
            RosterKind::Readers => "readers",
            RosterKind::Children => "children",
            RosterKind::Guardians => "guardians",
        }
    }

    /// The Japanese name, to be followed by 「の名簿」.
    pub fn label(self) -> &'static str {
        match self {
            RosterKind::Readers => "読み取り機",
            RosterKind::Children => "児童",
            RosterKind::Guardians => "保護者",
        }
    }

    /// A header row with every column's Japanese name, for a blank file to hand out.
    pub fn template(self) -> String {
        self.columns()
            .iter()
            .map(|column| column.name)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub(crate) fn columns(self) -> &'static [&'static Column] {
        match self {
            RosterKind::Readers => &readers::COLUMNS,
            RosterKind::Children => &children::COLUMNS,
            RosterKind::Guardians => &guardians::COLUMNS,
        }
    }
}

impl FromStr for RosterKind {
    type Err = UnknownRosterKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RosterKind::parse(text)
    }
}

impl fmt::Display for RosterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_their_names() {
        for kind in RosterKind::ALL {
            assert_eq!(RosterKind::parse(kind.as_str()), Ok(kind));
        }
        assert_eq!(" Children ".parse(), Ok(RosterKind::Children));
        assert_eq!(RosterKind::parse("児童"), Err(UnknownRosterKind));
    }

    #[test]
    fn templates_name_every_column_in_japanese() {
        assert_eq!(RosterKind::Readers.template(), "学校,名前,種類,設置場所メモ");
        assert_eq!(
            RosterKind::Children.template(),
            "学校,児童番号,氏名,呼び名,学年,組,タグ"
        );
        assert_eq!(
            RosterKind::Guardians.template(),
            "学校,児童番号,続柄,メールアドレス,お知らせしない時間（開始）,お知らせしない時間（終了）"
        );
    }
}
