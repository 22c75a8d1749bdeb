//! How long the notebook keeps things: a school year (April to March) plus a configured number of
//! days, then the year's messages, receipts and notices go together.

use super::school_year;
use chrono::{Duration, NaiveDate};

/// The latest school year whose records are past keeping on `today`: its 31 March plus
/// `keep_days` is before today. Everything of that year and earlier may be deleted.
pub fn last_year_past_keeping(today: NaiveDate, keep_days: u32) -> i32 {
    // The year holding (today - keep_days) is still kept; the one before it ended on a 31 March
    // before that day, so its end plus keep_days is before today.
    school_year(today - Duration::days(i64::from(keep_days))) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_year_is_kept_until_its_end_plus_the_configured_days() {
        // The 2025 school year ends on 31 March 2026; with 90 days it is kept through 29 June 2026.
        assert_eq!(last_year_past_keeping(day(2026, 6, 29), 90), 2024);
        assert_eq!(last_year_past_keeping(day(2026, 6, 30), 90), 2025);
        assert_eq!(last_year_past_keeping(day(2026, 12, 3), 90), 2025);
        // With no extra days the year goes on 1 April.
        assert_eq!(last_year_past_keeping(day(2026, 3, 31), 1), 2024);
        assert_eq!(last_year_past_keeping(day(2026, 4, 2), 1), 2025);
    }
}
