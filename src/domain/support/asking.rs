//! A family's request form, parsed: what kind, when (a day, a start and an end with an explicit
//! 「翌日」 for past midnight), which children, a note. What needs the database (whose children,
//! overlapping requests) is checked by `support::ask`.

use super::ids::AreaId;
use super::request::{CarePlace, Kind};
use super::slot::{Slot, SlotError};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// The longest note kept (a keitai textarea holds more; the supporter reads it on one).
pub const NOTE_MAX_CHARS: usize = 500;
/// The longest place name.
pub const PLACE_MAX_CHARS: usize = 60;
/// How far ahead a request may be made.
pub const DAYS_AHEAD: i64 = 60;

/// The form's fields as typed (strings from a Shift_JIS or UTF-8 form, already decoded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AskInput {
    /// 「pickup」 or 「care」.
    pub kind: String,
    pub from_area: String,
    pub from_place: String,
    pub to_area: String,
    pub to_place: String,
    pub by_car: bool,
    /// 「supporter_home」 or 「family_home」.
    pub care_place: String,
    /// 「2026-12-05」.
    pub day: String,
    pub start_hour: String,
    pub start_minute: String,
    pub end_hour: String,
    pub end_minute: String,
    /// The end is on the next day (翌日).
    pub next_day: bool,
    /// Child ids as sent, with 病後児 for each.
    pub children: Vec<(String, bool)>,
    pub note: String,
}

/// A request form that makes sense on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    pub kind: Kind,
    pub from_place: String,
    pub to_place: String,
    pub slot: Slot,
    /// (child id, 病後児).
    pub children: Vec<(i64, bool)>,
    pub note: String,
    /// Less than 24 hours before the start (急ぎ).
    pub urgent: bool,
}

/// Why a request form cannot be asked, as the page says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AskError {
    #[error("送迎かあずかりかを選んでください。")]
    NoKind,
    #[error("送迎の出発と行き先の地域を選んでください。")]
    NoAreas,
    #[error("送迎の出発場所と行き先（保育園、自宅など）を{PLACE_MAX_CHARS}文字以内で書いてください。")]
    NoPlaces,
    #[error("あずかる場所を選んでください。")]
    NoCarePlace,
    #[error("日付を選んでください。")]
    NoDay,
    #[error("時刻を選んでください。")]
    NoTime,
    #[error("{0} 日付をまたぐときは、終わりの「翌日」を選んでください。")]
    Slot(SlotError),
    #[error("過ぎた日時はお願いできません。これから先の日時を選んでください。")]
    Past,
    #[error("お願いできるのは{DAYS_AHEAD}日先までです。")]
    TooFar,
    #[error("お子さんを1人以上選んでください。")]
    NoChildren,
    #[error("連絡事項は{NOTE_MAX_CHARS}文字以内でお願いします。")]
    NoteTooLong,
}

impl AskInput {
    /// Parses the form as of `now` (Japan time).
    pub fn parse(&self, now: NaiveDateTime) -> Result<Asking, AskError> {
        let kind = match self.kind.as_str() {
            "pickup" => {
                let (Some(from), Some(to)) = (area(&self.from_area), area(&self.to_area)) else {
                    return Err(AskError::NoAreas);
                };
                let places = [&self.from_place, &self.to_place];
                if places
                    .iter()
                    .any(|p| p.trim().is_empty() || p.trim().chars().count() > PLACE_MAX_CHARS)
                {
                    return Err(AskError::NoPlaces);
                }
                Kind::Pickup {
                    from,
                    to,
                    by_car: self.by_car,
                }
            }
            "care" => Kind::Care {
                at: match self.care_place.as_str() {
                    "supporter_home" => CarePlace::SupporterHome,
                    "family_home" => CarePlace::FamilyHome,
                    _ => return Err(AskError::NoCarePlace),
                },
            },
            _ => return Err(AskError::NoKind),
        };
        let day = NaiveDate::parse_from_str(self.day.trim(), "%Y-%m-%d").map_err(|_| AskError::NoDay)?;
        let start = time(&self.start_hour, &self.start_minute).ok_or(AskError::NoTime)?;
        let end = time(&self.end_hour, &self.end_minute).ok_or(AskError::NoTime)?;
        let end_day = if self.next_day { day + Duration::days(1) } else { day };
        let slot = Slot::new(day.and_time(start), end_day.and_time(end)).map_err(AskError::Slot)?;
        if slot.start() <= now {
            return Err(AskError::Past);
        }
        if slot.date() > now.date() + Duration::days(DAYS_AHEAD) {
            return Err(AskError::TooFar);
        }
        let mut children: Vec<(i64, bool)> = Vec::new();
        for (id, ill) in &self.children {
            // A forged, non-numeric id names no child of hers: the database check refuses it.
            let id = id.trim().parse().unwrap_or(-1);
            if !children.iter().any(|(c, _)| *c == id) {
                children.push((id, *ill));
            }
        }
        if children.is_empty() {
            return Err(AskError::NoChildren);
        }
        let note = self.note.trim().to_string();
        if note.chars().count() > NOTE_MAX_CHARS {
            return Err(AskError::NoteTooLong);
        }
        let (from_place, to_place) = match kind {
            Kind::Pickup { .. } => (self.from_place.trim().to_string(), self.to_place.trim().to_string()),
            Kind::Care { .. } => (String::new(), String::new()),
        };
        Ok(Asking {
            kind,
            from_place,
            to_place,
            slot,
            children,
            note,
            urgent: is_urgent(slot, now),
        })
    }
}

/// Asked less than 24 hours before the start.
pub fn is_urgent(slot: Slot, now: NaiveDateTime) -> bool {
    slot.start() - now < Duration::hours(24)
}

/// Two slots share a minute.
pub fn overlaps(a: Slot, b: Slot) -> bool {
    a.start() < b.end() && b.start() < a.end()
}

fn area(text: &str) -> Option<AreaId> {
    text.trim().parse().ok().filter(|id| *id > 0).map(AreaId)
}

fn time(hour: &str, minute: &str) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(hour.trim().parse().ok()?, minute.trim().parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn care(day: &str, start: (&str, &str), end: (&str, &str), next_day: bool) -> AskInput {
        AskInput {
            kind: "care".into(),
            care_place: "family_home".into(),
            day: day.into(),
            start_hour: start.0.into(),
            start_minute: start.1.into(),
            end_hour: end.0.into(),
            end_minute: end.1.into(),
            next_day,
            children: vec![("7".into(), false)],
            ..AskInput::default()
        }
    }

    #[test]
    fn forms_parse_or_say_what_is_wrong() {
        let cases = [
            (care("2026-12-04", ("17", "00"), ("19", "00"), false), Ok(true)),
            (care("2026-12-05", ("09", "00"), ("12", "00"), false), Ok(true)),
            (care("2026-12-05", ("10", "00"), ("12", "00"), false), Ok(false)),
            (care("2026-12-06", ("22", "00"), ("01", "00"), true), Ok(false)),
            (
                care("2026-12-06", ("22", "00"), ("01", "00"), false),
                Err(AskError::Slot(SlotError::EndsBeforeStart)),
            ),
            (
                care("2026-12-04", ("09", "00"), ("12", "00"), false),
                Err(AskError::Past),
            ),
            (
                care("2027-03-01", ("09", "00"), ("12", "00"), false),
                Err(AskError::TooFar),
            ),
            (care("", ("09", "00"), ("12", "00"), false), Err(AskError::NoDay)),
            (
                care("2026-12-05", ("", "00"), ("12", "00"), false),
                Err(AskError::NoTime),
            ),
            (
                AskInput {
                    children: vec![],
                    ..care("2026-12-05", ("09", "00"), ("12", "00"), false)
                },
                Err(AskError::NoChildren),
            ),
            (
                AskInput {
                    kind: "pickup".into(),
                    from_area: "1".into(),
                    to_area: "2".into(),
                    ..care("2026-12-05", ("09", "00"), ("12", "00"), false)
                },
                Err(AskError::NoPlaces),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(input.parse(now()).map(|a| a.urgent), expected, "{input:?}");
        }
    }

    #[test]
    fn the_message_for_an_end_before_the_start_points_at_the_next_day_choice() {
        let error = care("2026-12-06", ("22", "00"), ("01", "00"), false)
            .parse(now())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "終わりの時刻が始まりより前です。 日付をまたぐときは、終わりの「翌日」を選んでください。"
        );
    }
}
