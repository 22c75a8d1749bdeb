//! Where a child is today by the gate passes: arrived (登校), left (下校) or still at school.
//!
//! Only a gate pass's direction counts: a dismissal read is never an arrival, even for a child
//! the gate missed in the morning.

use crate::db::models::watch::pass::{Pass, PassDirection};
use chrono::NaiveDateTime;

/// What the board says of a child today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whereabouts {
    /// No gate pass today.
    NoRecord,
    /// The newest gate pass is an arrival: まだ校内.
    AtSchool,
    /// The newest gate pass is a departure: 下校.
    Left,
}

/// A child's day at the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presence {
    /// The first arrival today, if any.
    pub arrived: Option<NaiveDateTime>,
    /// The departure that ended the day so far (only while the child is out).
    pub left: Option<NaiveDateTime>,
    pub whereabouts: Whereabouts,
}

impl Presence {
    /// Builds a child's presence from today's gate passes of that child, in any order.
    /// Passes without a direction (waypoints) are ignored.
    pub fn of<'a>(passes: impl IntoIterator<Item = &'a Pass>) -> Presence {
        let mut arrived: Option<NaiveDateTime> = None;
        let mut newest: Option<(NaiveDateTime, PassDirection)> = None;
        for pass in passes {
            let Some(direction) = pass.direction() else { continue };
            let at = pass.first_read_at;
            if direction == PassDirection::Arrival {
                arrived = Some(arrived.map_or(at, |a| a.min(at)));
            }
            if newest.is_none_or(|(t, _)| at >= t) {
                newest = Some((at, direction));
            }
        }
        let (whereabouts, left) = match newest {
            None => (Whereabouts::NoRecord, None),
            Some((_, PassDirection::Arrival)) => (Whereabouts::AtSchool, None),
            Some((at, PassDirection::Departure)) => (Whereabouts::Left, Some(at)),
        };
        Presence {
            arrived,
            left,
            whereabouts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Presence, Whereabouts};
    use crate::db::models::watch::pass::{Pass, PassDirection};
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap_or_default()
    }

    fn pass(hour: u32, minute: u32, direction: Option<PassDirection>) -> Pass {
        Pass::sample(1, 1, at(hour, minute), direction)
    }

    #[test]
    fn a_dismissal_read_is_not_an_arrival() {
        let presence = Presence::of(&[pass(13, 2, Some(PassDirection::Departure))]);
        assert_eq!(presence.arrived, None);
        assert_eq!(presence.left, Some(at(13, 2)));
        assert_eq!(presence.whereabouts, Whereabouts::Left);
    }

    #[test]
    fn a_child_who_arrived_and_has_not_left_is_at_school() {
        let passes = [pass(0, 1, Some(PassDirection::Arrival)), pass(0, 3, None)];
        let presence = Presence::of(&passes);
        assert_eq!((presence.arrived, presence.left), (Some(at(0, 1)), None));
        assert_eq!(presence.whereabouts, Whereabouts::AtSchool);
    }

    #[test]
    fn a_child_who_left_and_came_back_is_at_school_again() {
        let passes = [
            pass(3, 0, Some(PassDirection::Departure)),
            pass(0, 1, Some(PassDirection::Arrival)),
            pass(4, 0, Some(PassDirection::Arrival)),
        ];
        let presence = Presence::of(&passes);
        assert_eq!((presence.arrived, presence.left), (Some(at(0, 1)), None));
        assert_eq!(presence.whereabouts, Whereabouts::AtSchool);
    }

    #[test]
    fn no_gate_pass_is_no_record() {
        let presence = Presence::of(&[pass(0, 1, None)]);
        assert_eq!(presence.whereabouts, Whereabouts::NoRecord);
        assert_eq!((presence.arrived, presence.left), (None, None));
    }
}
