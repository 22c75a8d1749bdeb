//! The header row: which column is which, in any order, in Japanese or English.
//!
//! Header texts are compared after [`header_key`]: full width folded, lower case, and spaces,
//! `_`, `-`, `・` and brackets removed, so 「ＩＣタグ」, "Short name" and 「お知らせしない時間（開始）」
//! match `icタグ`, `shortname` and `お知らせしない時間開始`. Unknown columns (備考, 出席番号) are
//! ignored.

use super::error::FileError;
use super::fold;

/// A column a roster reads.
#[derive(Debug)]
pub(crate) struct Column {
    /// The Japanese name used in messages.
    pub(crate) name: &'static str,
    /// Accepted header texts, in [`header_key`] form.
    pub(crate) aliases: &'static [&'static str],
    pub(crate) required: bool,
}

/// 学校: every roster names the school on each line.
pub(crate) const SCHOOL: Column = Column {
    name: "学校",
    aliases: &["学校", "学校名", "school", "schoolname"],
    required: true,
};

/// 児童番号: the school's own id of a child, in the children and the guardians roster.
pub(crate) const CHILD_CODE: Column = Column {
    name: "児童番号",
    aliases: &[
        "児童番号",
        "児童コード",
        "児童id",
        "code",
        "childcode",
        "childid",
        "studentid",
    ],
    required: true,
};

/// A column found in the header row.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) name: &'static str,
    pub(crate) index: usize,
    /// The header text as written (trimmed).
    pub(crate) header: String,
}

/// Finds each column among the header cells; a required one missing or one named twice is a
/// file error.
pub(crate) fn map(cells: &[String], columns: &[&Column]) -> Result<Vec<Found>, FileError> {
    let mut found: Vec<Found> = Vec::new();
    for (index, header) in cells.iter().enumerate() {
        let key = header_key(header);
        let Some(column) = columns.iter().find(|c| c.aliases.contains(&key.as_str())) else {
            continue;
        };
        if let Some(first) = found.iter().find(|f| f.name == column.name) {
            return Err(FileError::DuplicateColumn(first.header.clone(), header.clone()));
        }
        found.push(Found {
            name: column.name,
            index,
            header: header.clone(),
        });
    }
    let missing: Vec<String> = columns
        .iter()
        .filter(|c| c.required && !found.iter().any(|f| f.name == c.name))
        .map(|c| c.name.to_owned())
        .collect();
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(FileError::MissingColumns(missing))
    }
}

/// The form header texts are compared in.
pub(crate) fn header_key(header: &str) -> String {
    fold::ascii_width(header)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '・' | '(' | ')' | '「' | '」'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: Column = Column {
        name: "メモ",
        aliases: &["メモ", "note"],
        required: false,
    };

    fn cells(headers: &[&str]) -> Vec<String> {
        headers.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn columns_are_found_in_any_order_and_extra_ones_ignored() {
        let found = map(
            &cells(&["備考", "Child Code", "ＳＣＨＯＯＬ"]),
            &[&SCHOOL, &CHILD_CODE, &NOTE],
        )
        .unwrap();
        let by_name: Vec<_> = found.iter().map(|f| (f.name, f.index, f.header.as_str())).collect();
        assert_eq!(by_name, [("児童番号", 1, "Child Code"), ("学校", 2, "ＳＣＨＯＯＬ")]);
    }

    #[test]
    fn missing_required_columns_are_named_in_japanese() {
        let error = map(&cells(&["名前", "note"]), &[&SCHOOL, &CHILD_CODE, &NOTE]).unwrap_err();
        assert_eq!(error, FileError::MissingColumns(vec!["学校".into(), "児童番号".into()]));
        assert_eq!(error.to_string(), "見出しの行に「学校」「児童番号」の列がありません。");
    }

    #[test]
    fn a_column_named_twice_is_refused() {
        let error = map(&cells(&["学校", "school"]), &[&SCHOOL]).unwrap_err();
        assert_eq!(error, FileError::DuplicateColumn("学校".into(), "school".into()));
    }

    #[test]
    fn keys_ignore_width_case_spaces_and_brackets() {
        assert_eq!(header_key(" お知らせしない時間（開始） "), "お知らせしない時間開始");
        assert_eq!(header_key("ＩＣ　タグ"), "icタグ");
        assert_eq!(header_key("Short_Name"), "shortname");
    }

    #[test]
    fn aliases_are_written_as_keys() {
        for column in [&SCHOOL, &CHILD_CODE] {
            for alias in column.aliases {
                assert_eq!(header_key(alias), *alias);
            }
        }
    }
}
