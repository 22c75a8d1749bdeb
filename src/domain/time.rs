//! Japan Standard Time, in which every user reads dates (stored times are UTC).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

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

/// 「11/23（月）」: a day as a heading.
pub fn day_label(day: NaiveDate) -> String {
    const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let weekday = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
    format!("{}（{weekday}）", day.format("%m/%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_japanese_day_starts_at_15_utc_the_day_before() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(jst_day_start(day).to_string(), "2026-11-22 15:00:00");
        assert_eq!(jst(jst_day_start(day)).date_naive(), day);
        assert_eq!(day_label(day), "11/23（月）");
    }
}
