//! Japanese national holidays (国民の祝日) and the days off they bring, computed for 2000–2099.
//!
//! The rules are those of 国民の祝日に関する法律 (昭和23年法律第178号) as amended up to 2018,
//! plus the one-year laws that moved or added a holiday (`ONE_YEAR`). Years outside `YEARS` have
//! no holidays here: the rules before 2000 differ (fixed-date 成人の日 and 体育の日), and the
//! equinox formula below stops at 2099.

use chrono::{Datelike, NaiveDate, Weekday};
use std::ops::RangeInclusive;

/// The years this module knows.
pub const YEARS: RangeInclusive<i32> = 2000..=2099;

/// Why a day is off: a 祝日 by name, or one of the two kinds of 休日 the law adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// A 国民の祝日 (or a one-year 休日 the law treats as one), with its name.
    Named(&'static str),
    /// 振替休日 (祝日法第3条第2項): the first non-祝日 after a 祝日 that fell on a Sunday.
    Substitute,
    /// 国民の休日 (祝日法第3条第3項): a day between two 祝日 that is not itself one.
    Citizens,
}

impl Holiday {
    /// The name a calendar shows: 「元日」, 「振替休日」, 「国民の休日」.
    pub fn name(self) -> &'static str {
        match self {
            Holiday::Named(name) => name,
            Holiday::Substitute => "振替休日",
            Holiday::Citizens => "国民の休日",
        }
    }
}

/// The holiday on `date`, if it is one.
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    if let Some(name) = named(date) {
        return Some(Holiday::Named(name));
    }
    if follows_sunday_holiday(date) {
        return Some(Holiday::Substitute);
    }
    let between =
        date.pred_opt().is_some_and(|d| named(d).is_some()) && date.succ_opt().is_some_and(|d| named(d).is_some());
    // Until the 2005 amendment took effect in 2007, a Sunday between two 祝日 stayed a plain
    // Sunday (2003-05-04); since then the law no longer excludes it.
    let old_sunday = date.year() < 2007 && date.weekday() == Weekday::Sun;
    (between && !old_sunday).then_some(Holiday::Citizens)
}

/// Saturday, Sunday or a holiday: the days the fee table charges more for (土日祝).
pub fn is_rest_day(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || holiday(date).is_some()
}

/// Since 2007 the 振替休日 is the first day after a Sunday 祝日 that is not a 祝日 itself (so
/// 5/3 on a Sunday gives 5/6). Before, it was simply the Monday; within 2000–2006 no Sunday 祝日
/// was followed by another 祝日, so the newer rule gives the same days.
fn follows_sunday_holiday(date: NaiveDate) -> bool {
    let mut day = date;
    while let Some(before) = day.pred_opt() {
        if named(before).is_none() {
            return false;
        }
        if before.weekday() == Weekday::Sun {
            return true;
        }
        day = before;
    }
    false
}

/// Holidays that one law moved or added for a single year.
const ONE_YEAR: [(i32, u32, u32, &str); 8] = [
    // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (平成30年法律第99号); its
    // 附則第2条 treats both days as 国民の祝日 for 振替休日 and 国民の休日, which made 4/30
    // and 5/2 of 2019 国民の休日.
    (2019, 5, 1, "即位の日"),
    (2019, 10, 22, "即位礼正殿の儀"),
    // 令和三年東京オリンピック競技大会・東京パラリンピック競技大会特別措置法 (平成27年法律第33号)
    // 第32条第1項: the 2020 Games.
    (2020, 7, 23, "海の日"),
    (2020, 7, 24, "スポーツの日"),
    (2020, 8, 10, "山の日"),
    // The same article's 第2項, added when the Games moved to 2021 (8/8 was a Sunday, so 8/9
    // became a 振替休日).
    (2021, 7, 22, "海の日"),
    (2021, 7, 23, "スポーツの日"),
    (2021, 8, 8, "山の日"),
];

/// The 祝日 on `date` by name, the one-year laws included.
fn named(date: NaiveDate) -> Option<&'static str> {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !YEARS.contains(&year) {
        return None;
    }
    if let Some(&(.., name)) = ONE_YEAR.iter().find(|&&(y, m, d, _)| (y, m, d) == (year, month, day)) {
        return Some(name);
    }
    // The holidays the one-year laws took away from their usual day.
    let moved_away = |name: &str| ONE_YEAR.iter().any(|&(y, .., n)| y == year && n == name);
    let monday = |n: u8| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n).map(|d| d.day());
    let name = match (month, day) {
        (1, 1) => "元日",
        (1, d) if Some(d) == monday(2) => "成人の日",
        (2, 11) => "建国記念の日",
        // 天皇誕生日 followed the Emperor: 12/23 until 2018, none in 2019, 2/23 from 2020.
        (2, 23) if year >= 2020 => "天皇誕生日",
        (3, d) if d == vernal_equinox(year) => "春分の日",
        // The 2005 amendment (effective 2007) renamed 4/29 and gave みどりの日 to 5/4.
        (4, 29) if year >= 2007 => "昭和の日",
        (4, 29) => "みどりの日",
        (5, 3) => "憲法記念日",
        (5, 4) if year >= 2007 => "みどりの日",
        (5, 5) => "こどもの日",
        // 海の日 and 敬老の日 became Happy Monday holidays in 2003.
        (7, 20) if year < 2003 => "海の日",
        (7, d) if year >= 2003 && Some(d) == monday(3) && !moved_away("海の日") => "海の日",
        (8, 11) if year >= 2016 && !moved_away("山の日") => "山の日",
        (9, 15) if year < 2003 => "敬老の日",
        (9, d) if year >= 2003 && Some(d) == monday(3) => "敬老の日",
        (9, d) if d == autumnal_equinox(year) => "秋分の日",
        (10, d) if Some(d) == monday(2) && year < 2020 => "体育の日",
        (10, d) if Some(d) == monday(2) && !moved_away("スポーツの日") => "スポーツの日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        (12, 23) if year <= 2018 => "天皇誕生日",
        _ => return None,
    };
    Some(name)
}

/// The day of March of 春分の日. The Cabinet fixes it each February from the National
/// Astronomical Observatory's almanac; this is the usual approximation for 1980–2099,
/// floor(20.8431 + 0.242194 × (Y − 1980) − floor((Y − 1980) / 4)), in millionths so that it is
/// exact in integers (Y − 1980 ≥ 0, so integer division floors).
fn vernal_equinox(year: i32) -> u32 {
    equinox_day(20_843_100, year)
}

/// The day of September of 秋分の日, by the same formula with 23.2488.
fn autumnal_equinox(year: i32) -> u32 {
    equinox_day(23_248_800, year)
}

fn equinox_day(base_millionths: i64, year: i32) -> u32 {
    let since = i64::from(year - 1980);
    let day = (base_millionths + 242_194 * since) / 1_000_000 - since / 4;
    u32::try_from(day).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Every day off of `year` except weekends, as 「MM-DD name」.
    fn calendar(year: i32) -> Vec<String> {
        let mut day = date(&format!("{year}-01-01"));
        let mut days = Vec::new();
        while day.year() == year {
            if let Some(h) = holiday(day) {
                days.push(format!("{} {}", day.format("%m-%d"), h.name()));
            }
            day = day.succ_opt().unwrap();
        }
        days
    }

    #[test]
    fn the_2024_calendar() {
        assert_eq!(
            calendar(2024),
            [
                "01-01 元日",
                "01-08 成人の日",
                "02-11 建国記念の日",
                "02-12 振替休日",
                "02-23 天皇誕生日",
                "03-20 春分の日",
                "04-29 昭和の日",
                "05-03 憲法記念日",
                "05-04 みどりの日",
                "05-05 こどもの日",
                "05-06 振替休日",
                "07-15 海の日",
                "08-11 山の日",
                "08-12 振替休日",
                "09-16 敬老の日",
                "09-22 秋分の日",
                "09-23 振替休日",
                "10-14 スポーツの日",
                "11-03 文化の日",
                "11-04 振替休日",
                "11-23 勤労感謝の日",
            ]
        );
    }

    #[test]
    fn the_2025_calendar() {
        assert_eq!(
            calendar(2025),
            [
                "01-01 元日",
                "01-13 成人の日",
                "02-11 建国記念の日",
                "02-23 天皇誕生日",
                "02-24 振替休日",
                "03-20 春分の日",
                "04-29 昭和の日",
                "05-03 憲法記念日",
                "05-04 みどりの日",
                "05-05 こどもの日",
                "05-06 振替休日",
                "07-21 海の日",
                "08-11 山の日",
                "09-15 敬老の日",
                "09-23 秋分の日",
                "10-13 スポーツの日",
                "11-03 文化の日",
                "11-23 勤労感謝の日",
                "11-24 振替休日",
            ]
        );
    }

    #[test]
    fn the_2026_calendar_has_a_citizens_holiday_in_september() {
        assert_eq!(
            calendar(2026),
            [
                "01-01 元日",
                "01-12 成人の日",
                "02-11 建国記念の日",
                "02-23 天皇誕生日",
                "03-20 春分の日",
                "04-29 昭和の日",
                "05-03 憲法記念日",
                "05-04 みどりの日",
                "05-05 こどもの日",
                "05-06 振替休日",
                "07-20 海の日",
                "08-11 山の日",
                "09-21 敬老の日",
                "09-22 国民の休日",
                "09-23 秋分の日",
                "10-12 スポーツの日",
                "11-03 文化の日",
                "11-23 勤労感謝の日",
            ]
        );
    }

    #[test]
    fn the_enthronement_made_2019_golden_week_ten_days_and_dropped_the_emperors_birthday() {
        let spring: Vec<_> = calendar(2019).into_iter().filter(|d| d.starts_with("0")).collect();
        assert_eq!(
            spring[4..],
            [
                "04-29 昭和の日",
                "04-30 国民の休日",
                "05-01 即位の日",
                "05-02 国民の休日",
                "05-03 憲法記念日",
                "05-04 みどりの日",
                "05-05 こどもの日",
                "05-06 振替休日",
                "07-15 海の日",
                "08-11 山の日",
                "08-12 振替休日",
                "09-16 敬老の日",
                "09-23 秋分の日",
            ]
        );
        assert_eq!(holiday(date("2019-10-14")), Some(Holiday::Named("体育の日")));
        assert_eq!(holiday(date("2019-10-22")), Some(Holiday::Named("即位礼正殿の儀")));
        assert_eq!(holiday(date("2019-12-23")), None);
        assert_eq!(holiday(date("2018-12-23")), Some(Holiday::Named("天皇誕生日")));
        assert_eq!(holiday(date("2019-02-23")), None);
    }

    #[test]
    fn the_olympics_moved_three_holidays_in_2020_and_2021() {
        let summer = |year| -> Vec<String> {
            calendar(year)
                .into_iter()
                .filter(|d| d.starts_with("07") || d.starts_with("08") || d.starts_with("10"))
                .collect()
        };
        assert_eq!(summer(2020), ["07-23 海の日", "07-24 スポーツの日", "08-10 山の日"]);
        assert_eq!(
            summer(2021),
            ["07-22 海の日", "07-23 スポーツの日", "08-08 山の日", "08-09 振替休日"]
        );
        assert_eq!(holiday(date("2020-07-20")), None, "the third Monday is a plain day");
        assert_eq!(holiday(date("2021-08-11")), None);
        assert_eq!(
            holiday(date("2022-07-18")),
            Some(Holiday::Named("海の日")),
            "back to normal"
        );
    }

    #[test]
    fn a_sunday_holiday_moves_past_the_holidays_after_it() {
        // 2020: 5/3 is a Sunday, 5/4 and 5/5 are 祝日 themselves, so Wednesday 5/6 is off.
        assert_eq!(holiday(date("2020-05-06")), Some(Holiday::Substitute));
        // A Saturday 祝日 moves nowhere: 元日 2022 was a Saturday, and Monday 1/3 was a workday.
        assert_eq!(holiday(date("2022-01-03")), None);
    }

    #[test]
    fn a_day_between_two_holidays_is_off() {
        assert_eq!(holiday(date("2009-09-22")), Some(Holiday::Citizens));
        assert_eq!(holiday(date("2032-09-21")), Some(Holiday::Citizens));
        // Before 2007, 5/4 between 憲法記念日 and こどもの日 was a 国民の休日, even on a
        // Saturday, but not on a Sunday.
        assert_eq!(holiday(date("2002-05-04")), Some(Holiday::Citizens));
        assert_eq!(holiday(date("2003-05-04")), None);
    }

    #[test]
    fn happy_monday_and_the_older_fixed_days() {
        assert_eq!(holiday(date("2000-01-10")), Some(Holiday::Named("成人の日")));
        assert_eq!(holiday(date("2002-07-20")), Some(Holiday::Named("海の日")));
        assert_eq!(holiday(date("2003-07-21")), Some(Holiday::Named("海の日")));
        assert_eq!(holiday(date("2002-09-15")), Some(Holiday::Named("敬老の日")));
        assert_eq!(holiday(date("2003-09-15")), Some(Holiday::Named("敬老の日")));
        assert_eq!(holiday(date("2006-04-29")), Some(Holiday::Named("みどりの日")));
        assert_eq!(holiday(date("2015-08-11")), None, "山の日 began in 2016");
    }

    #[test]
    fn equinoxes_follow_the_formula() {
        let days: Vec<_> = [2000, 2012, 2016, 2025, 2044, 2092, 2099]
            .map(|y| (vernal_equinox(y), autumnal_equinox(y)))
            .into();
        assert_eq!(
            days,
            [(20, 23), (20, 22), (20, 22), (20, 23), (20, 22), (19, 22), (20, 23)]
        );
    }

    #[test]
    fn years_outside_the_range_have_no_holidays() {
        assert_eq!(holiday(date("1999-01-01")), None);
        assert_eq!(holiday(date("2100-01-01")), None);
        assert_eq!(holiday(date("2099-01-01")), Some(Holiday::Named("元日")));
    }

    #[test]
    fn rest_days_are_weekends_and_holidays() {
        assert!(is_rest_day(date("2026-12-05")), "Saturday");
        assert!(is_rest_day(date("2026-12-06")), "Sunday");
        assert!(is_rest_day(date("2026-11-23")), "勤労感謝の日, a Monday");
        assert!(!is_rest_day(date("2026-12-03")), "Thursday");
    }
}
