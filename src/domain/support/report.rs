//! An activity report as the supporter types it (actual times, transport paid, a note), read
//! into checked values, and what the fee of a report is computed from.

use super::fee::Activity;
use super::fee_table::{FeeTable, Yen};
use super::slot::{Slot, SlotError, DAY};
use crate::domain::fold::fold;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::num::NonZeroU32;

/// The longest note.
pub const NOTE_MAX: usize = 500;
/// More than this for transport is a typing mistake (a taxi across the city costs less).
pub const TRANSPORT_MAX: i64 = 50_000;
/// The minute steps the time selects offer.
pub const MINUTE_STEP: u32 = 5;

/// A report's checked contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub slot: Slot,
    pub transport: Yen,
    pub note: String,
}

/// What the supporter typed, as the form's fields hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFields {
    pub start_hour: String,
    pub start_minute: String,
    pub end_hour: String,
    pub end_minute: String,
    /// 「翌日」 checked: the activity ended after midnight.
    pub next_day: bool,
    pub transport: String,
    pub note: String,
}

/// Why a report cannot be taken, as the supporter reads it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("始まりと終わりの時刻を選んでください。")]
    NoTime,
    #[error("終わりの時刻が始まりより前です。夜中の0時を過ぎて終わったときは「翌日」を選んでください。")]
    EndsBeforeStart,
    #[error("始まりと終わりが同じ時刻です。")]
    Empty,
    #[error("活動時間は24時間までです。")]
    TooLong,
    #[error("交通費は0円以上の数字で入力してください（かからなかったときは0）。")]
    Transport,
    #[error("交通費が大きすぎます。金額をお確かめください。")]
    TransportTooLarge,
    #[error("メモは500文字までです。")]
    NoteTooLong,
}

impl ReportFields {
    /// The fields of a booked slot, as the form first shows them.
    pub fn of_slot(slot: Slot) -> ReportFields {
        let (start, end) = (slot.start_minute(), slot.end_minute());
        ReportFields {
            start_hour: (start / 60).to_string(),
            start_minute: format!("{:02}", start % 60),
            end_hour: ((end % DAY) / 60).to_string(),
            end_minute: format!("{:02}", end % 60),
            next_day: end > DAY,
            transport: "0".into(),
            note: String::new(),
        }
    }

    /// Checks the fields of a report on an activity of `day`.
    pub fn parse(&self, day: NaiveDate) -> Result<ReportInput, ReportError> {
        let start = minute_of(&self.start_hour, &self.start_minute).ok_or(ReportError::NoTime)?;
        let end = minute_of(&self.end_hour, &self.end_minute).ok_or(ReportError::NoTime)?;
        let end = if self.next_day { end + DAY } else { end };
        let slot = Slot::from_minutes(day, start, end).map_err(|e| match e {
            SlotError::EndsBeforeStart => ReportError::EndsBeforeStart,
            SlotError::Empty => ReportError::Empty,
            SlotError::TooLong => ReportError::TooLong,
        })?;
        let transport = parse_yen(&self.transport)?;
        let note = self.note.trim().to_string();
        if note.chars().count() > NOTE_MAX {
            return Err(ReportError::NoteTooLong);
        }
        Ok(ReportInput { slot, transport, note })
    }
}

/// Minutes after midnight from an hour (0–23) and a minute (0–59) select.
fn minute_of(hour: &str, minute: &str) -> Option<u32> {
    let hour: u32 = hour.trim().parse().ok().filter(|h| *h < 24)?;
    let minute: u32 = minute.trim().parse().ok().filter(|m| *m < 60)?;
    Some(hour * 60 + minute)
}

/// 「1,200」「１２００円」「 0 」 → yen; empty is 0.
fn parse_yen(text: &str) -> Result<Yen, ReportError> {
    let folded = fold(text);
    let digits: String = folded
        .trim()
        .trim_end_matches('円')
        .chars()
        .filter(|c| *c != ',' && *c != '、')
        .collect();
    if digits.is_empty() {
        return Ok(Yen::ZERO);
    }
    let amount: i64 = digits.parse().map_err(|_| ReportError::Transport)?;
    if amount > TRANSPORT_MAX {
        return Err(ReportError::TransportTooLarge);
    }
    Yen::new(amount).ok_or(ReportError::Transport)
}

/// 「10:00〜12:30」, 「22:00〜翌01:15」: minutes after a day's midnight as people read them.
pub fn times_label(start: u32, end: u32) -> String {
    let clock = |m: u32| crate::domain::clock::clock(i32::try_from(m % DAY).unwrap_or_default());
    let next = if end > DAY { "翌" } else { "" };
    format!("{}〜{next}{}", clock(start), clock(end))
}

/// What the fee of a reported activity is computed from.
///
/// The fee table decides 急ぎ加算 from the time between asking and the start. The reported start
/// may differ from the booked one, and that must not change whether the request was 急ぎ: a
/// same-day request whose activity began late is still one the supporter took at short notice,
/// and a request made days ahead does not become 急ぎ because the child was picked up early. So
/// `requested_at` is the real time of asking when it agrees with the request's stored `urgent`
/// flag, and otherwise a time that gives the stored answer: the reported start itself (0 h
/// notice) for an urgent request, exactly the table's `urgent_within_hours` before it (not
/// urgent) for another.
pub fn report_activity(
    input: &ReportInput,
    asked_at_jst: NaiveDateTime,
    urgent: bool,
    table: &FeeTable,
    children: NonZeroU32,
) -> Activity {
    let within = Duration::hours(i64::from(table.urgent_within_hours));
    let start = input.slot.start();
    let urgent_by_times = start - asked_at_jst < within;
    let requested_at = match (urgent, urgent_by_times) {
        (true, false) => start,
        (false, true) => start - within,
        _ => asked_at_jst,
    };
    Activity {
        slot: input.slot,
        requested_at,
        children,
        transport: input.transport,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn fields(start: (&str, &str), end: (&str, &str), next_day: bool, transport: &str) -> ReportFields {
        ReportFields {
            start_hour: start.0.into(),
            start_minute: start.1.into(),
            end_hour: end.0.into(),
            end_minute: end.1.into(),
            next_day,
            transport: transport.into(),
            note: " 元気に過ごしました ".into(),
        }
    }

    #[test]
    fn reported_times_and_transport_are_read_or_refused_with_a_reason() {
        let ok = |start: u32, end: u32, yen: i64| Ok((start, end, yen));
        let cases = [
            (fields(("9", "00"), ("12", "30"), false, "0"), ok(540, 750, 0)),
            (
                fields(("22", "00"), ("1", "15"), true, "１，２００円"),
                ok(1320, 1515, 1200),
            ),
            (fields(("17", "00"), ("0", "00"), true, ""), ok(1020, 1440, 0)),
            (
                fields(("12", "00"), ("9", "00"), false, "0"),
                Err(ReportError::EndsBeforeStart),
            ),
            (fields(("9", "00"), ("9", "00"), false, "0"), Err(ReportError::Empty)),
            (fields(("9", "00"), ("9", "05"), true, "0"), Err(ReportError::TooLong)),
            (fields(("", "00"), ("9", "05"), false, "0"), Err(ReportError::NoTime)),
            (fields(("24", "00"), ("9", "05"), false, "0"), Err(ReportError::NoTime)),
            (
                fields(("9", "00"), ("10", "00"), false, "-5"),
                Err(ReportError::Transport),
            ),
            (
                fields(("9", "00"), ("10", "00"), false, "バス代"),
                Err(ReportError::Transport),
            ),
            (
                fields(("9", "00"), ("10", "00"), false, "999999"),
                Err(ReportError::TransportTooLarge),
            ),
        ];
        for (input, expected) in cases {
            let got = input
                .parse(day())
                .map(|r| (r.slot.start_minute(), r.slot.end_minute(), r.transport.get()));
            assert_eq!(got, expected, "{input:?}");
        }
        let read = fields(("9", "00"), ("10", "00"), false, "0").parse(day()).unwrap();
        assert_eq!(read.note, "元気に過ごしました");
        let long = ReportFields {
            note: "あ".repeat(NOTE_MAX + 1),
            ..fields(("9", "00"), ("10", "00"), false, "0")
        };
        assert_eq!(long.parse(day()), Err(ReportError::NoteTooLong));
    }

    #[test]
    fn times_past_midnight_say_so() {
        assert_eq!(times_label(600, 750), "10:00〜12:30");
        assert_eq!(times_label(1320, 1515), "22:00〜翌01:15");
        assert_eq!(times_label(1020, 1440), "17:00〜00:00");
    }

    #[test]
    fn the_form_starts_from_the_booked_slot() {
        let slot = Slot::from_minutes(day(), 1320, 1530).unwrap();
        let shown = ReportFields::of_slot(slot);
        assert_eq!(
            (
                shown.start_hour.as_str(),
                shown.start_minute.as_str(),
                shown.end_hour.as_str(),
                shown.end_minute.as_str(),
                shown.next_day
            ),
            ("22", "00", "1", "30", true)
        );
        assert_eq!(shown.parse(day()).unwrap().slot, slot);
    }

    /// 急ぎ follows the request's stored flag, not the distance from asking to the reported start.
    #[test]
    fn urgency_follows_the_request_not_the_reported_start() {
        let table = FeeTable::default();
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2026, 12, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let one = NonZeroU32::MIN;
        let urgent_line = |activity: &Activity| {
            table
                .fee(activity)
                .lines
                .iter()
                .any(|l| l.to_string().starts_with("急ぎ加算"))
        };
        // Asked on the 7th at 10:00 for 9:00 on the 8th (23 h ahead: 急ぎ); she started at 11:00.
        let late_start = fields(("11", "00"), ("12", "00"), false, "0")
            .parse(day().succ_opt().unwrap())
            .unwrap();
        assert!(at(8, 11) - at(7, 10) > Duration::hours(24));
        assert!(urgent_line(&report_activity(&late_start, at(7, 10), true, &table, one)));
        // Asked on the 6th at 8:00 for 9:00 on the 7th (25 h: not 急ぎ); she started at 7:00.
        let early = fields(("7", "00"), ("9", "00"), false, "0").parse(day()).unwrap();
        assert!(at(7, 7) - at(6, 8) < Duration::hours(24));
        assert!(!urgent_line(&report_activity(&early, at(6, 8), false, &table, one)));
        // Where times and flag agree, the real time of asking is kept.
        let same_day = fields(("15", "00"), ("16", "00"), false, "0").parse(day()).unwrap();
        assert_eq!(
            report_activity(&same_day, at(7, 10), true, &table, one).requested_at,
            at(7, 10)
        );
        assert!(urgent_line(&report_activity(&same_day, at(7, 10), true, &table, one)));
        assert!(!urgent_line(&report_activity(&same_day, at(1, 10), false, &table, one)));
    }
}
