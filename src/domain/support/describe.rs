//! A request in the words of its pages and mails: the time, the children's ages, the kind.

use super::request::{CarePlace, Kind};
use super::slot::{Slot, DAY};
use crate::domain::time::day_label;
use chrono::{Datelike, NaiveDate};

/// 「12/05（土） 17:00〜19:30」, an end past midnight as 「翌01:00」.
pub fn slot_label(slot: Slot) -> String {
    let hm = |m: u32| format!("{:02}:{:02}", (m % DAY) / 60, m % 60);
    let end = if slot.end_minute() > DAY {
        format!("翌{}", hm(slot.end_minute()))
    } else if slot.end_minute() == DAY {
        "24:00".to_string()
    } else {
        hm(slot.end_minute())
    };
    format!("{} {}〜{}", day_label(slot.date()), hm(slot.start_minute()), end)
}

/// A child's age on `day`: 「5歳」, under one 「8か月」.
pub fn age_label(birth_date: NaiveDate, day: NaiveDate) -> String {
    let mut months = (day.year() - birth_date.year()) * 12 + day.month() as i32 - birth_date.month() as i32;
    if day.day() < birth_date.day() {
        months -= 1;
    }
    let months = months.max(0);
    if months < 12 {
        format!("{months}か月")
    } else {
        format!("{}歳", months / 12)
    }
}

/// 「2歳・5歳」 for the children born on these days, youngest first.
pub fn ages_label(birth_dates: &[NaiveDate], day: NaiveDate) -> String {
    let mut births = birth_dates.to_vec();
    births.sort_unstable_by_key(|b| std::cmp::Reverse(*b));
    births.iter().map(|b| age_label(*b, day)).collect::<Vec<_>>().join("・")
}

/// 「送迎（柏中央→富勢、車）」 or 「あずかり（提供会員の自宅）」; `area` names an area id.
pub fn kind_label(kind: Kind, area: impl Fn(i64) -> String) -> String {
    match kind {
        Kind::Pickup { from, to, by_car } => {
            let car = if by_car { "、車" } else { "" };
            format!("送迎（{}→{}{car}）", area(from.0), area(to.0))
        }
        Kind::Care { at } => format!("あずかり（{}）", care_place_label(at)),
    }
}

pub fn care_place_label(at: CarePlace) -> &'static str {
    match at {
        CarePlace::SupporterHome => "提供会員の自宅",
        CarePlace::FamilyHome => "依頼会員の自宅",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ages_are_years_or_months_youngest_first() {
        let on = day("2026-12-05");
        assert_eq!(ages_label(&[day("2021-04-02"), day("2024-06-10")], on), "2歳・5歳");
        assert_eq!(age_label(day("2026-04-06"), on), "7か月");
        assert_eq!(age_label(day("2025-12-05"), on), "1歳");
        assert_eq!(age_label(day("2025-12-06"), on), "11か月");
    }

    #[test]
    fn a_slot_past_midnight_says_the_next_day() {
        let slot = Slot::from_minutes(day("2026-12-05"), 22 * 60, 25 * 60).unwrap();
        assert_eq!(slot_label(slot), "12/05（土） 22:00〜翌01:00");
        let slot = Slot::from_minutes(day("2026-12-05"), 17 * 60, 19 * 60 + 30).unwrap();
        assert_eq!(slot_label(slot), "12/05（土） 17:00〜19:30");
    }
}
