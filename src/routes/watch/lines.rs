//! Passes as people read them: Japan time, the reader's name, 登校/下校/通過, grouped by day.

use crate::db::models::watch::pass::{PassAt, PassDirection};
use crate::domain::time::{day_label, jst};
use chrono::NaiveDate;
use hiroba_views::pages::watch::children::{DayPasses, PassLine};
use std::collections::BTreeMap;

/// 「07:52 正門（登校）」; a pass at a waypoint is 通過.
pub fn pass_line(p: &PassAt) -> PassLine {
    PassLine {
        time: jst(p.pass.first_read_at).format("%H:%M").to_string(),
        place: p.reader_name.clone(),
        what: p.pass.direction().map_or("通過", PassDirection::label).to_string(),
    }
}

/// Today's passes in time order.
pub fn in_time_order(passes: &[PassAt]) -> Vec<PassLine> {
    let mut sorted: Vec<&PassAt> = passes.iter().collect();
    sorted.sort_by_key(|p| p.pass.first_read_at);
    sorted.into_iter().map(pass_line).collect()
}

/// Passes by Japanese day, newest day first, in time order within a day. Today is always there
/// (「まだありません」 is an answer too); other days without passes are left out.
pub fn by_day(passes: &[PassAt], today: NaiveDate) -> Vec<DayPasses> {
    let mut days: BTreeMap<NaiveDate, Vec<&PassAt>> = BTreeMap::new();
    days.entry(today).or_default();
    for p in passes {
        days.entry(jst(p.pass.first_read_at).date_naive()).or_default().push(p);
    }
    days.into_iter()
        .rev()
        .map(|(day, mut passes)| {
            passes.sort_by_key(|p| p.pass.first_read_at);
            DayPasses {
                day: day_label(day),
                today: day == today,
                passes: passes.into_iter().map(pass_line).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::models::watch::pass::Pass;
    use chrono::NaiveDateTime;

    fn at(utc: &str, reader: &str, direction: Option<PassDirection>) -> PassAt {
        let at = NaiveDateTime::parse_from_str(utc, "%Y-%m-%d %H:%M").unwrap();
        PassAt {
            pass: Pass::sample(1, 1, at, direction),
            reader_name: reader.into(),
        }
    }

    #[test]
    fn passes_fall_on_the_japanese_day_newest_day_first_in_time_order() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        // Newest first, as the model returns them. 15:10 UTC on the 22nd is 00:10 JST on the 23rd.
        let passes = [
            at("2026-11-23 06:05", "学童クラブ前", None),
            at("2026-11-22 22:52", "正門", Some(PassDirection::Arrival)),
            at("2026-11-22 15:10", "正門", Some(PassDirection::Departure)),
            at("2026-11-20 06:00", "正門", Some(PassDirection::Departure)),
        ];
        let days = by_day(&passes, today);
        let labels: Vec<&str> = days.iter().map(|d| d.day.as_str()).collect();
        assert_eq!(labels, ["11/24（火）", "11/23（月）", "11/20（金）"]);
        assert!(days[0].today && days[0].passes.is_empty());
        let lines: Vec<String> = days[1]
            .passes
            .iter()
            .map(|p| format!("{} {} {}", p.time, p.place, p.what))
            .collect();
        assert_eq!(lines, ["00:10 正門 下校", "07:52 正門 登校", "15:05 学童クラブ前 通過"]);
    }
}
