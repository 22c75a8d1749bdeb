//! Report periods: days, weeks (Monday to Sunday) or months, in Japan time.

use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    pub fn parse(text: &str) -> Option<Granularity> {
        match text {
            "day" => Some(Granularity::Day),
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Granularity::Day => "日別",
            Granularity::Week => "週別",
            Granularity::Month => "月別",
        }
    }

    /// The first day of the period holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => day,
            Granularity::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Granularity::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first days of every period from `from` to `to` (both included), in order.
    pub fn periods(self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut start = self.start_of(from);
        while start <= to {
            out.push(start);
            start = match self {
                Granularity::Day => start + Duration::days(1),
                Granularity::Week => start + Duration::days(7),
                Granularity::Month => next_month(start),
            };
        }
        out
    }

    /// How a period is named in the table and the CSV, with its year so that a range across New
    /// Year reads right and Excel sees a date: 2026-11-21, 2026-11-16〜2026-11-22, 2026年11月.
    pub fn name(self, start: NaiveDate) -> String {
        match self {
            Granularity::Day => start.format("%Y-%m-%d").to_string(),
            Granularity::Week => format!(
                "{}〜{}",
                start.format("%Y-%m-%d"),
                (start + Duration::days(6)).format("%Y-%m-%d")
            ),
            Granularity::Month => format!("{}年{}月", start.year(), start.month()),
        }
    }

    /// The short label under a chart's x axis (the axis caption names the range and its years):
    /// 11/21, 11/16〜, 11月.
    pub fn short_name(self, start: NaiveDate) -> String {
        match self {
            Granularity::Day => format!("{}/{}", start.month(), start.day()),
            Granularity::Week => format!("{}/{}〜", start.month(), start.day()),
            Granularity::Month => format!("{}月", start.month()),
        }
    }
}

fn next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day + Duration::days(31))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        assert_eq!(Granularity::Week.start_of(d(2026, 11, 22)), d(2026, 11, 16));
        assert_eq!(Granularity::Month.start_of(d(2026, 11, 22)), d(2026, 11, 1));
        assert_eq!(
            Granularity::Month.periods(d(2026, 11, 20), d(2027, 1, 3)),
            vec![d(2026, 11, 1), d(2026, 12, 1), d(2027, 1, 1)]
        );
        assert_eq!(Granularity::Week.periods(d(2026, 11, 18), d(2026, 11, 30)).len(), 3);
        assert_eq!(Granularity::Day.periods(d(2026, 11, 30), d(2026, 12, 2)).len(), 3);
    }

    #[test]
    fn table_names_carry_the_year_and_chart_labels_stay_short() {
        assert_eq!(Granularity::Day.name(d(2026, 1, 5)), "2026-01-05");
        assert_eq!(Granularity::Week.name(d(2026, 12, 28)), "2026-12-28〜2027-01-03");
        assert_eq!(Granularity::Month.name(d(2027, 1, 1)), "2027年1月");
        assert_eq!(Granularity::Day.short_name(d(2026, 1, 5)), "1/5");
        assert_eq!(Granularity::Week.short_name(d(2026, 12, 28)), "12/28〜");
        assert_eq!(Granularity::Month.short_name(d(2027, 1, 1)), "1月");
    }
}
