//! 児童の名簿: each child with the school's own number, class and (once handed out) IC tag.

use std::collections::HashMap;

use super::cell::{self, CellError};
use super::error::{Errors, RosterErrors};
use super::fold;
use super::header::{Column, CHILD_CODE, SCHOOL};
use super::line::{seen_before, Line};
use super::table::Table;

/// One child from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRow {
    /// The row number Excel shows.
    pub line: usize,
    pub school: String,
    /// 児童番号: 1–20 ASCII letters, digits or `-`, unique within the school; case as written.
    pub code: String,
    /// 氏名, runs of spaces made one half-width space; up to 40 characters.
    pub name: String,
    /// How mails call the child (「ゆうたさんが正門を通りました」); 1–10 characters.
    pub short_name: String,
    /// 学年, 1–6.
    pub grade: u8,
    /// 組 (「1組」, 「A」); full-width letters and digits made half-width; 1–10 characters.
    pub class_name: String,
    /// The IC tag, upper case, 1–64 of `A-Z 0-9 - _ :`; `None` until one is handed out.
    pub tag: Option<String>,
}

const FULL_NAME: Column = Column {
    name: "氏名",
    aliases: &["氏名", "名前", "児童名", "児童氏名", "name", "fullname"],
    required: true,
};
const SHORT_NAME: Column = Column {
    name: "呼び名",
    aliases: &["呼び名", "メール用の呼び名", "よびな", "shortname", "nickname"],
    required: false,
};
const GRADE: Column = Column {
    name: "学年",
    aliases: &["学年", "grade"],
    required: true,
};
const CLASS: Column = Column {
    name: "組",
    aliases: &["組", "クラス", "学級", "class", "classname"],
    required: true,
};
const TAG: Column = Column {
    name: "タグ",
    aliases: &["タグ", "icタグ", "タグ番号", "タグid", "tag", "tagid", "ictag"],
    required: false,
};

/// The columns of a children roster.
pub(crate) const COLUMNS: [&Column; 7] = [&SCHOOL, &CHILD_CODE, &FULL_NAME, &SHORT_NAME, &GRADE, &CLASS, &TAG];

/// Every child in the file, or every problem found.
pub(crate) fn parse(text: &str) -> Result<Vec<ChildRow>, RosterErrors> {
    let table = Table::read(text, &COLUMNS)?;
    let mut errors = Errors::default();
    let (mut codes, mut tags) = (HashMap::new(), HashMap::new());
    let mut rows = Vec::new();
    for row in table.rows() {
        let mut line = Line::new(&table, row, &mut errors);
        let school = line.parse(&SCHOOL, |c| cell::text(c, 40));
        let code = line.parse(&CHILD_CODE, cell::code);
        let name = line.parse(&FULL_NAME, |c| cell::text(c, 40));
        let short_name = if line.cell(&SHORT_NAME).is_empty() {
            name.as_deref()
                .and_then(|name| line.check(&SHORT_NAME, given_name(name)))
        } else {
            line.parse(&SHORT_NAME, |c| cell::text(c, 10))
        };
        let grade = line.parse(&GRADE, grade);
        let class_name = line.parse(&CLASS, |c| cell::text(&fold::ascii_width(c), 10));
        let tag = line.parse(&TAG, tag);
        if let (Some(school), Some(code)) = (&school, &code) {
            if let Some(first) = seen_before(&mut codes, (school.clone(), code.clone()), line.number()) {
                line.error(&CHILD_CODE, format!("「{code}」は {first} 行目と同じ児童番号です"));
            }
        }
        if let Some(Some(tag)) = &tag {
            if let Some(first) = seen_before(&mut tags, tag.clone(), line.number()) {
                line.error(&TAG, format!("「{tag}」は {first} 行目の児童のタグです"));
            }
        }
        if let (Some(school), Some(code), Some(name), Some(short_name), Some(grade), Some(class_name), Some(tag)) =
            (school, code, name, short_name, grade, class_name, tag)
        {
            let line = line.number();
            rows.push(ChildRow {
                line,
                school,
                code,
                name,
                short_name,
                grade,
                class_name,
                tag,
            });
        }
    }
    errors.finish(rows)
}

/// The part of 氏名 after the first space (「山田 ゆうた」 → 「ゆうた」), when 呼び名 is empty.
fn given_name(name: &str) -> Result<String, CellError> {
    name.split_once(' ')
        .map(|(_, given)| given)
        .filter(|given| given.chars().count() <= 10)
        .map(str::to_owned)
        .ok_or(CellError::ShortName)
}

/// 学年: 1–6, full-width digits and 「年」「年生」 allowed (「３」, 「3年生」).
fn grade(cell: &str) -> Result<u8, CellError> {
    let folded = fold::ascii_width(cell);
    let number = folded.trim_end_matches("年生").trim_end_matches('年').trim();
    match number.parse::<u8>() {
        Ok(grade @ 1..=6) => Ok(grade),
        _ => Err(CellError::Grade),
    }
}

/// The IC tag's id as printed on it or shown by the reader software; empty means none yet.
fn tag(cell: &str) -> Result<Option<String>, CellError> {
    let tag = fold::ascii_code(cell).trim().to_ascii_uppercase();
    if tag.is_empty() {
        return Ok(None);
    }
    if !tag
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | ':'))
    {
        return Err(CellError::Tag);
    }
    if tag.len() > 64 {
        return Err(CellError::TooLong(64));
    }
    Ok(Some(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "学校,児童番号,氏名,呼び名,学年,組,タグ\n";

    fn messages(rows: &str) -> Vec<String> {
        parse(&format!("{HEAD}{rows}")).unwrap_err().messages()
    }

    #[test]
    fn a_child_line_becomes_a_row() {
        let rows = parse(&format!("{HEAD}第一小学校,A-001,山田 優太,ゆうた,３,１組,04:a2:1f\n")).unwrap();
        assert_eq!(
            rows,
            [ChildRow {
                line: 2,
                school: "第一小学校".into(),
                code: "A-001".into(),
                name: "山田 優太".into(),
                short_name: "ゆうた".into(),
                grade: 3,
                class_name: "1組".into(),
                tag: Some("04:A2:1F".into()),
            }]
        );
    }

    #[test]
    fn an_empty_short_name_is_taken_from_the_given_name() {
        let rows = parse(&format!("{HEAD}第一小学校,7,山田\u{3000}ゆうた,,1,A,\n")).unwrap();
        assert_eq!(rows[0].short_name, "ゆうた");
        assert_eq!(rows[0].name, "山田 ゆうた");
        assert_eq!(rows[0].tag, None);
        let text = "学校,児童番号,氏名,学年,組\n第一小学校,8,佐藤 花子,2,1組\n";
        assert_eq!(parse(text).unwrap()[0].short_name, "花子");
    }

    #[test]
    fn a_name_without_a_space_needs_a_short_name() {
        assert_eq!(
            messages("第一小学校,7,山田ゆうた,,1,A,\n"),
            ["2 行目（呼び名）: 呼び名を 10 文字以内で入力してください（空欄なら氏名の空白のあとを使います）"]
        );
    }

    #[test]
    fn grades_accept_full_width_digits_and_a_suffix_but_only_one_to_six() {
        assert_eq!(grade("３"), Ok(3));
        assert_eq!(grade("6年生"), Ok(6));
        assert_eq!(grade("１年"), Ok(1));
        for bad in ["0", "7", "三", "1.5", ""] {
            assert_eq!(grade(bad), Err(CellError::Grade), "{bad}");
        }
    }

    #[test]
    fn tags_are_upper_case_and_limited_to_a_few_signs() {
        assert_eq!(tag(" ０４ａ２－ｂ３ "), Ok(Some("04A2-B3".into())));
        assert_eq!(tag("e0_04:01"), Ok(Some("E0_04:01".into())));
        assert_eq!(tag(""), Ok(None));
        assert_eq!(tag("04 A2"), Err(CellError::Tag));
        assert_eq!(tag(&"A".repeat(65)), Err(CellError::TooLong(64)));
    }

    #[test]
    fn codes_and_tags_must_be_unique_in_the_file() {
        let rows = "第一小学校,1,山田 一郎,,1,1組,T1\n\
                    第二小学校,1,山田 二郎,,1,1組,T2\n\
                    第一小学校,1,山田 三郎,,1,1組,t1\n";
        assert_eq!(
            messages(rows),
            [
                "4 行目（児童番号）: 「1」は 2 行目と同じ児童番号です",
                "4 行目（タグ）: 「T1」は 2 行目の児童のタグです",
            ]
        );
    }

    #[test]
    fn every_bad_cell_of_a_line_is_reported() {
        assert_eq!(
            messages(",あ,,,7,,#\n"),
            [
                "2 行目（学校）: 入力してください",
                "2 行目（児童番号）: 半角の英数字と「-」で入力してください",
                "2 行目（氏名）: 入力してください",
                "2 行目（学年）: 1〜6 の数字で入力してください",
                "2 行目（組）: 入力してください",
                "2 行目（タグ）: 半角の英数字と「-」「_」「:」で入力してください",
            ]
        );
    }
}
