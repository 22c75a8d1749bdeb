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

/// A day as a person types it on a phone or a PC: 「2021-04-02」, 「2021/4/2」, 「20210402」 or
/// 「2021年4月2日」, full-width digits too. None when it is no real date.
pub fn parse_day_text(text: &str) -> Option<NaiveDate> {
    let folded = crate::domain::fold::fold(text.trim());
    let parts: Vec<&str> = folded
        .split(['-', '/', '.', '年', '月', '日', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |s: &str| s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse::<u32>().ok())?;
    let (year, month, day) = match parts.as_slice() {
        [ymd] if ymd.len() == 8 => (number(&ymd[..4])?, number(&ymd[4..6])?, number(&ymd[6..])?),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (number(y)?, number(m)?, number(d)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
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
    fn typed_days_are_read_in_the_usual_spellings() {
        let want = NaiveDate::from_ymd_opt(2021, 4, 2);
        for text in [
            "2021-04-02",
            "2021/4/2",
            "20210402",
            "２０２１－０４－０２",
            "2021年4月2日",
            " 2021.4.2 ",
        ] {
            assert_eq!(parse_day_text(text), want, "{text}");
        }
        for text in ["", "2021-02-30", "21-4-2", "2021-4", "きのう", "2021-04-02-01"] {
            assert_eq!(parse_day_text(text), None, "{text}");
        }
    }

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
