//! Whole files as schools upload them (`tests/data/roster`), through `parse_roster`.

use crate::db::models::watch::reader::ReaderKind;
use chrono::NaiveTime;

use super::header::header_key;
use super::*;

const READERS_SJIS: &[u8] = include_bytes!("../../../tests/data/roster/readers_sjis.csv");
const CHILDREN_SJIS: &[u8] = include_bytes!("../../../tests/data/roster/children_sjis.csv");
const GUARDIANS_SJIS: &[u8] = include_bytes!("../../../tests/data/roster/guardians_sjis.csv");
const CHILDREN_UTF8_BOM: &[u8] = include_bytes!("../../../tests/data/roster/children_utf8_bom.csv");
const CHILDREN_BROKEN: &[u8] = include_bytes!("../../../tests/data/roster/children_broken.csv");

fn readers(bytes: &[u8]) -> Vec<ReaderRow> {
    match parse_roster(RosterKind::Readers, bytes) {
        Ok(Roster::Readers(rows)) => rows,
        other => panic!("{other:?}"),
    }
}

fn children(bytes: &[u8]) -> Vec<ChildRow> {
    match parse_roster(RosterKind::Children, bytes) {
        Ok(Roster::Children(rows)) => rows,
        other => panic!("{other:?}"),
    }
}

fn guardians(bytes: &[u8]) -> Vec<GuardianRow> {
    match parse_roster(RosterKind::Guardians, bytes) {
        Ok(Roster::Guardians(rows)) => rows,
        other => panic!("{other:?}"),
    }
}

fn errors(kind: RosterKind, bytes: &[u8]) -> Vec<String> {
    parse_roster(kind, bytes).unwrap_err().messages()
}

#[test]
fn a_shift_jis_readers_file_with_windows_only_characters_is_read() {
    assert!(
        READERS_SJIS.windows(2).any(|w| w == b"\x87\x40"),
        "the file must hold ① in CP932"
    );
    let rows = readers(READERS_SJIS);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| (r.line, r.school.as_str(), r.name.as_str(), r.kind))
        .collect();
    assert_eq!(
        summary,
        [
            (2, "第一小学校", "正門", ReaderKind::Gate),
            (3, "第一小学校", "東門", ReaderKind::Gate),
            (4, "第一小学校", "ひまわり公園前", ReaderKind::Waypoint),
            (5, "第一小学校", "学童クラブ", ReaderKind::Waypoint),
            (6, "髙島小学校", "正門", ReaderKind::Gate),
        ]
    );
    assert_eq!(rows[0].note.as_deref(), Some("体育館側の門柱"));
    assert_eq!(rows[3].note.as_deref(), Some("①番教室の入口"));
}

#[test]
fn a_children_file_with_columns_in_another_order_and_extra_columns_is_read() {
    let rows = children(CHILDREN_SJIS);
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0],
        ChildRow {
            line: 2,
            school: "第一小学校".into(),
            code: "A-0001".into(),
            name: "髙橋 優太".into(),
            short_name: "ゆうた".into(),
            grade: 3,
            class_name: "1組".into(),
            tag: Some("04:A2:1F:33".into()),
        }
    );
    let second = &rows[1];
    assert_eq!(
        (second.name.as_str(), second.short_name.as_str()),
        ("山田 花子", "花子")
    );
    assert_eq!(second.tag.as_deref(), Some("04A21F34"));
    let third = &rows[2];
    assert_eq!(
        (third.grade, third.class_name.as_str(), third.tag.as_deref()),
        (6, "2組", None)
    );
    // The empty row 5 is skipped but still counted.
    assert_eq!((rows[3].line, rows[3].class_name.as_str()), (6, "①組"));
}

#[test]
fn a_guardians_file_keeps_keitai_addresses_and_reads_quiet_hours() {
    let rows = guardians(GUARDIANS_SJIS);
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.child_code.as_str(),
                r.label.as_str(),
                r.address.as_str(),
                r.quiet_from,
                r.quiet_until,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("A-0001", "母", "taro..mama.@docomo.ne.jp", hm(22, 0), hm(6, 30)),
            ("A-0001", "父", "papa-takahashi@ezweb.ne.jp", None, None),
            ("A-0002", "保護者", "hanako.yamada@softbank.ne.jp", hm(21, 30), hm(7, 0)),
            ("0001", "祖母", "yui-baba@i.softbank.jp", hm(21, 0), hm(5, 45)),
        ]
    );
    assert_eq!(rows[3].school, "髙島小学校");
}

#[test]
fn a_utf8_file_with_a_bom_and_english_headers_is_read() {
    let rows = children(CHILDREN_UTF8_BOM);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| (r.line, r.code.as_str(), r.short_name.as_str()))
        .collect();
    assert_eq!(summary, [(2, "A-0003", "れん"), (3, "A-0004", "みさき")]);
}

#[test]
fn every_error_of_a_broken_file_is_reported_in_order() {
    assert_eq!(
        errors(RosterKind::Children, CHILDREN_BROKEN),
        [
            "3 行目（児童番号）: 「A-0001」は 2 行目と同じ児童番号です",
            "4 行目（呼び名）: 呼び名を 10 文字以内で入力してください（空欄なら氏名の空白のあとを使います）",
            "4 行目（学年）: 1〜6 の数字で入力してください",
            "5 行目（学校）: 入力してください",
            "5 行目（組）: 入力してください",
            "5 行目（タグ）: 「04A21F33」は 2 行目の児童のタグです",
            "7 行目（児童番号）: 半角の英数字と「-」で入力してください",
            "7 行目（タグ）: 半角の英数字と「-」「_」「:」で入力してください",
        ]
    );
}

#[test]
fn line_errors_carry_the_header_as_written() {
    let Err(RosterErrors::Lines { errors, more }) = parse_roster(RosterKind::Children, CHILDREN_BROKEN) else {
        panic!("expected line errors");
    };
    assert_eq!(more, 0);
    assert_eq!(
        errors[2],
        LineError {
            line: 4,
            column: Some("学年".into()),
            message: "1〜6 の数字で入力してください".into()
        }
    );
    let text = "School,Code,Name,Grade,Class\n第一小学校,A-1,山田 一郎,9,1組\n";
    let messages = errors_of(RosterKind::Children, text);
    assert_eq!(messages, ["2 行目（Grade）: 1〜6 の数字で入力してください"]);
}

fn errors_of(kind: RosterKind, text: &str) -> Vec<String> {
    errors(kind, text.as_bytes())
}

#[test]
fn a_line_error_without_a_column_reads_naturally() {
    let error = LineError {
        line: 3,
        column: None,
        message: "テスト".into(),
    };
    assert_eq!(error.to_string(), "3 行目: テスト");
}

#[test]
fn only_the_first_hundred_errors_are_listed_and_the_rest_counted() {
    let mut text = String::from("学校,名前,種類\n");
    for n in 0..130 {
        text.push_str(&format!("第一小学校,門{n},どこか\n"));
    }
    let Err(RosterErrors::Lines { errors, more }) = parse_roster(RosterKind::Readers, text.as_bytes()) else {
        panic!("expected line errors");
    };
    assert_eq!((errors.len(), more), (MAX_LINE_ERRORS, 30));
    assert_eq!(errors[99].line, 101);
    let messages = errors_of(RosterKind::Readers, &text);
    assert_eq!(messages.len(), 101);
    assert_eq!(messages[100], "ほかにも 30 件の誤りがあります");
}

#[test]
fn a_missing_column_is_a_file_error_naming_it() {
    let text = "学校,児童番号,氏名,組\n第一小学校,A-1,山田 一郎,1組\n";
    assert_eq!(
        parse_roster(RosterKind::Children, text.as_bytes()),
        Err(RosterErrors::File(FileError::MissingColumns(vec!["学年".into()])))
    );
    assert_eq!(
        errors_of(RosterKind::Children, text),
        ["見出しの行に「学年」の列がありません。"]
    );
}

#[test]
fn a_file_of_the_wrong_kind_is_refused_by_its_columns() {
    assert_eq!(
        errors(RosterKind::Guardians, READERS_SJIS),
        ["見出しの行に「児童番号」「メールアドレス」の列がありません。"]
    );
}

#[test]
fn undecodable_bytes_and_workbooks_are_file_errors() {
    assert_eq!(
        errors(RosterKind::Readers, b"\x85\x40,\xFF\r\n"),
        ["文字コードを判別できません。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」で保存してください。"]
    );
    assert_eq!(
        parse_roster(RosterKind::Readers, b"PK\x03\x04rest"),
        Err(RosterErrors::File(FileError::Workbook))
    );
    assert_eq!(
        parse_roster(RosterKind::Readers, b""),
        Err(RosterErrors::File(FileError::Empty))
    );
}

#[test]
fn the_roster_knows_its_kind_and_size() {
    let roster = parse_roster(RosterKind::Readers, READERS_SJIS).unwrap();
    assert_eq!(
        (roster.kind(), roster.len(), roster.is_empty()),
        (RosterKind::Readers, 5, false)
    );
}

#[test]
fn every_alias_is_a_header_key_and_belongs_to_one_column_of_its_kind() {
    for kind in RosterKind::ALL {
        let columns = kind.columns();
        for column in columns {
            assert!(
                column.aliases.contains(&header_key(column.name).as_str()),
                "{}",
                column.name
            );
            for alias in column.aliases {
                assert_eq!(&header_key(alias), alias);
                let owners = columns.iter().filter(|c| c.aliases.contains(alias)).count();
                assert_eq!(owners, 1, "{alias} in {kind}");
            }
        }
    }
}
