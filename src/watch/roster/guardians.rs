//! 保護者の名簿: the addresses that get a mail when a child passes a reader.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use chrono::NaiveTime;

use super::cell::{self, CellError};
use super::error::{Errors, RosterErrors};
use super::fold;
use super::header::{Column, CHILD_CODE, SCHOOL};
use super::line::Line;
use super::table::Table;

/// The most addresses mailed for one child.
pub const MAX_ADDRESSES_PER_CHILD: usize = crate::db::models::watch::recipient::MAX_PER_CHILD;

/// One address of one child's guardian from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardianRow {
    /// The row number Excel shows.
    pub line: usize,
    pub school: String,
    /// The child's 児童番号, as in the children roster.
    pub child_code: String,
    /// 続柄 (母, 父, 祖母); 「保護者」 when empty; 1–10 characters.
    pub label: String,
    /// The address in the form `EmailAddress` normalised it to (lower case, keitai dots kept).
    pub address: String,
    /// お知らせしない時間: no mail from `quiet_from` until `quiet_until` (22:00 → 6:30 spans
    /// midnight); both or neither, never equal.
    pub quiet_from: Option<NaiveTime>,
    pub quiet_until: Option<NaiveTime>,
}

/// 続柄 when the cell is empty.
const DEFAULT_LABEL: &str = "保護者";

const LABEL: Column = Column {
    name: "続柄",
    aliases: &["続柄", "続き柄", "関係", "label", "relation", "relationship"],
    required: false,
};
const ADDRESS: Column = Column {
    name: "メールアドレス",
    aliases: &[
        "メールアドレス",
        "メール",
        "アドレス",
        "eメール",
        "email",
        "mail",
        "address",
        "emailaddress",
        "mailaddress",
    ],
    required: true,
};
const QUIET_FROM: Column = Column {
    name: "お知らせしない時間（開始）",
    aliases: &[
        "お知らせしない時間開始",
        "お知らせしない開始",
        "通知しない時間開始",
        "開始",
        "quietfrom",
        "quietstart",
    ],
    required: false,
};
const QUIET_UNTIL: Column = Column {
    name: "お知らせしない時間（終了）",
    aliases: &[
        "お知らせしない時間終了",
        "お知らせしない終了",
        "通知しない時間終了",
        "終了",
        "quietuntil",
        "quietend",
    ],
    required: false,
};

/// The columns of a guardians roster.
pub(crate) const COLUMNS: [&Column; 6] = [&SCHOOL, &CHILD_CODE, &LABEL, &ADDRESS, &QUIET_FROM, &QUIET_UNTIL];

/// Every address in the file, or every problem found.
pub(crate) fn parse(text: &str) -> Result<Vec<GuardianRow>, RosterErrors> {
    let table = Table::read(text, &COLUMNS)?;
    let mut errors = Errors::default();
    let mut children = PerChild::default();
    let mut rows = Vec::new();
    for row in table.rows() {
        let mut line = Line::new(&table, row, &mut errors);
        let school = line.parse(&SCHOOL, |c| cell::text(c, 40));
        let child_code = line.parse(&CHILD_CODE, cell::code);
        let label = line.parse(&LABEL, |c| {
            if c.is_empty() {
                Ok(DEFAULT_LABEL.to_owned())
            } else {
                cell::text(c, 10)
            }
        });
        let address = line.parse(&ADDRESS, cell::email);
        let quiet = quiet_hours(&mut line);
        if let (Some(school), Some(code), Some(address)) = (&school, &child_code, &address) {
            if let Err(message) = children.add(school, code, address, line.number()) {
                line.error(&ADDRESS, message);
            }
        }
        if let (Some(school), Some(child_code), Some(label), Some(address), Some((quiet_from, quiet_until))) =
            (school, child_code, label, address, quiet)
        {
            let line = line.number();
            rows.push(GuardianRow {
                line,
                school,
                child_code,
                label,
                address,
                quiet_from,
                quiet_until,
            });
        }
    }
    errors.finish(rows)
}

/// The addresses read so far for each child (school and 児童番号).
#[derive(Default)]
struct PerChild {
    addresses: HashMap<(String, String), Vec<(String, usize)>>,
}

impl PerChild {
    /// Remembers the address for the child, or says why it cannot be added: the child has it
    /// already, or has [`MAX_ADDRESSES_PER_CHILD`].
    fn add(&mut self, school: &str, code: &str, address: &str, line: usize) -> Result<(), String> {
        let known = self.addresses.entry((school.to_owned(), code.to_owned())).or_default();
        if let Some((_, first)) = known.iter().find(|(known, _)| known == address) {
            return Err(format!(
                "「{address}」は {first} 行目にも同じ児童のアドレスとして書かれています"
            ));
        }
        // Kept even past the limit, so later lines count on and repeats are still recognised.
        known.push((address.to_owned(), line));
        if known.len() > MAX_ADDRESSES_PER_CHILD {
            return Err(format!(
                "ひとりの児童に登録できるアドレスは {MAX_ADDRESSES_PER_CHILD} 件までです（児童番号「{code}」の {} 件目）",
                known.len()
            ));
        }
        Ok(())
    }
}

/// Both quiet times or neither, and not the same time.
fn quiet_hours(line: &mut Line<'_>) -> Option<(Option<NaiveTime>, Option<NaiveTime>)> {
    let from = line.parse(&QUIET_FROM, time);
    let until = line.parse(&QUIET_UNTIL, time);
    let both = "開始と終了は両方入力するか、両方とも空欄にしてください".to_owned();
    match (from?, until?) {
        (Some(from), Some(until)) if from == until => {
            line.error(&QUIET_UNTIL, "開始と終了が同じ時刻です".to_owned());
            None
        }
        (Some(_), None) => {
            line.error(&QUIET_UNTIL, both);
            None
        }
        (None, Some(_)) => {
            line.error(&QUIET_FROM, both);
            None
        }
        quiet => Some(quiet),
    }
}

/// 「22:00」, 「6:30」, 「２２：００」, or 「22:00:00」 as Excel may write a time cell; empty is none.
fn time(cell: &str) -> Result<Option<NaiveTime>, CellError> {
    let folded = fold::ascii_width(cell);
    if folded.is_empty() {
        return Ok(None);
    }
    clock(&folded).map(Some).ok_or(CellError::Time)
}

/// `H:MM` or `H:MM:SS`, the hour in one or two digits.
fn clock(text: &str) -> Option<NaiveTime> {
    let number = |part: &str, widths: RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match text.split(':').collect::<Vec<_>>()[..] {
        [hour, minute] => NaiveTime::from_hms_opt(number(hour, 1..=2)?, number(minute, 2..=2)?, 0),
        [hour, minute, second] => {
            NaiveTime::from_hms_opt(number(hour, 1..=2)?, number(minute, 2..=2)?, number(second, 2..=2)?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "学校,児童番号,続柄,メールアドレス,お知らせしない時間（開始）,お知らせしない時間（終了）\n";

    fn messages(rows: &str) -> Vec<String> {
        parse(&format!("{HEAD}{rows}")).unwrap_err().messages()
    }

    fn hm(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
    }

    #[test]
    fn a_guardian_line_becomes_a_row() {
        let rows = parse(&format!(
            "{HEAD}第一小学校,A-001,母,Taro..Mama.@docomo.ne.jp,22:00,6:30\n"
        ))
        .unwrap();
        assert_eq!(
            rows,
            [GuardianRow {
                line: 2,
                school: "第一小学校".into(),
                child_code: "A-001".into(),
                label: "母".into(),
                address: "taro..mama.@docomo.ne.jp".into(),
                quiet_from: Some(hm(22, 0)),
                quiet_until: Some(hm(6, 30)),
            }]
        );
    }

    #[test]
    fn label_and_quiet_hours_may_be_left_out() {
        let rows = parse("school,code,email\n第一小学校,A-001,papa@ezweb.ne.jp\n").unwrap();
        assert_eq!(
            (rows[0].label.as_str(), rows[0].quiet_from, rows[0].quiet_until),
            ("保護者", None, None)
        );
        let rows = parse(&format!("{HEAD}第一小学校,A-001,,papa@ezweb.ne.jp,,\n")).unwrap();
        assert_eq!(rows[0].label, "保護者");
    }

    #[test]
    fn times_are_read_in_the_forms_excel_and_people_write() {
        assert_eq!(time("6:30"), Ok(Some(hm(6, 30))));
        assert_eq!(time("０６：３０"), Ok(Some(hm(6, 30))));
        assert_eq!(time("22:00:00"), Ok(Some(hm(22, 0))));
        assert_eq!(time(""), Ok(None));
        for bad in ["24:00", "6:3", "6時", "630", "6:30 PM", ":30"] {
            assert_eq!(time(bad), Err(CellError::Time), "{bad}");
        }
    }

    #[test]
    fn quiet_hours_need_both_ends_and_two_different_times() {
        let rows = "第一小学校,A-001,母,a@docomo.ne.jp,22:00,\n\
                    第一小学校,A-001,母,b@docomo.ne.jp,,6:30\n\
                    第一小学校,A-001,母,c@docomo.ne.jp,7:00,7:00\n\
                    第一小学校,A-001,母,d@docomo.ne.jp,7時,\n";
        assert_eq!(
            messages(rows),
            [
                "2 行目（お知らせしない時間（終了））: 開始と終了は両方入力するか、両方とも空欄にしてください",
                "3 行目（お知らせしない時間（開始））: 開始と終了は両方入力するか、両方とも空欄にしてください",
                "4 行目（お知らせしない時間（終了））: 開始と終了が同じ時刻です",
                "5 行目（お知らせしない時間（開始））: 「22:00」や「6:30」のように、時と分を「:」で区切って入力してください",
            ]
        );
    }

    #[test]
    fn bad_addresses_are_refused_with_the_reason() {
        assert_eq!(
            messages("第一小学校,A-001,母,mama@docomo,,\n第一小学校,A-001,母,,,\n"),
            [
                "2 行目（メールアドレス）: メールアドレスの形が正しくありません",
                "3 行目（メールアドレス）: 入力してください",
            ]
        );
    }

    #[test]
    fn an_address_twice_for_one_child_is_refused_but_allowed_for_another() {
        let rows = "第一小学校,A-001,母,mama@docomo.ne.jp,,\n\
                    第一小学校,A-002,母,mama@docomo.ne.jp,,\n\
                    第一小学校,A-001,父,MAMA@docomo.ne.jp,,\n";
        assert_eq!(
            messages(rows),
            ["4 行目（メールアドレス）: 「mama@docomo.ne.jp」は 2 行目にも同じ児童のアドレスとして書かれています"]
        );
    }

    #[test]
    fn a_seventh_address_for_one_child_is_refused() {
        let rows: String = (1..=8)
            .map(|n| format!("第一小学校,A-001,,m{n}@docomo.ne.jp,,\n"))
            .collect();
        assert_eq!(
            messages(&rows),
            [
                "8 行目（メールアドレス）: ひとりの児童に登録できるアドレスは 6 件までです（児童番号「A-001」の 7 件目）",
                "9 行目（メールアドレス）: ひとりの児童に登録できるアドレスは 6 件までです（児童番号「A-001」の 8 件目）",
            ]
        );
    }
}
