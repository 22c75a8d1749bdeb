//! A supporter's weekly availability (weekday × time bands) with dated exceptions, and whether it
//! covers the whole of a requested slot.
//!
//! A band never wraps midnight: 「22:00〜06:00」 is written as 22:00〜24:00 on one day and
//! 00:00〜06:00 on the next, so each day's bands say exactly what that day allows and a dated
//! exception replaces one whole day. A slot past midnight is covered when both days' bands cover
//! their part; bands that touch (9:00〜12:00 and 12:00〜15:00) count as one.

use super::slot::{Slot, DAY};
use crate::domain::clock::TimeOfDay;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;
use std::fmt;

/// A time band within one day: from a minute until a later one (`until` may be 24:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Band {
    from: u32,
    until: u32,
}

/// Why two times are not a band, as the supporter's form shows it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BandError {
    #[error("時刻を読み取れませんでした。選び直してください。")]
    Unreadable,
    #[error("{0}：終わりの時刻が始まりより前です。")]
    EndsBeforeStart(String),
    #[error("{0}：始まりと終わりが同じ時刻です。")]
    Empty(String),
}

impl Band {
    /// Two times from a form, 「09:00」「12:00」. The end may be 「24:00」, or 「00:00」 as a
    /// keitai select offers it, both meaning the end of the day: a band cannot end at the start
    /// of its own day, so 00:00 as an end has no other sense.
    pub fn parse(from: &str, until: &str) -> Result<Band, BandError> {
        let from = TimeOfDay::parse(from).ok_or(BandError::Unreadable)?.minutes();
        let until = match TimeOfDay::parse(until) {
            Some(t) => t.minutes(),
            None if matches!(until.trim(), "24:00" | "２４：００" | "2400" | "２４００") => 0,
            None => return Err(BandError::Unreadable),
        };
        let until = if until == 0 { DAY as i32 } else { until };
        Band::from_minutes(from, until)
    }

    /// From stored minutes after midnight (`until` up to 1440).
    pub fn from_minutes(from: i32, until: i32) -> Result<Band, BandError> {
        let (Ok(from), Ok(until)) = (u32::try_from(from), u32::try_from(until)) else {
            return Err(BandError::Unreadable);
        };
        if from >= DAY || until > DAY {
            return Err(BandError::Unreadable);
        }
        let band = Band { from, until };
        match until.cmp(&from) {
            std::cmp::Ordering::Less => Err(BandError::EndsBeforeStart(band.to_string())),
            std::cmp::Ordering::Equal => Err(BandError::Empty(band.to_string())),
            std::cmp::Ordering::Greater => Ok(band),
        }
    }

    /// The stored pair (minutes after midnight).
    pub fn minutes(self) -> (u32, u32) {
        (self.from, self.until)
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{}〜{}", hm(self.from), hm(self.until))
    }
}

/// The bands of one day, sorted, with overlapping and touching bands merged; empty is a day off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayBands(Vec<Band>);

impl DayBands {
    pub fn new(bands: impl IntoIterator<Item = Band>) -> DayBands {
        let mut sorted: Vec<Band> = bands.into_iter().collect();
        sorted.sort_unstable();
        let mut merged: Vec<Band> = Vec::with_capacity(sorted.len());
        for band in sorted {
            match merged.last_mut() {
                Some(last) if band.from <= last.until => last.until = last.until.max(band.until),
                _ => merged.push(band),
            }
        }
        DayBands(merged)
    }

    /// Whether one band holds the whole of `from..until` (minutes of this day).
    pub fn covers(&self, from: u32, until: u32) -> bool {
        self.0.iter().any(|b| b.from <= from && until <= b.until)
    }

    pub fn bands(&self) -> &[Band] {
        &self.0
    }
}

/// A supporter's availability: bands per weekday, and dates that replace their weekday's bands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Availability {
    weekly: [DayBands; 7],
    exceptions: BTreeMap<NaiveDate, DayBands>,
}

impl Availability {
    /// Never available, until days are added.
    pub fn new() -> Availability {
        Availability::default()
    }

    /// Sets the bands of every `day` of the week.
    pub fn weekly(mut self, day: Weekday, bands: impl IntoIterator<Item = Band>) -> Availability {
        self.weekly[day.num_days_from_monday() as usize] = DayBands::new(bands);
        self
    }

    /// On `date`, these bands instead of its weekday's.
    pub fn on(mut self, date: NaiveDate, bands: impl IntoIterator<Item = Band>) -> Availability {
        self.exceptions.insert(date, DayBands::new(bands));
        self
    }

    /// Not available at all on `date`.
    pub fn unavailable_on(self, date: NaiveDate) -> Availability {
        self.on(date, [])
    }

    /// The bands that hold on `date`.
    pub fn day(&self, date: NaiveDate) -> &DayBands {
        self.exceptions
            .get(&date)
            .unwrap_or(&self.weekly[date.weekday().num_days_from_monday() as usize])
    }

    /// Whether the whole slot lies within her bands, on every date it touches.
    pub fn covers(&self, slot: &Slot) -> bool {
        slot.days()
            .all(|(date, from, until)| self.day(date).covers(from, until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    /// 2026-12-07 is a Monday.
    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn band(from: &str, until: &str) -> Band {
        Band::parse(from, until).unwrap()
    }

    fn slot(d1: u32, t1: &str, d2: u32, t2: &str) -> Slot {
        let at = |d: u32, t: &str| -> NaiveDateTime {
            day(d).and_time(chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap())
        };
        Slot::new(at(d1, t1), at(d2, t2)).unwrap()
    }

    #[test]
    fn bands_are_parsed_from_form_times() {
        assert_eq!(band("09:00", "12:00").minutes(), (540, 720));
        assert_eq!(band("２２：００", "00:00").minutes(), (1320, 1440));
        assert_eq!(band("22:00", "24:00").minutes(), (1320, 1440));
        assert_eq!(band("0000", "0600").minutes(), (0, 360));
        let cases = [
            ("12:00", "09:00", "12:00〜09:00：終わりの時刻が始まりより前です。"),
            ("09:00", "09:00", "09:00〜09:00：始まりと終わりが同じ時刻です。"),
            ("24:00", "09:00", "時刻を読み取れませんでした。選び直してください。"),
            ("9時", "12:00", "時刻を読み取れませんでした。選び直してください。"),
        ];
        for (from, until, message) in cases {
            assert_eq!(
                Band::parse(from, until).unwrap_err().to_string(),
                message,
                "{from}〜{until}"
            );
        }
        assert_eq!(Band::from_minutes(600, 1441), Err(BandError::Unreadable));
        assert_eq!(Band::from_minutes(-1, 60), Err(BandError::Unreadable));
    }

    #[test]
    fn coverage_of_slots() {
        let weekly = Availability::new()
            .weekly(Weekday::Mon, [band("09:00", "12:00"), band("12:00", "15:00")])
            .weekly(Weekday::Tue, [band("09:00", "12:00"), band("12:30", "15:00")])
            .weekly(Weekday::Wed, [band("20:00", "24:00")])
            .weekly(Weekday::Thu, [band("00:00", "07:00"), band("20:00", "00:00")])
            .unavailable_on(day(14))
            .on(day(15), [band("18:00", "21:00")]);
        let cases = [
            ("the exact edges of a band", slot(8, "09:00", 8, "12:00"), true),
            ("a minute before a band", slot(8, "08:59", 8, "12:00"), false),
            ("a minute after a band", slot(8, "12:00", 8, "12:01"), false),
            ("across two bands that touch", slot(7, "11:00", 7, "13:00"), true),
            ("to the end of touching bands", slot(7, "09:00", 7, "15:00"), true),
            ("across a gap of 30 minutes", slot(8, "11:00", 8, "13:00"), false),
            ("on a weekday without bands", slot(12, "10:00", 12, "11:00"), false),
            ("until midnight", slot(9, "21:00", 10, "00:00"), true),
            (
                "past midnight into the next day's band",
                slot(9, "22:00", 10, "06:00"),
                true,
            ),
            ("past the next day's band", slot(9, "22:00", 10, "07:30"), false),
            (
                "past midnight into a day without bands",
                slot(10, "22:00", 11, "01:00"),
                false,
            ),
            (
                "on a weekday with a dated day off",
                slot(14, "10:00", 14, "11:00"),
                false,
            ),
            ("the same weekday a week later", slot(21, "10:00", 21, "11:00"), true),
            ("within a dated exception's band", slot(15, "18:30", 15, "20:00"), true),
            (
                "within the weekday's band the exception replaced",
                slot(15, "10:00", 15, "11:00"),
                false,
            ),
        ];
        for (case, slot, expected) in cases {
            assert_eq!(weekly.covers(&slot), expected, "{case}");
        }
    }

    #[test]
    fn a_day_off_on_the_morning_after_stops_an_overnight_slot() {
        let nights = Availability::new()
            .weekly(Weekday::Wed, [band("20:00", "24:00")])
            .weekly(Weekday::Thu, [band("00:00", "07:00")]);
        let overnight = slot(9, "22:00", 10, "06:00");
        assert!(nights.covers(&overnight));
        assert!(!nights.unavailable_on(day(10)).covers(&overnight));
    }

    #[test]
    fn overlapping_bands_merge() {
        let merged = DayBands::new([band("13:00", "15:00"), band("09:00", "12:00"), band("10:00", "13:00")]);
        assert_eq!(merged.bands(), [band("09:00", "15:00")]);
    }
}
