//! A family's request as the ranking reads it, and the skills it needs.

use super::ids::{AreaId, FamilyId};
use super::skill::{Skill, Skills};
use super::slot::Slot;
use chrono::{Months, NaiveDate};

/// What kind of help is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 送迎: taking the children from one area to another (保育園 → 自宅), by car when asked.
    Pickup { from: AreaId, to: AreaId, by_car: bool },
    /// あずかり: looking after the children at a home.
    Care { at: CarePlace },
}

/// Where あずかり takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarePlace {
    SupporterHome,
    FamilyHome,
}

/// A child of the request, as far as the ranking needs her (no name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Child {
    pub birth_date: NaiveDate,
    /// 病後児: recovering from an illness on the day.
    pub after_illness: bool,
}

/// A request to rank supporters for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub family: FamilyId,
    /// The family's area, where あずかり at her home takes place.
    pub area: AreaId,
    pub slot: Slot,
    pub kind: Kind,
    pub children: Vec<Child>,
}

impl Request {
    /// The skills a supporter needs: 乳児可 for a child under one year on the slot's first day,
    /// 病後児可 for a child after an illness, きょうだい同時可 for two or more children, and the car
    /// for a 送迎 by car.
    pub fn needed_skills(&self) -> Skills {
        let day = self.slot.date();
        let infant = self.children.iter().any(|c| is_infant(c.birth_date, day));
        let after_illness = self.children.iter().any(|c| c.after_illness);
        let by_car = matches!(self.kind, Kind::Pickup { by_car: true, .. });
        [
            (infant, Skill::Infant),
            (after_illness, Skill::AfterIllness),
            (by_car, Skill::Car),
            (self.children.len() >= 2, Skill::Siblings),
        ]
        .into_iter()
        .filter_map(|(needed, skill)| needed.then_some(skill))
        .collect()
    }

    /// Every area the activity takes place in: the family's, and both ends of a 送迎 (a supporter
    /// who does not cover the other end would be sent where she has not said she goes).
    pub fn areas(&self) -> impl Iterator<Item = AreaId> {
        let ends = match self.kind {
            Kind::Pickup { from, to, .. } => [Some(from), Some(to)],
            Kind::Care { .. } => [None, None],
        };
        std::iter::once(self.area).chain(ends.into_iter().flatten())
    }

    /// Where the supporter starts the activity from her home: the pick-up point of a 送迎, the
    /// family's area otherwise (at her own home the family travels the same distance to her).
    pub fn meeting_area(&self) -> AreaId {
        match self.kind {
            Kind::Pickup { from, .. } => from,
            Kind::Care { .. } => self.area,
        }
    }
}

/// Under one year old on `day` (born less than twelve months before it).
fn is_infant(birth_date: NaiveDate, day: NaiveDate) -> bool {
    birth_date
        .checked_add_months(Months::new(12))
        .is_some_and(|first_birthday| day < first_birthday)
}
