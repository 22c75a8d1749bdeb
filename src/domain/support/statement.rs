//! Monthly statements (月報と請求), as pure sums: rows of one month in, totals per supporter, per
//! family and per area out. The month of a row is the Japan-time day of the activity.
//!
//! What counts:
//! - An activity counts once its supporter reported it: `Confirmed`, or `Reported` and still
//!   awaiting the family's 確認 (shown as 確認待ち, counted with the reported times and fee). A
//!   disputed report counts only after a coordinator resolves it (it is then confirmed).
//! - A late cancellation with a fee counts for the family (she pays it) and for the supporter
//!   who was matched (the centre passes the fee on to her, as FSCs do); its minutes are not
//!   activity hours. A cancellation without a supporter is charged to the family alone.

use super::ids::{AreaId, FamilyId, SupporterId};
use crate::domain::time::{day_label, jst_day_start, month_key, month_label, parse_month};
use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// A calendar month in Japan time, the period of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The month `day` is in.
    pub fn of(day: NaiveDate) -> Month {
        Month {
            first: day.with_day(1).unwrap_or(day),
        }
    }

    /// `2026-12`, as in a URL.
    pub fn parse(text: &str) -> Option<Month> {
        parse_month(text).map(|(first, _)| Month { first })
    }

    pub fn first(self) -> NaiveDate {
        self.first
    }

    pub fn last(self) -> NaiveDate {
        self.next().first.pred_opt().unwrap_or(self.first)
    }

    /// `2026-12`
    pub fn key(self) -> String {
        month_key(self.first)
    }

    /// 「2026年12月」
    pub fn label(self) -> String {
        month_label(self.first)
    }

    pub fn prev(self) -> Month {
        Month {
            first: self.first.checked_sub_months(Months::new(1)).unwrap_or(self.first),
        }
    }

    pub fn next(self) -> Month {
        Month {
            first: self.first.checked_add_months(Months::new(1)).unwrap_or(self.first),
        }
    }

    /// The stored (UTC) instant at which the month ends (the next one begins in Japan).
    pub fn end_utc(self) -> NaiveDateTime {
        jst_day_start(self.next().first)
    }
}

/// What one line of a statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// An activity the family confirmed (or a coordinator after a dispute).
    Confirmed,
    /// Reported by the supporter, the family's 確認 still awaited (確認待ち).
    Reported,
    /// A late cancellation with a fee.
    LateCancellation,
}

impl Entry {
    /// What a statement line says beside the amount.
    pub fn label(self) -> &'static str {
        match self {
            Entry::Confirmed => "確認済み",
            Entry::Reported => "確認待ち",
            Entry::LateCancellation => "キャンセル料",
        }
    }

    pub fn is_activity(self) -> bool {
        !matches!(self, Entry::LateCancellation)
    }
}

/// One activity or late cancellation of the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub request_id: i64,
    pub day: NaiveDate,
    /// Reported minutes after the day's midnight (the booked ones for a cancellation).
    pub start_minute: i32,
    pub end_minute: i32,
    /// 送迎 (true) or あずかり.
    pub pickup: bool,
    pub family: FamilyId,
    /// The family's area when she asked.
    pub area: AreaId,
    pub supporter: Option<SupporterId>,
    pub entry: Entry,
    /// The fee (activity: as reported, transport included; cancellation: its fee).
    pub fee_yen: i64,
    /// Transport inside `fee_yen`.
    pub transport_yen: i64,
}

impl Line {
    /// Activity minutes (none for a cancellation).
    pub fn minutes(&self) -> i64 {
        if self.entry.is_activity() {
            i64::from((self.end_minute - self.start_minute).max(0))
        } else {
            0
        }
    }

    /// 「9:00〜11:00」, 「22:00〜翌1:30」.
    pub fn time_label(&self) -> String {
        let hm = |m: i32| {
            let next = if m >= 1440 { "翌" } else { "" };
            format!("{next}{}:{:02}", (m % 1440) / 60, m % 60)
        };
        format!("{}〜{}", hm(self.start_minute), hm(self.end_minute))
    }

    /// 「2026/12/03（木）」: the day with its year, as statements print it.
    pub fn date_label(&self) -> String {
        let short = day_label(self.day);
        let weekday = short.split_once('（').map(|(_, w)| w).unwrap_or_default();
        format!("{}（{weekday}", self.day.format("%Y/%m/%d"))
    }

    pub fn kind_label(&self) -> &'static str {
        if self.pickup {
            "送迎"
        } else {
            "あずかり"
        }
    }
}

/// The sums of some lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Activities, 確認待ち included.
    pub activities: u32,
    /// Of which still 確認待ち.
    pub awaiting: u32,
    pub minutes: i64,
    /// Activity fees (transport included).
    pub fees_yen: i64,
    pub transport_yen: i64,
    pub cancellations: u32,
    pub cancellation_yen: i64,
}

impl Totals {
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Totals {
        let mut totals = Totals::default();
        for line in lines {
            totals.add(line);
        }
        totals
    }

    fn add(&mut self, line: &Line) {
        match line.entry {
            Entry::LateCancellation => {
                self.cancellations += 1;
                self.cancellation_yen += line.fee_yen;
            }
            entry => {
                self.activities += 1;
                self.awaiting += u32::from(entry == Entry::Reported);
                self.minutes += line.minutes();
                self.fees_yen += line.fee_yen;
                self.transport_yen += line.transport_yen;
            }
        }
    }

    /// What the family pays, or the supporter receives: fees and cancellation fees.
    pub fn total_yen(&self) -> i64 {
        self.fees_yen + self.cancellation_yen
    }
}

/// Totals per supporter (lines without a supporter are left out).
pub fn by_supporter(lines: &[Line]) -> BTreeMap<SupporterId, Totals> {
    let mut map: BTreeMap<SupporterId, Totals> = BTreeMap::new();
    for line in lines {
        if let Some(supporter) = line.supporter {
            map.entry(supporter).or_default().add(line);
        }
    }
    map
}

/// Totals per family.
pub fn by_family(lines: &[Line]) -> BTreeMap<FamilyId, Totals> {
    let mut map: BTreeMap<FamilyId, Totals> = BTreeMap::new();
    for line in lines {
        map.entry(line.family).or_default().add(line);
    }
    map
}

/// A request of the month as the centre's counts read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestRow {
    pub area: AreaId,
    pub created_at: NaiveDateTime,
    /// When a supporter accepted or was assigned; None if never.
    pub matched_at: Option<NaiveDateTime>,
    /// Status `unfilled`: every wave went unanswered.
    pub unfilled: bool,
    pub cancelled: bool,
}

/// The centre's counts of requests and activities (for one area, or all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CentreCounts {
    pub requests: u32,
    /// Ever matched (a later cancellation included).
    pub matched: u32,
    /// Never matched: left unfilled after the last wave, or cancelled before anyone accepted.
    pub unfilled: u32,
    pub cancelled: u32,
    pub activity: Totals,
}

impl CentreCounts {
    fn add_request(&mut self, row: &RequestRow) {
        self.requests += 1;
        if row.matched_at.is_some() {
            self.matched += 1;
        } else if row.unfilled || row.cancelled {
            self.unfilled += 1;
        }
        self.cancelled += u32::from(row.cancelled);
    }

    /// Matched of the requests decided either way, in whole percent (rounded down); None when
    /// nothing was decided yet. Requests still seeking count neither way.
    pub fn fill_rate(&self) -> Option<u32> {
        let decided = self.matched + self.unfilled;
        (decided > 0).then(|| self.matched * 100 / decided)
    }
}

/// Counts per area, in area order, and the whole month.
pub fn centre(requests: &[RequestRow], lines: &[Line]) -> (BTreeMap<AreaId, CentreCounts>, CentreCounts) {
    let mut areas: BTreeMap<AreaId, CentreCounts> = BTreeMap::new();
    let mut all = CentreCounts::default();
    for row in requests {
        areas.entry(row.area).or_default().add_request(row);
        all.add_request(row);
    }
    for line in lines {
        areas.entry(line.area).or_default().activity.add(line);
    }
    all.activity = Totals::of(lines);
    (areas, all)
}

/// Minutes from request to acceptance, of the matched requests.
pub fn acceptance_minutes(requests: &[RequestRow]) -> Vec<i64> {
    requests
        .iter()
        .filter_map(|r| r.matched_at.map(|at| (at - r.created_at).num_minutes().max(0)))
        .collect()
}

/// The `percent` percentile by the nearest-rank method (the median is 50); None for no values.
pub fn percentile(values: &[i64], percent: u32) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    // Nearest rank: the smallest value with at least `percent`% of the values at or below it.
    let rank = (n * percent.min(100) as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// 「12時間30分」, 「45分」, 「3時間」.
pub fn hours_label(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}分"),
        (h, 0) => format!("{h}時間"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

/// 「1,234円」 for pages (CSVs write plain numbers).
pub fn yen_label(yen: i64) -> String {
    let digits = yen.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}{out}円", if yen < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        day(d).and_hms_opt(h, m, 0).unwrap()
    }

    fn line(id: i64, family: i64, supporter: Option<i64>, entry: Entry, minutes: i32, fee: i64) -> Line {
        Line {
            request_id: id,
            day: day(3),
            start_minute: 600,
            end_minute: 600 + minutes,
            pickup: id % 2 == 0,
            family: FamilyId(family),
            area: AreaId(family),
            supporter: supporter.map(SupporterId),
            entry,
            fee_yen: fee,
            transport_yen: 0,
        }
    }

    #[test]
    fn supporters_and_families_are_summed_with_cancellations() {
        let lines = [
            line(1, 10, Some(1), Entry::Confirmed, 120, 1400),
            line(2, 10, Some(1), Entry::Reported, 90, 1200),
            line(3, 20, Some(2), Entry::Confirmed, 60, 800),
            line(4, 20, Some(1), Entry::LateCancellation, 120, 700),
            line(5, 20, None, Entry::LateCancellation, 60, 700),
        ];
        let supporters = by_supporter(&lines);
        let first = supporters[&SupporterId(1)];
        assert_eq!(
            (first.activities, first.awaiting, first.minutes, first.fees_yen),
            (2, 1, 210, 2600)
        );
        assert_eq!(
            (first.cancellations, first.cancellation_yen, first.total_yen()),
            (1, 700, 3300)
        );
        assert_eq!(supporters[&SupporterId(2)].total_yen(), 800);
        assert_eq!(
            supporters.len(),
            2,
            "a cancellation without a supporter is nobody's income"
        );
        let families = by_family(&lines);
        let second = families[&FamilyId(20)];
        assert_eq!((second.activities, second.minutes), (1, 60));
        assert_eq!((second.cancellations, second.total_yen()), (2, 2200));
        assert_eq!(families[&FamilyId(10)].total_yen(), 2600);
    }

    #[test]
    fn the_centre_counts_requests_by_how_they_ended() {
        let request = |area: i64, matched: Option<NaiveDateTime>, unfilled: bool, cancelled: bool| RequestRow {
            area: AreaId(area),
            created_at: at(1, 9, 0),
            matched_at: matched,
            unfilled,
            cancelled,
        };
        let rows = [
            request(1, Some(at(1, 9, 10)), false, false),
            request(1, Some(at(1, 9, 30)), false, true), // matched, then cancelled
            request(1, None, true, false),               // unfilled after the last wave
            request(2, None, false, true),               // cancelled while open
            request(2, None, false, false),              // still seeking
            request(2, Some(at(1, 11, 0)), false, false),
        ];
        let lines = [line(7, 1, Some(1), Entry::Confirmed, 90, 1050)];
        let (areas, all) = centre(&rows, &lines);
        assert_eq!((all.requests, all.matched, all.unfilled, all.cancelled), (6, 3, 2, 2));
        assert_eq!(all.fill_rate(), Some(60));
        let first = areas[&AreaId(1)];
        assert_eq!((first.requests, first.matched, first.unfilled), (3, 2, 1));
        assert_eq!((first.activity.activities, first.activity.fees_yen), (1, 1050));
        assert_eq!(areas[&AreaId(2)].activity, Totals::default());
        assert_eq!(CentreCounts::default().fill_rate(), None);
        assert_eq!(acceptance_minutes(&rows), [10, 30, 120]);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let cases: &[(&[i64], u32, Option<i64>)] = &[
            (&[], 50, None),
            (&[7], 50, Some(7)),
            (&[7], 90, Some(7)),
            (&[30, 10, 20], 50, Some(20)),
            (&[10, 20, 30, 40], 50, Some(20)),
            (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, Some(9)),
            (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, Some(10)),
            (&[5, 1], 0, Some(1)),
            (&[5, 1], 100, Some(5)),
        ];
        for (values, percent, want) in cases {
            assert_eq!(percentile(values, *percent), *want, "{values:?} p{percent}");
        }
    }

    #[test]
    fn a_month_knows_its_days_and_neighbours() {
        let month = Month::parse("2026-12").unwrap();
        assert_eq!((month.first(), month.last()), (day(1), day(31)));
        assert_eq!(
            (month.prev().key(), month.next().key()),
            ("2026-11".into(), "2027-01".into())
        );
        assert_eq!(Month::of(day(17)), month);
        assert_eq!(month.label(), "2026年12月");
        assert_eq!(Month::parse("2026-02").unwrap().last().to_string(), "2026-02-28");
        assert_eq!(month.end_utc().to_string(), "2026-12-31 15:00:00");
        assert!(Month::parse("2026-13").is_none());
    }

    #[test]
    fn labels() {
        let cases = [(0, "0分"), (45, "45分"), (180, "3時間"), (750, "12時間30分")];
        for (minutes, want) in cases {
            assert_eq!(hours_label(minutes), want);
        }
        let cases = [
            (0, "0円"),
            (800, "800円"),
            (1400, "1,400円"),
            (1234567, "1,234,567円"),
            (-1500, "-1,500円"),
        ];
        for (yen, want) in cases {
            assert_eq!(yen_label(yen), want);
        }
        assert_eq!(line(1, 1, None, Entry::LateCancellation, 60, 700).minutes(), 0);
        let late = Line {
            start_minute: 22 * 60,
            end_minute: 25 * 60 + 30,
            ..line(2, 1, None, Entry::Confirmed, 0, 0)
        };
        assert_eq!(late.time_label(), "22:00〜翌1:30");
        assert_eq!(late.date_label(), "2026/12/03（木）");
        assert_eq!(line(2, 1, None, Entry::Confirmed, 90, 0).time_label(), "10:00〜11:30");
        assert_eq!(Entry::Reported.label(), "確認待ち");
    }
}
