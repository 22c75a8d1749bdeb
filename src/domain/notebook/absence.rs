//! 欠席・遅刻・早退連絡: the reasons a school offers, which days a notice may be for, and reading a
//! guardian's mail (kind, day, reason, child) without guessing.

use super::AbsenceKind;
use crate::domain::fold::fold;
use chrono::{Datelike, Duration, NaiveDate};

/// The reasons offered when a school has not set its own list.
pub const DEFAULT_REASONS: [&str; 6] = ["発熱", "体調不良", "通院", "家庭の都合", "忌引", "その他"];

/// The reason of a mail that names none of the school's.
pub const OTHER_REASON: &str = "その他";

/// How far ahead a notice may be filed (a planned 通院 next month is phoned in later).
pub const MAX_DAYS_AHEAD: i64 = 30;

/// The longest note kept (a keitai mail body is a few hundred characters).
pub const MAX_NOTE_CHARS: usize = 500;

/// A school's reasons from its stored list (one per line); the default list when it is empty.
pub fn reasons_of(stored: &str) -> Vec<String> {
    let own: Vec<String> = stored
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    if own.is_empty() {
        DEFAULT_REASONS.iter().map(|r| r.to_string()).collect()
    } else {
        own
    }
}

/// Why a day cannot take a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("過ぎた日の連絡はできません。今日以降の日付を選んでください。")]
    Past,
    #[error("連絡できるのは30日先までです。")]
    TooFar,
    #[error("日付を読み取れませんでした。「12/5」のように入力してください。")]
    Unreadable,
}

/// A notice may be for today up to `MAX_DAYS_AHEAD` days ahead (Japan time).
pub fn check_day(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DayError> {
    if day < today {
        Err(DayError::Past)
    } else if day > today + Duration::days(MAX_DAYS_AHEAD) {
        Err(DayError::TooFar)
    } else {
        Ok(day)
    }
}

/// The form's choice of day: 今日, 明日 or a typed date.
pub fn form_day(choice: &str, typed: &str, today: NaiveDate) -> Result<NaiveDate, DayError> {
    let day = match choice {
        "today" => today,
        "tomorrow" => today + Duration::days(1),
        _ => read_date(&fold(typed), today).ok_or(DayError::Unreadable)?,
    };
    check_day(day, today)
}

/// 「12/5」「12月5日」「2026-12-05」「2026/12/5」 anywhere in folded text, the first one. A month
/// and day without a year is the next such day from about two months ago (a date just past stays
/// past, so that it is refused as past rather than read as next year).
pub fn read_date(folded: &str, today: NaiveDate) -> Option<NaiveDate> {
    let chars: Vec<char> = folded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            if let Some(day) = date_at(&chars, i, today) {
                return Some(day);
            }
        }
        i += 1;
    }
    None
}

/// The number of digits at `at` and its value.
fn number_at(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let len = chars[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 || len > 4 {
        return None;
    }
    let text: String = chars[at..at + len].iter().collect();
    Some((text.parse().ok()?, len))
}

fn date_at(chars: &[char], at: usize, today: NaiveDate) -> Option<NaiveDate> {
    let (first, len) = number_at(chars, at)?;
    let mut pos = at + len;
    let sep = *chars.get(pos)?;
    if len == 4 {
        // 2026-12-05, 2026/12/5, 2026年12月5日
        if !matches!(sep, '-' | '/' | '年') {
            return None;
        }
        let (month, mlen) = number_at(chars, pos + 1)?;
        pos += 1 + mlen;
        if !matches!(chars.get(pos)?, '-' | '/' | '月') {
            return None;
        }
        let (day, _) = number_at(chars, pos + 1)?;
        return NaiveDate::from_ymd_opt(i32::try_from(first).ok()?, month, day);
    }
    if len > 2 || !matches!(sep, '/' | '月') {
        return None;
    }
    let (day, dlen) = number_at(chars, pos + 1)?;
    if dlen > 2 {
        return None;
    }
    let this_year = NaiveDate::from_ymd_opt(today.year(), first, day)?;
    if this_year < today - Duration::days(60) {
        NaiveDate::from_ymd_opt(today.year() + 1, first, day)
    } else {
        Some(this_year)
    }
}

/// What an absence mail says once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailNotice {
    pub child_id: i64,
    pub day: NaiveDate,
    pub kind: AbsenceKind,
    pub reason: String,
    pub note: String,
}

/// A child of the family as the mail reader matches her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedChild {
    pub id: i64,
    /// The full name (姓 名, as the roster has it).
    pub name: String,
    /// What mails call her (ゆうた).
    pub short_name: String,
}

/// Why a mail was not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailUnread {
    /// Several children and none named, or two named: the reply asks again.
    WhichChild,
    /// The day is past or too far ahead.
    Day(DayError),
}

/// Reads an absence mail. Kind: 早退, 遅刻/遅れ, else 欠席 (休み). Day: a date, else 明日, else today.
/// Reason: the first of the school's reasons the text names (or a word for it: 熱 → 発熱), else
/// その他. Child: the only one, or the one whose name the text contains.
pub fn read_mail(
    subject: &str,
    body: &str,
    today: NaiveDate,
    reasons: &[String],
    children: &[NamedChild],
) -> Result<MailNotice, MailUnread> {
    let text = format!("{subject}\n{body}");
    let folded = fold(&text);
    let child_id = choose_child(&folded, children).ok_or(MailUnread::WhichChild)?;
    let day = check_day(read_day(&folded, today), today).map_err(MailUnread::Day)?;
    let note: String = body.trim().chars().take(MAX_NOTE_CHARS).collect();
    let note = if note.is_empty() {
        subject.trim().chars().take(MAX_NOTE_CHARS).collect()
    } else {
        note
    };
    Ok(MailNotice {
        child_id,
        day,
        kind: read_kind(&folded),
        reason: read_reason(&folded, reasons),
        note,
    })
}

/// The kind a text names; 欠席 when it names none (「ゆうた 熱」 is an absence).
pub fn read_kind(folded: &str) -> AbsenceKind {
    const WORDS: [(&str, AbsenceKind); 9] = [
        ("早退", AbsenceKind::Early),
        ("早引", AbsenceKind::Early),
        ("遅刻", AbsenceKind::Late),
        ("遅れ", AbsenceKind::Late),
        ("おくれ", AbsenceKind::Late),
        ("ちこく", AbsenceKind::Late),
        ("欠席", AbsenceKind::Absent),
        ("休", AbsenceKind::Absent),
        ("やすみ", AbsenceKind::Absent),
    ];
    WORDS
        .iter()
        .filter_map(|(word, kind)| folded.find(word).map(|at| (at, *kind)))
        .min_by_key(|(at, _)| *at)
        .map_or(AbsenceKind::Absent, |(_, kind)| kind)
}

/// The day a text names: a date first, then 明日, else today.
pub fn read_day(folded: &str, today: NaiveDate) -> NaiveDate {
    if let Some(day) = read_date(folded, today) {
        return day;
    }
    if ["明日", "あした", "あす"].iter().any(|w| folded.contains(w)) {
        return today + Duration::days(1);
    }
    today
}

/// Words that name a reason without its exact wording.
const REASON_WORDS: [(&str, &[&str]); 5] = [
    ("発熱", &["熱"]),
    (
        "体調不良",
        &["体調", "腹痛", "頭痛", "風邪", "かぜ", "咳", "嘔吐", "吐き", "具合"],
    ),
    ("通院", &["病院", "歯医者", "眼科", "耳鼻科", "受診", "診察", "検診"]),
    ("家庭の都合", &["家の都合", "家庭の事情", "用事", "法事", "帰省"]),
    ("忌引", &["葬儀", "葬式", "お通夜"]),
];

/// The first of the school's reasons the text names, by its own words or a word for it.
pub fn read_reason(folded: &str, reasons: &[String]) -> String {
    if let Some(reason) = reasons
        .iter()
        .find(|r| r.as_str() != OTHER_REASON && folded.contains(r.as_str()))
    {
        return reason.clone();
    }
    for (reason, words) in REASON_WORDS {
        if reasons.iter().any(|r| r == reason) && words.iter().any(|w| folded.contains(w)) {
            return reason.to_string();
        }
    }
    OTHER_REASON.to_string()
}

/// Katakana as hiragana, so that ユウタ finds ゆうた.
fn hiragana(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The names a child is called by in a mail: her short name, her given name, her full name.
fn names_of(child: &NamedChild) -> Vec<String> {
    let mut names = vec![child.short_name.clone()];
    let full = child.name.replace('\u{3000}', " ");
    if let Some((_, given)) = full.trim().rsplit_once(' ') {
        names.push(given.to_string());
    }
    names.push(full.replace(' ', ""));
    names
        .into_iter()
        .map(|n| hiragana(&fold(n.trim())))
        .filter(|n| !n.is_empty())
        .collect()
}

/// The child a mail is about: the only one named, or the only child when none is named.
pub fn choose_child(folded: &str, children: &[NamedChild]) -> Option<i64> {
    let text = hiragana(folded).replace([' ', '\u{3000}'], "");
    let named: Vec<i64> = children
        .iter()
        .filter(|c| names_of(c).iter().any(|n| text.contains(n.as_str())))
        .map(|c| c.id)
        .collect();
    match (named.as_slice(), children) {
        ([one], _) => Some(*one),
        ([], [only]) => Some(only.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn child(id: i64, name: &str, short: &str) -> NamedChild {
        NamedChild {
            id,
            name: name.into(),
            short_name: short.into(),
        }
    }

    #[test]
    fn a_school_without_a_list_offers_the_default_one() {
        assert_eq!(reasons_of(""), DEFAULT_REASONS);
        assert_eq!(reasons_of("  \n"), DEFAULT_REASONS);
        assert_eq!(reasons_of("発熱\r\n 通院 \n\n学校行事"), ["発熱", "通院", "学校行事"]);
    }

    #[test]
    fn kind_words_are_read_and_absence_is_the_default() {
        let cases = [
            ("熱があるので休みます", AbsenceKind::Absent),
            ("本日欠席します", AbsenceKind::Absent),
            ("きょうはやすみます", AbsenceKind::Absent),
            ("病院に寄るので遅刻します", AbsenceKind::Late),
            ("10時ごろ遅れて行きます", AbsenceKind::Late),
            ("歯医者のため早退させてください", AbsenceKind::Early),
            ("ゆうた 熱", AbsenceKind::Absent),
            ("遅刻します。昨日は休みました", AbsenceKind::Late),
        ];
        for (text, kind) in cases {
            assert_eq!(read_kind(&fold(text)), kind, "{text}");
        }
    }

    #[test]
    fn day_words_and_dates_are_read_and_today_is_the_default() {
        let today = day(2026, 12, 3);
        let cases = [
            ("今日は休みます", day(2026, 12, 3)),
            ("本日欠席", day(2026, 12, 3)),
            ("熱", day(2026, 12, 3)),
            ("明日休みます", day(2026, 12, 4)),
            ("12/5 通院のため", day(2026, 12, 5)),
            ("１２／７は欠席します", day(2026, 12, 7)),
            ("12月5日に早退", day(2026, 12, 5)),
            ("1/8 休みます", day(2027, 1, 8)),
            ("2027年1月12日 欠席", day(2027, 1, 12)),
            ("12/2 休みました", day(2026, 12, 2)),
            ("10時に遅刻します", day(2026, 12, 3)),
        ];
        for (text, expected) in cases {
            assert_eq!(read_day(&fold(text), today), expected, "{text}");
        }
    }

    #[test]
    fn the_form_day_is_today_or_ahead_within_thirty_days() {
        let today = day(2026, 12, 3);
        assert_eq!(form_day("today", "", today), Ok(today));
        assert_eq!(form_day("tomorrow", "", today), Ok(day(2026, 12, 4)));
        assert_eq!(form_day("date", "12/24", today), Ok(day(2026, 12, 24)));
        assert_eq!(form_day("date", "2026-12-02", today), Err(DayError::Past));
        assert_eq!(form_day("date", "2027/01/03", today), Err(DayError::TooFar));
        assert_eq!(form_day("date", "そのうち", today), Err(DayError::Unreadable));
    }

    #[test]
    fn reasons_come_from_the_schools_list() {
        let default = reasons_of("");
        let own = reasons_of("通院\n学校行事\nその他");
        let cases = [
            ("熱があるので休みます", &default, "発熱"),
            ("発熱のため", &default, "発熱"),
            ("お腹が痛い。腹痛です", &default, "体調不良"),
            ("歯医者に行きます", &default, "通院"),
            ("家庭の都合で", &default, "家庭の都合"),
            ("よろしくお願いします", &default, "その他"),
            ("熱があります", &own, "その他"),
            ("学校行事のため", &own, "学校行事"),
            ("病院へ", &own, "通院"),
        ];
        for (text, reasons, expected) in cases {
            assert_eq!(read_reason(&fold(text), reasons), expected, "{text}");
        }
    }

    #[test]
    fn the_child_is_the_only_one_or_the_one_named() {
        let yuta = child(1, "山田 ゆうた", "ゆうた");
        let saki = child(2, "山田　咲", "さき");
        let one = [yuta.clone()];
        let two = [yuta.clone(), saki.clone()];
        let cases: [(&str, &[NamedChild], Option<i64>); 8] = [
            ("熱があるので休みます", &one, Some(1)),
            ("さきが熱です", &one, Some(1)),
            ("ゆうた 熱", &two, Some(1)),
            ("ユウタ休みます", &two, Some(1)),
            ("ｻｷ 遅刻", &two, Some(2)),
            ("咲は早退します", &two, Some(2)),
            ("熱があるので休みます", &two, None),
            ("ゆうたとさき、二人とも休みます", &two, None),
        ];
        for (text, children, expected) in cases {
            assert_eq!(choose_child(&fold(text), children), expected, "{text}");
        }
    }

    #[test]
    fn a_whole_mail_is_read_or_refused() {
        let today = day(2026, 12, 3);
        let reasons = reasons_of("");
        let two = [child(1, "山田 ゆうた", "ゆうた"), child(2, "山田 さき", "さき")];
        let read = read_mail("ゆうた", "熱があるので明日休みます", today, &reasons, &two).unwrap();
        assert_eq!(
            read,
            MailNotice {
                child_id: 1,
                day: day(2026, 12, 4),
                kind: AbsenceKind::Absent,
                reason: "発熱".into(),
                note: "熱があるので明日休みます".into(),
            }
        );
        assert_eq!(
            read_mail("", "熱があるので休みます", today, &reasons, &two),
            Err(MailUnread::WhichChild)
        );
        assert_eq!(
            read_mail("", "さき 12/1 休みました", today, &reasons, &two),
            Err(MailUnread::Day(DayError::Past))
        );
    }
}
