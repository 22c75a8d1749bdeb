//! 未登校・連絡なし: which pass is an arrival, when the list starts and when the day's mail is due.
//! The list itself is built from a few queries for the whole school (`notebook::not_arrived`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

/// Whether a pass counts as an arrival: only at a gate, and only 登校: a reader that said 'arrival',
/// or gave no direction before the school's `arrival_until`. A 下校 pass never does.
pub fn is_arrival(at_gate: bool, direction: Option<&str>, minute_of_day: i32, arrival_until: i32) -> bool {
    at_gate
        && match direction {
            Some(d) => d == "arrival",
            None => minute_of_day < arrival_until,
        }
}

/// Whether the list is shown at this minute of the day (JST): from the school's `late_after` on.
pub fn list_started(minute_of_day: i32, late_after: i32) -> bool {
    minute_of_day >= late_after
}

/// How long after its minute the day's mail may still go: a worker that was down catches up within
/// the morning, but a 「登校が確認できません」 in the afternoon, when the child is on her way home,
/// would only frighten her guardians.
pub const NUDGE_LATE_LIMIT_MINUTES: i32 = 120;

/// Whether the day's mail is due: a weekday, from the school's minute until the late limit.
pub fn nudge_due(day: NaiveDate, minute_of_day: i32, nudge_at: i32) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        && (nudge_at..nudge_at + NUDGE_LATE_LIMIT_MINUTES).contains(&minute_of_day)
}

/// The stored (UTC) instants between which a Japanese day's passes lie, and the instant of the
/// school's `arrival_until` on that day.
pub fn day_bounds(day: NaiveDate, arrival_until: i32) -> (NaiveDateTime, NaiveDateTime, NaiveDateTime) {
    let start = crate::domain::time::jst_day_start(day);
    (
        start,
        start + chrono::Duration::days(1),
        start + chrono::Duration::minutes(i64::from(arrival_until)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_gate_arrival_counts() {
        let until = 9 * 60;
        let cases = [
            (true, Some("arrival"), 8 * 60, true),
            (true, Some("arrival"), 10 * 60, true),
            (true, Some("departure"), 8 * 60, false),
            (true, Some("departure"), 15 * 60, false),
            (true, None, 8 * 60 + 59, true),
            (true, None, 9 * 60, false),
            (false, None, 8 * 60, false),
            (false, Some("arrival"), 8 * 60, false),
        ];
        for (gate, direction, minute, expected) in cases {
            assert_eq!(
                is_arrival(gate, direction, minute, until),
                expected,
                "{gate} {direction:?} {minute}"
            );
        }
    }

    #[test]
    fn the_mail_goes_on_weekday_mornings_from_its_minute_until_the_late_limit() {
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let saturday = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert!(nudge_due(thursday, 9 * 60, 9 * 60));
        assert!(nudge_due(thursday, 10 * 60 + 59, 9 * 60));
        assert!(
            !nudge_due(thursday, 11 * 60, 9 * 60),
            "a worker back after the limit sends nothing"
        );
        assert!(!nudge_due(thursday, 18 * 60, 9 * 60));
        assert!(!nudge_due(thursday, 8 * 60 + 59, 9 * 60));
        assert!(!nudge_due(saturday, 11 * 60, 9 * 60));
        assert!(list_started(8 * 60 + 30, 8 * 60 + 30));
        assert!(!list_started(8 * 60 + 29, 8 * 60 + 30));
    }

    #[test]
    fn a_japanese_day_starts_at_15_utc() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let (from, to, until) = day_bounds(day, 9 * 60);
        assert_eq!(from.to_string(), "2026-12-02 15:00:00");
        assert_eq!(to.to_string(), "2026-12-03 15:00:00");
        assert_eq!(until.to_string(), "2026-12-03 00:00:00");
    }
}
