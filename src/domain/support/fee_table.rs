//! The fee table of 送迎・あずかり支援: hourly prices by time band and the surcharges, read from
//! the settings (`FeeTable` deserializes) and checked once, when read.

use crate::domain::clock::TimeOfDay;
use serde::{de, Deserialize, Deserializer};
use std::fmt;

/// Minutes in a day.
const DAY: i32 = 24 * 60;

/// An amount of money, never negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Yen(i64);

impl Yen {
    /// Nothing to pay.
    pub const ZERO: Yen = Yen(0);

    /// None for a negative amount.
    pub fn new(amount: i64) -> Option<Yen> {
        (amount >= 0).then_some(Yen(amount))
    }

    /// The amount as a number, for storing and for CSV.
    pub fn get(self) -> i64 {
        self.0
    }

    /// `minutes` at this hourly price, rounded down to the yen (1円未満切り捨て: a fraction
    /// only arises from odd minutes, and then the family keeps it).
    pub(super) fn for_minutes(self, minutes: i64) -> Yen {
        Yen(self.0 * minutes / 60)
    }

    /// `percent` of this amount, rounded down to the yen.
    pub(super) fn percent(self, percent: u32) -> Yen {
        Yen(self.0 * i64::from(percent) / 100)
    }

    pub(super) fn times(self, count: u32) -> Yen {
        Yen(self.0 * i64::from(count))
    }
}

impl std::ops::Add for Yen {
    type Output = Yen;
    fn add(self, other: Yen) -> Yen {
        Yen(self.0 + other.0)
    }
}

impl std::iter::Sum for Yen {
    fn sum<I: Iterator<Item = Yen>>(iter: I) -> Yen {
        iter.fold(Yen::ZERO, |a, b| a + b)
    }
}

/// 「1,400円」
impl fmt::Display for Yen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{grouped}円")
    }
}

/// A time band of the day and its hourly price on a weekday. It runs from `from` up to (not
/// including) `until`, across midnight when `until` is earlier (21:00〜7:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    from: i32,
    until: i32,
    per_hour: Yen,
}

impl Band {
    /// The weekday price of an hour in this band.
    pub fn per_hour(&self) -> Yen {
        self.per_hour
    }

    /// Minutes from `minute` (of the day, inside the band) to the band's end, 1–1440.
    pub(super) fn minutes_left(&self, minute: i32) -> i32 {
        match (self.until - minute).rem_euclid(DAY) {
            0 => DAY,
            left => left,
        }
    }

    /// The band's length in minutes; a band from a time to the same time is the whole day.
    fn length(&self) -> i32 {
        self.minutes_left(self.from)
    }
}

/// 「9:00〜17:00」: without the leading zero, as a price list writes it.
impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = |m: i32| format!("{}:{:02}", m / 60, m % 60);
        write!(f, "{}〜{}", hm(self.from), hm(self.until))
    }
}

/// When a cancellation costs money, and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateCancellation {
    /// A cancellation is late from 0:00 of the day this many days before the activity's day
    /// (0: on the day itself, which includes after the start).
    pub(super) from_days_before: u32,
    /// A late cancellation costs the fee of this many minutes from the start (never more than
    /// the booked time); 0 means cancellations are always free.
    pub(super) charge_minutes: u32,
}

/// Prices of an activity. `Default` is a typical ファミリー・サポート・センター table; a centre
/// sets its own in the settings file (see `FeeTableFile` for the keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeTable {
    /// Sorted by start, covering the day without overlap; never empty.
    pub(super) bands: Vec<Band>,
    /// The activity's length is rounded up to a multiple of this.
    pub(super) unit_minutes: u32,
    /// Added per hour for every minute on a Saturday, Sunday or holiday (土日祝).
    pub(super) rest_day_extra: Yen,
    /// Added per hour (for the whole activity, once, whatever the number of children) when the
    /// request came less than `urgent_within_hours` before the start.
    pub(super) urgent_extra: Yen,
    /// 0 switches the urgent surcharge off.
    pub(super) urgent_within_hours: u32,
    /// Each child after the first adds this percentage of the time fee (bands and 土日祝).
    pub(super) sibling_percent: u32,
    pub(super) late_cancellation: LateCancellation,
}

impl Default for FeeTable {
    /// Issue 14's defaults: weekday 7–9 and 17–21 at 800 円/h, 9–17 at 700 円/h, 21–7 at
    /// 1,000 円/h, +200 円/h on 土日祝, 30-minute units, +100 円/h for a request made within 24 h
    /// of the start, each further child +half. Cancelling on the day (or later) costs the first
    /// hour, the most common rule among FSCs.
    fn default() -> Self {
        let band = |from: i32, until: i32, per_hour: i64| Band {
            from: from * 60,
            until: until * 60,
            per_hour: Yen(per_hour),
        };
        FeeTable {
            bands: vec![band(7, 9, 800), band(9, 17, 700), band(17, 21, 800), band(21, 7, 1000)],
            unit_minutes: 30,
            rest_day_extra: Yen(200),
            urgent_extra: Yen(100),
            urgent_within_hours: 24,
            sibling_percent: 50,
            late_cancellation: LateCancellation {
                from_days_before: 0,
                charge_minutes: 60,
            },
        }
    }
}

impl FeeTable {
    /// The band that holds `minute` (of the day) and its position in the table.
    pub(super) fn band_at(&self, minute: i32) -> (usize, &Band) {
        // Bands are sorted and cover the day, so it is the last one starting at or before
        // `minute`, or else the last of all (the one that wraps midnight).
        let after = self.bands.partition_point(|b| b.from <= minute);
        let index = after.checked_sub(1).unwrap_or(self.bands.len().saturating_sub(1));
        (index, &self.bands[index])
    }
}

/// Why a fee table from the settings cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeTableError {
    #[error("料金表の時刻「{0}」を読めません。07:00 のように書いてください (unreadable time {0:?}, write 07:00)")]
    Time(String),
    #[error("料金表の「{what}」がマイナスです (negative price for {what}: {amount})")]
    Negative { what: String, amount: i64 },
    #[error("料金表の時間帯が {0} を含んでいません (no band covers {0})")]
    Gap(String),
    #[error("料金表の時間帯が {0} で重なっています (bands overlap at {0})")]
    Overlap(String),
    #[error("料金の単位は1〜60分です (unit_minutes must be 1–60, not {0})")]
    Unit(u32),
    #[error("きょうだい加算は0〜100%です (sibling_percent must be 0–100, not {0})")]
    SiblingPercent(u32),
}

/// The fee table as the settings file writes it; a key left out keeps its default.
///
/// ```toml
/// unit_minutes = 30
/// weekend_holiday_extra_per_hour = 200
/// urgent_extra_per_hour = 100
/// urgent_within_hours = 24
/// sibling_percent = 50
/// bands = [
///   { from = "07:00", until = "09:00", per_hour = 800 },
///   { from = "09:00", until = "17:00", per_hour = 700 },
///   { from = "17:00", until = "21:00", per_hour = 800 },
///   { from = "21:00", until = "07:00", per_hour = 1000 },
/// ]
/// late_cancellation = { from_days_before = 0, charge_minutes = 60 }
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeTableFile {
    unit_minutes: Option<u32>,
    weekend_holiday_extra_per_hour: Option<i64>,
    urgent_extra_per_hour: Option<i64>,
    urgent_within_hours: Option<u32>,
    sibling_percent: Option<u32>,
    bands: Option<Vec<BandFile>>,
    late_cancellation: Option<LateCancellationFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandFile {
    from: String,
    until: String,
    per_hour: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LateCancellationFile {
    from_days_before: u32,
    charge_minutes: u32,
}

impl<'de> Deserialize<'de> for FeeTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file = FeeTableFile::deserialize(deserializer)?;
        FeeTable::from_file(file).map_err(de::Error::custom)
    }
}

impl FeeTable {
    fn from_file(file: FeeTableFile) -> Result<FeeTable, FeeTableError> {
        let default = FeeTable::default();
        let price = |what: &str, amount: Option<i64>, default: Yen| match amount {
            None => Ok(default),
            Some(amount) => Yen::new(amount).ok_or_else(|| FeeTableError::Negative {
                what: what.to_owned(),
                amount,
            }),
        };
        let bands = match file.bands {
            None => default.bands,
            Some(bands) => bands.into_iter().map(BandFile::parse).collect::<Result<_, _>>()?,
        };
        let table = FeeTable {
            bands: check_bands(bands)?,
            unit_minutes: file.unit_minutes.unwrap_or(default.unit_minutes),
            rest_day_extra: price(
                "土日祝加算",
                file.weekend_holiday_extra_per_hour,
                default.rest_day_extra,
            )?,
            urgent_extra: price("急ぎ加算", file.urgent_extra_per_hour, default.urgent_extra)?,
            urgent_within_hours: file.urgent_within_hours.unwrap_or(default.urgent_within_hours),
            sibling_percent: file.sibling_percent.unwrap_or(default.sibling_percent),
            late_cancellation: file
                .late_cancellation
                .map_or(default.late_cancellation, |l| LateCancellation {
                    from_days_before: l.from_days_before,
                    charge_minutes: l.charge_minutes,
                }),
        };
        if !(1..=60).contains(&table.unit_minutes) {
            return Err(FeeTableError::Unit(table.unit_minutes));
        }
        if table.sibling_percent > 100 {
            return Err(FeeTableError::SiblingPercent(table.sibling_percent));
        }
        Ok(table)
    }
}

impl BandFile {
    fn parse(self) -> Result<Band, FeeTableError> {
        let time = |text: String| {
            TimeOfDay::parse(&text)
                .map(TimeOfDay::minutes)
                .ok_or(FeeTableError::Time(text))
        };
        let (from, until) = (time(self.from)?, time(self.until)?);
        let per_hour = Yen::new(self.per_hour).ok_or_else(|| FeeTableError::Negative {
            what: format!(
                "時間帯 {}",
                Band {
                    from,
                    until,
                    per_hour: Yen::ZERO
                }
            ),
            amount: self.per_hour,
        })?;
        Ok(Band { from, until, per_hour })
    }
}

/// Sorts the bands and checks that each ends where the next begins, all the way round the
/// clock, so every minute of the day has exactly one price.
fn check_bands(mut bands: Vec<Band>) -> Result<Vec<Band>, FeeTableError> {
    bands.sort_by_key(|b| b.from);
    let clock = |m: i32| format!("{}:{:02}", m / 60, m % 60);
    let Some(first) = bands.first().copied() else {
        return Err(FeeTableError::Gap(clock(0)));
    };
    for (i, band) in bands.iter().enumerate() {
        let next = bands.get(i + 1).copied().unwrap_or(first);
        // How far the next band starts after this one (a lone band: a whole day).
        let step = match (next.from - band.from).rem_euclid(DAY) {
            0 if bands.len() == 1 => DAY,
            step => step,
        };
        if band.length() < step {
            return Err(FeeTableError::Gap(clock(band.until)));
        }
        if band.length() > step {
            return Err(FeeTableError::Overlap(clock(next.from)));
        }
    }
    Ok(bands)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(toml: &str) -> Result<FeeTable, FeeTableError> {
        FeeTable::from_file(toml::from_str(toml).unwrap())
    }

    const BANDS_7_9_17_21: &str = r#"bands = [
        { from = "07:00", until = "09:00", per_hour = 800 },
        { from = "09:00", until = "17:00", per_hour = 700 },
        { from = "17:00", until = "21:00", per_hour = 800 },
        { from = "21:00", until = "07:00", per_hour = 1000 },
    ]"#;

    #[test]
    fn the_documented_settings_are_the_default() {
        let written = format!(
            "unit_minutes = 30\nweekend_holiday_extra_per_hour = 200\nurgent_extra_per_hour = 100\n\
             urgent_within_hours = 24\nsibling_percent = 50\n{BANDS_7_9_17_21}\n\
             late_cancellation = {{ from_days_before = 0, charge_minutes = 60 }}"
        );
        assert_eq!(table(&written), Ok(FeeTable::default()));
        assert_eq!(table(""), Ok(FeeTable::default()), "every key is optional");
    }

    #[test]
    fn the_table_deserializes_from_the_settings_file_and_refuses_what_it_cannot_use() {
        let ok: FeeTable = toml::from_str("sibling_percent = 30").unwrap();
        assert_eq!(ok.sibling_percent, 30);
        let err = toml::from_str::<FeeTable>("unit_minutes = 0").unwrap_err().to_string();
        assert!(err.contains("料金の単位は1〜60分です"), "{err}");
        let err = toml::from_str::<FeeTable>("unit = 30").unwrap_err().to_string();
        assert!(err.contains("unknown field"), "{err}");
    }

    #[test]
    fn invalid_tables_say_what_is_wrong() {
        let bands = |list: &str| table(&format!("bands = [{list}]"));
        let b = |from: &str, until: &str, per_hour: i64| {
            format!(r#"{{ from = "{from}", until = "{until}", per_hour = {per_hour} }},"#)
        };
        let cases = [
            (bands(""), FeeTableError::Gap("0:00".into())),
            (
                bands(
                    &[
                        b("07:00", "09:00", 800),
                        b("09:00", "21:00", 700),
                        b("21:00", "06:00", 1000),
                    ]
                    .concat(),
                ),
                FeeTableError::Gap("6:00".into()),
            ),
            (
                bands(
                    &[
                        b("07:00", "09:00", 800),
                        b("08:30", "21:00", 700),
                        b("21:00", "07:00", 1000),
                    ]
                    .concat(),
                ),
                FeeTableError::Overlap("8:30".into()),
            ),
            (
                bands(&[b("00:00", "00:00", 800), b("09:00", "17:00", 700)].concat()),
                FeeTableError::Overlap("9:00".into()),
            ),
            (
                bands(&[b("07:00", "07:00", 800), b("07:00", "07:00", 700)].concat()),
                FeeTableError::Overlap("7:00".into()),
            ),
            (bands(&b("7時", "07:00", 800)), FeeTableError::Time("7時".into())),
            (
                bands(&b("07:00", "07:00", -1)),
                FeeTableError::Negative {
                    what: "時間帯 7:00〜7:00".into(),
                    amount: -1,
                },
            ),
            (
                table("weekend_holiday_extra_per_hour = -200"),
                FeeTableError::Negative {
                    what: "土日祝加算".into(),
                    amount: -200,
                },
            ),
            (table("unit_minutes = 90"), FeeTableError::Unit(90)),
            (table("sibling_percent = 150"), FeeTableError::SiblingPercent(150)),
        ];
        for (i, (got, want)) in cases.into_iter().enumerate() {
            assert_eq!(got, Err(want), "case {i}");
        }
    }

    #[test]
    fn one_band_may_cover_the_whole_day() {
        let flat = table(r#"bands = [{ from = "00:00", until = "00:00", per_hour = 600 }]"#).unwrap();
        assert_eq!(flat.band_at(0).1.length(), DAY);
        assert_eq!(flat.band_at(1439).1.per_hour(), Yen(600));
    }

    #[test]
    fn every_minute_finds_its_band() {
        let table = FeeTable::default();
        let price = |hour: i32, minute: i32| table.band_at(hour * 60 + minute).1.per_hour().get();
        assert_eq!(
            [
                price(0, 0),
                price(6, 59),
                price(7, 0),
                price(8, 59),
                price(9, 0),
                price(16, 59)
            ],
            [1000, 1000, 800, 800, 700, 700]
        );
        assert_eq!(
            [price(17, 0), price(20, 59), price(21, 0), price(23, 59)],
            [800, 800, 1000, 1000]
        );
        assert_eq!(table.band_at(3 * 60).1.minutes_left(3 * 60), 4 * 60);
        assert_eq!(table.band_at(22 * 60).1.to_string(), "21:00〜7:00");
    }

    #[test]
    fn yen_show_thousands() {
        let shown: Vec<_> = [0, 700, 1000, 13200, 1234567].map(|y| Yen(y).to_string()).into();
        assert_eq!(shown, ["0円", "700円", "1,000円", "13,200円", "1,234,567円"]);
        assert_eq!(Yen::new(-1), None);
        assert_eq!(Yen(700).for_minutes(10), Yen(116), "116.67 rounds down");
    }
}
