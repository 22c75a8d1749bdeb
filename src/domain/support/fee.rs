//! What an activity costs by the fee table, as lines a coordinator and a parent can check.
//!
//! The rules, in order:
//! 1. Every minute of the activity is priced by the band it falls in and by its own date
//!    (Japan time): a minute on a Saturday, Sunday or holiday adds 土日祝加算, so an evening
//!    that runs past midnight into a holiday is priced as a weekday until 0:00.
//! 2. The length is rounded up to the table's unit (30 minutes); the added minutes are priced
//!    like the activity's last minute (the band and the day where it ends), so that rounding
//!    never reaches into a band the activity did not touch.
//! 3. Each line is minutes × hourly price ÷ 60, rounded down to the yen (only odd minutes make
//!    a fraction); the total is the sum of the lines, so the lines always add up.
//! 4. 急ぎ加算 applies once per activity, to all charged minutes, when the request came less
//!    than `urgent_within_hours` before the start (exactly 24 h before is not urgent).
//! 5. Each child after the first adds `sibling_percent` of the time fee (bands and 土日祝加算).
//! 6. Transport is added at cost.

use super::fee_table::{Band, FeeTable, Yen};
use super::holiday::is_rest_day;
use super::slot::Slot;
use chrono::{Days, Duration, NaiveDateTime, Timelike};
use std::fmt;
use std::num::NonZeroU32;

/// What the fee depends on: a request's slot (or the times the supporter reported), when the
/// family asked (Japan time), how many children, and the transport paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity {
    /// The booked slot, or the times the supporter reported afterwards.
    pub slot: Slot,
    /// When the family made the request, in Japan time (decides 急ぎ加算).
    pub requested_at: NaiveDateTime,
    /// The children looked after together (siblings after the first add きょうだい加算).
    pub children: NonZeroU32,
    /// What the supporter paid for transport, charged at cost.
    pub transport: Yen,
}

/// What a breakdown is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charge {
    /// An activity that took place (or is planned).
    Activity,
    /// A late cancellation, charged as the first `minutes` of the booked time.
    LateCancellation { from_days_before: u32, minutes: i64 },
}

/// One line of a breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeLine {
    /// Minutes in one band, on weekdays or on 土日祝, at the band's price.
    Band {
        rest_day: bool,
        band: Band,
        minutes: i64,
        amount: Yen,
    },
    RestDay {
        minutes: i64,
        per_hour: Yen,
        amount: Yen,
    },
    Urgent {
        minutes: i64,
        per_hour: Yen,
        within_hours: u32,
        amount: Yen,
    },
    Siblings {
        extra: u32,
        percent: u32,
        of: Yen,
        amount: Yen,
    },
    Transport {
        amount: Yen,
    },
}

impl FeeLine {
    /// What the line adds to the total.
    pub fn amount(&self) -> Yen {
        match *self {
            FeeLine::Band { amount, .. }
            | FeeLine::RestDay { amount, .. }
            | FeeLine::Urgent { amount, .. }
            | FeeLine::Siblings { amount, .. }
            | FeeLine::Transport { amount } => amount,
        }
    }
}

/// 「平日 9:00〜17:00 2時間 × 700円 = 1,400円」
impl fmt::Display for FeeLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            FeeLine::Band {
                rest_day,
                band,
                minutes,
                amount,
            } => {
                let day = if rest_day { "土日祝" } else { "平日" };
                let (length, price) = (length(minutes), band.per_hour());
                write!(f, "{day} {band} {length} × {price} = {amount}")
            }
            FeeLine::RestDay {
                minutes,
                per_hour,
                amount,
            } => {
                write!(f, "土日祝加算 {} × {per_hour} = {amount}", length(minutes))
            }
            FeeLine::Urgent {
                minutes,
                per_hour,
                within_hours,
                amount,
            } => {
                let length = length(minutes);
                write!(
                    f,
                    "急ぎ加算（{within_hours}時間以内のご依頼） {length} × {per_hour} = {amount}"
                )
            }
            FeeLine::Siblings {
                extra,
                percent,
                of,
                amount,
            } => {
                let share = if percent == 50 {
                    "の半額".to_owned()
                } else {
                    format!("の{percent}%")
                };
                write!(f, "きょうだい加算 {extra}人 × {of}{share} = {amount}")
            }
            FeeLine::Transport { amount } => write!(f, "交通費（実費） {amount}"),
        }
    }
}

/// 「2時間」「1時間30分」「45分」
fn length(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}分"),
        (h, 0) => format!("{h}時間"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

/// The fee of an activity or of a late cancellation, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeBreakdown {
    pub charge: Charge,
    /// The minutes charged: the length rounded up to the unit.
    pub charged_minutes: i64,
    pub lines: Vec<FeeLine>,
    /// The sum of the lines.
    pub total: Yen,
}

/// The lines one per row, then 「合計 4,330円」; a cancellation starts with what it charges.
impl fmt::Display for FeeBreakdown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Charge::LateCancellation {
            from_days_before,
            minutes,
        } = self.charge
        {
            let when = match from_days_before {
                0 => "当日".to_owned(),
                1 => "前日から".to_owned(),
                n => format!("{n}日前から"),
            };
            // 「はじめの1時間分」, but 「はじめの30分」 rather than 「30分分」.
            let length = length(minutes);
            let share = if length.ends_with('分') { "" } else { "分" };
            writeln!(f, "キャンセル料（{when}のお取り消し：はじめの{length}{share}）")?;
        }
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        write!(f, "合計 {}", self.total)
    }
}

impl FeeTable {
    /// What `activity` costs.
    pub fn fee(&self, activity: &Activity) -> FeeBreakdown {
        self.price(activity, activity.slot, Charge::Activity, activity.transport)
    }

    /// What cancelling `activity` at `cancelled_at` (Japan time) costs; None when it is free.
    /// Late means from 0:00 of the day `from_days_before` days before the activity's day, so
    /// by default on the day itself, before or after the start. No transport is charged: nobody
    /// travelled.
    pub fn cancellation_fee(&self, activity: &Activity, cancelled_at: NaiveDateTime) -> Option<FeeBreakdown> {
        let rule = self.late_cancellation;
        let start = activity.slot.start();
        let late_from = start
            .date()
            .checked_sub_days(Days::new(u64::from(rule.from_days_before)))?;
        if rule.charge_minutes == 0 || cancelled_at < late_from.and_time(chrono::NaiveTime::MIN) {
            return None;
        }
        let charged = activity.slot.first_minutes(rule.charge_minutes);
        let minutes = i64::from(charged.minutes());
        let charge = Charge::LateCancellation {
            from_days_before: rule.from_days_before,
            minutes,
        };
        Some(self.price(activity, charged, charge, Yen::ZERO))
    }

    fn price(&self, activity: &Activity, slot: Slot, charge: Charge, transport: Yen) -> FeeBreakdown {
        let unit = i64::from(self.unit_minutes);
        let charged_minutes = (i64::from(slot.minutes()) + unit - 1) / unit * unit;
        let mut groups = self.minutes_by_band(slot);
        if let Some(last) = groups.last_mut() {
            last.minutes += charged_minutes - i64::from(slot.minutes());
        }

        let mut lines: Vec<FeeLine> = groups
            .iter()
            .map(
                |&Group {
                     rest_day,
                     band,
                     minutes,
                 }| {
                    let band = self.bands[band];
                    let amount = band.per_hour().for_minutes(minutes);
                    FeeLine::Band {
                        rest_day,
                        band,
                        minutes,
                        amount,
                    }
                },
            )
            .collect();
        let rest_minutes: i64 = groups.iter().filter(|g| g.rest_day).map(|g| g.minutes).sum();
        if rest_minutes > 0 && self.rest_day_extra > Yen::ZERO {
            let per_hour = self.rest_day_extra;
            let amount = per_hour.for_minutes(rest_minutes);
            lines.push(FeeLine::RestDay {
                minutes: rest_minutes,
                per_hour,
                amount,
            });
        }
        let time_fee: Yen = lines.iter().map(FeeLine::amount).sum();

        let notice = activity.slot.start() - activity.requested_at;
        let within_hours = self.urgent_within_hours;
        if within_hours > 0 && notice < Duration::hours(i64::from(within_hours)) && self.urgent_extra > Yen::ZERO {
            let per_hour = self.urgent_extra;
            let amount = per_hour.for_minutes(charged_minutes);
            lines.push(FeeLine::Urgent {
                minutes: charged_minutes,
                per_hour,
                within_hours,
                amount,
            });
        }
        let extra = activity.children.get() - 1;
        if extra > 0 && self.sibling_percent > 0 {
            let percent = self.sibling_percent;
            let amount = time_fee.percent(percent).times(extra);
            lines.push(FeeLine::Siblings {
                extra,
                percent,
                of: time_fee,
                amount,
            });
        }
        if transport > Yen::ZERO {
            lines.push(FeeLine::Transport { amount: transport });
        }
        let total = lines.iter().map(FeeLine::amount).sum();
        FeeBreakdown {
            charge,
            charged_minutes,
            lines,
            total,
        }
    }

    /// Minutes of `slot` per band and kind of day, in the order they first occur. The slot is
    /// walked in pieces that end at a band's end, at midnight (the date may change from weekday
    /// to holiday) or at the slot's end.
    fn minutes_by_band(&self, slot: Slot) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let mut at = slot.start();
        while at < slot.end() {
            let minute = (at.hour() * 60 + at.minute()) as i32;
            let (index, band) = self.band_at(minute);
            let to_midnight = 24 * 60 - minute;
            let piece = i64::from(band.minutes_left(minute).min(to_midnight)).min((slot.end() - at).num_minutes());
            let rest_day = is_rest_day(at.date());
            match groups.iter_mut().find(|g| g.rest_day == rest_day && g.band == index) {
                Some(group) => group.minutes += piece,
                None => groups.push(Group {
                    rest_day,
                    band: index,
                    minutes: piece,
                }),
            }
            at += Duration::minutes(piece);
        }
        groups
    }
}

/// The minutes an activity spends in one band on one kind of day (weekday or 土日祝).
#[derive(Debug, Clone, Copy)]
struct Group {
    rest_day: bool,
    /// The band's position in the table.
    band: usize,
    minutes: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// An activity of one child, asked for a week ahead, without transport.
    fn activity(start: &str, end: &str) -> Activity {
        Activity {
            slot: Slot::new(at(start), at(end)).unwrap(),
            requested_at: at(start) - Duration::days(7),
            children: NonZeroU32::MIN,
            transport: Yen::ZERO,
        }
    }

    fn lines(breakdown: &FeeBreakdown) -> Vec<String> {
        breakdown.to_string().lines().map(str::to_owned).collect()
    }

    fn total(activity: &Activity) -> i64 {
        FeeTable::default().fee(activity).total.get()
    }

    // 2026-12-03 is a Thursday, 12-05 a Saturday, 11-03 (Tuesday) 文化の日.

    #[test]
    fn each_band_has_its_weekday_price() {
        let cases = [
            ("2026-12-03 07:00", "2026-12-03 08:00", 800),
            ("2026-12-03 09:00", "2026-12-03 10:00", 700),
            ("2026-12-03 16:00", "2026-12-03 17:00", 700),
            ("2026-12-03 17:00", "2026-12-03 18:00", 800),
            ("2026-12-03 21:00", "2026-12-03 22:00", 1000),
            ("2026-12-03 03:00", "2026-12-03 04:00", 1000),
            ("2026-12-03 09:00", "2026-12-03 17:00", 5600),
        ];
        for (start, end, want) in cases {
            assert_eq!(total(&activity(start, end)), want, "{start}〜{end}");
        }
    }

    #[test]
    fn an_activity_across_a_band_boundary_is_priced_in_both_bands() {
        let fee = FeeTable::default().fee(&activity("2026-12-03 16:00", "2026-12-03 18:30"));
        assert_eq!(
            lines(&fee),
            [
                "平日 9:00〜17:00 1時間 × 700円 = 700円",
                "平日 17:00〜21:00 1時間30分 × 800円 = 1,200円",
                "合計 1,900円",
            ]
        );
        assert_eq!(fee.charged_minutes, 150);
    }

    #[test]
    fn a_night_into_a_holiday_is_priced_by_the_date_of_each_minute() {
        let fee = FeeTable::default().fee(&activity("2026-11-02 20:00", "2026-11-03 08:00"));
        assert_eq!(
            lines(&fee),
            [
                "平日 17:00〜21:00 1時間 × 800円 = 800円",
                "平日 21:00〜7:00 3時間 × 1,000円 = 3,000円",
                "土日祝 21:00〜7:00 7時間 × 1,000円 = 7,000円",
                "土日祝 7:00〜9:00 1時間 × 800円 = 800円",
                "土日祝加算 8時間 × 200円 = 1,600円",
                "合計 13,200円",
            ]
        );
    }

    #[test]
    fn a_weeknight_across_midnight_is_one_line() {
        let fee = FeeTable::default().fee(&activity("2026-12-02 22:00", "2026-12-03 01:00"));
        assert_eq!(
            lines(&fee),
            ["平日 21:00〜7:00 3時間 × 1,000円 = 3,000円", "合計 3,000円"]
        );
    }

    #[test]
    fn weekends_add_the_surcharge() {
        let fee = FeeTable::default().fee(&activity("2026-12-05 10:00", "2026-12-05 12:00"));
        assert_eq!(
            lines(&fee),
            [
                "土日祝 9:00〜17:00 2時間 × 700円 = 1,400円",
                "土日祝加算 2時間 × 200円 = 400円",
                "合計 1,800円",
            ]
        );
    }

    #[test]
    fn the_length_is_rounded_up_to_30_minutes_at_the_price_where_it_ends() {
        let cases = [
            // start, end, charged minutes, total
            ("2026-12-03 09:00", "2026-12-03 09:30", 30, 350),
            ("2026-12-03 09:00", "2026-12-03 09:05", 30, 350),
            ("2026-12-03 09:00", "2026-12-03 10:10", 90, 1050),
            ("2026-12-03 09:00", "2026-12-03 10:31", 120, 1400),
            // 15 min at 700 and 20 + 25 min at 800: the rounding stays in the last band.
            ("2026-12-03 16:45", "2026-12-03 17:20", 60, 175 + 600),
            // 20 min at 800 (266.67 → 266) and 5 + 5 min at 700 (116.67 → 116).
            ("2026-12-03 08:40", "2026-12-03 09:05", 30, 266 + 116),
            // Ends on a weekday night; the rounding is not pushed onto Saturday.
            ("2026-12-04 23:40", "2026-12-04 23:55", 30, 500),
        ];
        for (start, end, minutes, want) in cases {
            let fee = FeeTable::default().fee(&activity(start, end));
            assert_eq!(
                (fee.charged_minutes, fee.total.get()),
                (minutes, want),
                "{start}〜{end}"
            );
        }
    }

    #[test]
    fn a_request_within_24_hours_is_urgent_and_exactly_24_hours_is_not() {
        let table = FeeTable::default();
        let mut rush = activity("2026-12-03 09:00", "2026-12-03 11:00");
        rush.requested_at = at("2026-12-02 09:01");
        assert_eq!(
            lines(&table.fee(&rush)),
            [
                "平日 9:00〜17:00 2時間 × 700円 = 1,400円",
                "急ぎ加算（24時間以内のご依頼） 2時間 × 100円 = 200円",
                "合計 1,600円",
            ]
        );
        rush.requested_at = at("2026-12-03 08:00");
        assert_eq!(table.fee(&rush).total.get(), 1600, "the same day");
        rush.requested_at = at("2026-12-02 09:00");
        assert_eq!(table.fee(&rush).total.get(), 1400, "24 hours ahead");
    }

    #[test]
    fn siblings_add_half_of_the_time_fee_each() {
        let mut two = activity("2026-12-05 09:00", "2026-12-05 11:00");
        two.children = NonZeroU32::new(2).unwrap();
        two.requested_at = at("2026-12-05 07:00");
        assert_eq!(
            lines(&FeeTable::default().fee(&two)),
            [
                "土日祝 9:00〜17:00 2時間 × 700円 = 1,400円",
                "土日祝加算 2時間 × 200円 = 400円",
                "急ぎ加算（24時間以内のご依頼） 2時間 × 100円 = 200円",
                "きょうだい加算 1人 × 1,800円の半額 = 900円",
                "合計 2,900円",
            ]
        );
        let mut three = activity("2026-12-03 09:00", "2026-12-03 11:00");
        three.children = NonZeroU32::new(3).unwrap();
        assert_eq!(total(&three), 1400 + 2 * 700);
    }

    #[test]
    fn transport_is_added_at_cost() {
        let mut trip = activity("2026-12-03 17:00", "2026-12-03 17:30");
        trip.transport = Yen::new(480).unwrap();
        assert_eq!(
            lines(&FeeTable::default().fee(&trip)),
            [
                "平日 17:00〜21:00 30分 × 800円 = 400円",
                "交通費（実費） 480円",
                "合計 880円"
            ]
        );
    }

    #[test]
    fn cancelling_on_the_day_costs_the_first_hour_and_the_day_before_is_free() {
        let table = FeeTable::default();
        let mut booked = activity("2026-12-05 16:30", "2026-12-05 19:00");
        booked.transport = Yen::new(480).unwrap();
        assert_eq!(table.cancellation_fee(&booked, at("2026-12-04 23:59")), None);
        let late = table.cancellation_fee(&booked, at("2026-12-05 00:00")).unwrap();
        assert_eq!(
            lines(&late),
            [
                "キャンセル料（当日のお取り消し：はじめの1時間分）",
                "土日祝 9:00〜17:00 30分 × 700円 = 350円",
                "土日祝 17:00〜21:00 30分 × 800円 = 400円",
                "土日祝加算 1時間 × 200円 = 200円",
                "合計 950円",
            ]
        );
        let after_start = table.cancellation_fee(&booked, at("2026-12-05 17:00")).unwrap();
        assert_eq!(after_start.total.get(), 950);
        let short = activity("2026-12-05 09:00", "2026-12-05 09:30");
        let fee = table.cancellation_fee(&short, at("2026-12-05 08:00")).unwrap();
        assert_eq!(
            (fee.charged_minutes, fee.total.get()),
            (30, 450),
            "never more than booked"
        );
    }

    #[test]
    fn a_centre_can_set_its_own_cancellation_rule() {
        let table: FeeTable =
            toml::from_str("late_cancellation = { from_days_before = 1, charge_minutes = 30 }").unwrap();
        let booked = activity("2026-12-03 09:00", "2026-12-03 12:00");
        assert_eq!(table.cancellation_fee(&booked, at("2026-12-01 23:59")), None);
        let fee = table.cancellation_fee(&booked, at("2026-12-02 10:00")).unwrap();
        assert_eq!(
            fee.to_string().lines().next(),
            Some("キャンセル料（前日からのお取り消し：はじめの30分）")
        );
        assert_eq!(fee.total.get(), 350);
        let free: FeeTable =
            toml::from_str("late_cancellation = { from_days_before = 0, charge_minutes = 0 }").unwrap();
        assert_eq!(free.cancellation_fee(&booked, at("2026-12-03 10:00")), None);
    }
}
