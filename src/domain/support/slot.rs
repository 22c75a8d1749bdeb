//! The time a request asks for: a start and an end in Japan time, possibly past midnight.
//!
//! Times are naive JST (Japan has no daylight saving), to the minute. A slot past midnight is built
//! with the next day's date on its end; an end earlier than the start is an error, never silently
//! "the next day": a parent who typed 9:00–8:00 more likely made a mistake than asked for 23 hours,
//! so the form (a later piece) asks for the next day explicitly.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Minutes in a day.
pub const DAY: u32 = 24 * 60;

/// The longest slot. ファミリー・サポート does not take overnight stays as a service of days, and a
/// bound keeps a slot within two dates, which the availability and insurance checks rely on.
pub const MAX_MINUTES: u32 = DAY;

/// A requested time: `date` from `start` until `end` minutes after that date's midnight
/// (`start < end ≤ start + MAX_MINUTES`; `end > DAY` means it ends the next day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    date: NaiveDate,
    start: u32,
    end: u32,
}

/// Why a start and an end are not a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SlotError {
    #[error("終わりの時刻が始まりより前です。")]
    EndsBeforeStart,
    #[error("始まりと終わりが同じ時刻です。")]
    Empty,
    #[error("一度にお願いできるのは24時間までです。")]
    TooLong,
}

impl Slot {
    /// From two JST times; seconds are dropped (forms choose minutes).
    pub fn new(start: NaiveDateTime, end: NaiveDateTime) -> Result<Slot, SlotError> {
        let minute = |t: NaiveDateTime| t.num_seconds_from_midnight() / 60;
        let length = (end.date() - start.date()).num_minutes() + i64::from(minute(end)) - i64::from(minute(start));
        match length {
            n if n < 0 => Err(SlotError::EndsBeforeStart),
            0 => Err(SlotError::Empty),
            n if n > i64::from(MAX_MINUTES) => Err(SlotError::TooLong),
            n => {
                let start_minute = minute(start);
                let length = u32::try_from(n).map_err(|_| SlotError::TooLong)?;
                Ok(Slot {
                    date: start.date(),
                    start: start_minute,
                    end: start_minute + length,
                })
            }
        }
    }

    /// From a date and minutes after its midnight, as stored (`end` above `DAY`: the next day).
    pub fn from_minutes(date: NaiveDate, start: u32, end: u32) -> Result<Slot, SlotError> {
        let start_at = date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(start));
        let end_at = date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(end));
        if start >= DAY {
            return Err(SlotError::EndsBeforeStart);
        }
        Slot::new(start_at, end_at)
    }

    /// A stored slot, which the table's CHECK keeps valid; values out of range are clamped (a
    /// start before 24:00, an end within 24 hours after it and at least a minute) rather than
    /// trusted or turned into a failure, so a row edited by hand shows a short slot, not an error.
    pub fn from_stored(date: NaiveDate, start: i32, end: i32) -> Slot {
        let start = u32::try_from(start).unwrap_or(0).min(DAY - 1);
        let end = u32::try_from(end).unwrap_or(0).clamp(start + 1, start + MAX_MINUTES);
        Slot { date, start, end }
    }

    /// The date on which the slot starts.
    pub fn date(self) -> NaiveDate {
        self.date
    }

    /// Minutes after midnight of `date()` at which it starts.
    pub fn start_minute(self) -> u32 {
        self.start
    }

    /// Minutes after midnight of `date()` at which it ends (above `DAY` past midnight).
    pub fn end_minute(self) -> u32 {
        self.end
    }

    /// Its length in minutes.
    pub fn minutes(self) -> u32 {
        self.end - self.start
    }

    /// When it starts, in Japan time.
    pub fn start(self) -> NaiveDateTime {
        self.date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(self.start))
    }

    /// When it ends, in Japan time.
    pub fn end(self) -> NaiveDateTime {
        self.date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(self.end))
    }

    /// Its first `minutes` (all of it when it is shorter), as a late cancellation charges them.
    pub fn first_minutes(self, minutes: u32) -> Slot {
        Slot {
            end: self.start + minutes.clamp(1, self.minutes()),
            ..self
        }
    }

    /// The part of the slot on each date it touches, as (date, from, until) with minutes of that
    /// date (`until` at most `DAY`); one or two parts. A slot ending at midnight touches one date.
    pub fn days(self) -> impl Iterator<Item = (NaiveDate, u32, u32)> {
        let first = (self.date, self.start, self.end.min(DAY));
        let second = (self.end > DAY).then(|| (self.date + Duration::days(1), 0, self.end - DAY));
        std::iter::once(first).chain(second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hm: &str) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_time(chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
    }

    #[test]
    fn a_slot_ends_after_it_starts_within_a_day() {
        let cases = [
            ((7, "09:00"), (7, "12:00"), Ok((540, 720))),
            ((7, "22:00"), (8, "06:00"), Ok((1320, 1800))),
            ((7, "18:00"), (8, "00:00"), Ok((1080, 1440))),
            ((7, "10:00"), (8, "10:00"), Ok((600, 2040))),
            ((7, "12:00"), (7, "09:00"), Err(SlotError::EndsBeforeStart)),
            ((7, "09:00"), (7, "09:00"), Err(SlotError::Empty)),
            ((7, "10:00"), (8, "10:01"), Err(SlotError::TooLong)),
        ];
        for ((d1, t1), (d2, t2), expected) in cases {
            let slot = Slot::new(at(d1, t1), at(d2, t2)).map(|s| (s.start_minute(), s.end_minute()));
            assert_eq!(slot, expected, "{d1} {t1} – {d2} {t2}");
        }
        assert_eq!(
            SlotError::EndsBeforeStart.to_string(),
            "終わりの時刻が始まりより前です。"
        );
    }

    #[test]
    fn stored_slots_are_clamped_into_range() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let minutes = |s: Slot| (s.start_minute(), s.end_minute());
        assert_eq!(minutes(Slot::from_stored(day, 540, 720)), (540, 720));
        assert_eq!(minutes(Slot::from_stored(day, -5, 60)), (0, 60));
        assert_eq!(minutes(Slot::from_stored(day, 600, 500)), (600, 601));
        assert_eq!(minutes(Slot::from_stored(day, 2000, 9000)), (1439, 2879));
    }

    #[test]
    fn a_slot_past_midnight_has_a_part_on_each_date() {
        let slot = Slot::new(at(7, "22:00"), at(8, "06:00")).unwrap();
        let days: Vec<_> = slot
            .days()
            .map(|(d, from, until)| (d.to_string(), from, until))
            .collect();
        assert_eq!(days, [("2026-12-07".into(), 1320, 1440), ("2026-12-08".into(), 0, 360)]);
        let to_midnight = Slot::new(at(7, "18:00"), at(8, "00:00")).unwrap();
        assert_eq!(to_midnight.days().count(), 1);
        assert_eq!(to_midnight.minutes(), 360);
    }
}
