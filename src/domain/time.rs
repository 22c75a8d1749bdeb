//! Japan Standard Time, in which every user reads dates (stored times are UTC).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

/// UTC+9, without daylight saving.
pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+9 is a valid offset"),
};

/// A stored UTC time as JST.
pub fn jst(utc: NaiveDateTime) -> DateTime<FixedOffset> {
    Utc.from_utc_datetime(&utc).with_timezone(&JST)
}

/// The stored (UTC) instant at which a Japanese day begins.
pub fn jst_day_start(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN) - Duration::hours(9)
}

/// 「11/23」: the JST day of a stored time, as list lines show it (without strftime's parsing:
/// a list formats one per line).
pub fn month_day(utc: NaiveDateTime) -> String {
    let day = jst(utc);
    format!("{:02}/{:02}", day.month(), day.day())
}

/// 「11/23（月）」: a day as a heading.
pub fn day_label(day: NaiveDate) -> String {
    const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let weekday = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
    format!("{}（{weekday}）", day.format("%m/%d"))
}

/// 「2026年12月3日（木）」: a day in full.
pub fn date_label(day: NaiveDate) -> String {
    let short = day_label(day);
    let weekday = short.split_once('（').map(|(_, w)| w).unwrap_or_default();
    format!("{}年{}月{}日（{weekday}", day.year(), day.month(), day.day())
}

/// Today in Japan.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&JST).date_naive()
}

/// A month as written in a URL, `2026-12`: its first and last day.
pub fn parse_month(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (year, month) = text.trim().split_once('-')?;
    let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
    if !(2000..=2100).contains(&year) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((first, next.pred_opt()?))
}

/// `2026-12` for the month of `day`.
pub fn month_key(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// 「2026年12月」
pub fn month_label(day: NaiveDate) -> String {
    format!("{}年{}月", day.year(), day.month())
}

/// Minutes after midnight, Japan time.
pub fn minute_of_day(utc: NaiveDateTime) -> i32 {
    let local = jst(utc);
    (local.hour() * 60 + local.minute()) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_in_a_url_is_its_first_and_last_day() {
        let (first, last) = parse_month("2026-02").unwrap();
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("2026-02-01".into(), "2026-02-28".into())
        );
        assert_eq!(parse_month("2026-12").unwrap().1.to_string(), "2026-12-31");
        for bad in ["2026-13", "2026", "abc-01", "1900-01", ""] {
            assert!(parse_month(bad).is_none(), "{bad}");
        }
        assert_eq!(month_label(first), "2026年2月");
        assert_eq!(date_label(first), "2026年2月1日（日）");
        assert_eq!(month_key(last), "2026-02");
    }

    #[test]
    fn a_japanese_day_starts_at_15_utc_the_day_before() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(jst_day_start(day).to_string(), "2026-11-22 15:00:00");
        assert_eq!(jst(jst_day_start(day)).date_naive(), day);
        assert_eq!(day_label(day), "11/23（月）");
    }
}
