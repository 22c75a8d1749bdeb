//! A checker that does not trust the matcher: from the instance and the seats alone, it counts
//! blocking coalitions, over-full cells and units left on no option they listed.
//!
//! The definition (docs/nursery.md): a unit blocks with an option ranked above the one it got
//! (or with any option, if it got none) when at every facility of that option its newly admitted
//! children of each age, plus its own children staying there, plus the children of other units
//! there who rank above its worst newly admitted child at that facility, fit the places of that
//! age. Places are the open places plus the seats of the transfer applicants enrolled there.
//! Nothing here calls the matcher.

use super::instance::{Instance, AGES};
use super::outcome::Seat;
use serde::{Deserialize, Serialize};

/// How many coalitions are listed by name; the count is always complete.
const LISTED: usize = 50;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub blocking: usize,
    /// Units with at least one blocking coalition.
    pub blocking_units: usize,
    /// (facility, age) cells holding more children than places.
    pub over_capacity: usize,
    /// Units whose children sit in a way none of their options says (should be 0).
    pub off_list: usize,
    /// The first coalitions found: (unit, option index).
    pub coalitions: Vec<(u32, u32)>,
}

impl Check {
    pub fn is_clean(&self) -> bool {
        self.blocking == 0 && self.over_capacity == 0 && self.off_list == 0
    }
}

/// Checks `seats` (one per child, in file order) against `instance`.
pub fn check(instance: &Instance, seats: &[Seat]) -> Check {
    let mut result = Check::default();
    let seating = Seating::new(instance, seats);
    result.over_capacity = seating
        .sitting
        .iter()
        .zip(&seating.places)
        .filter(|(children, &places)| children.len() > places as usize)
        .count();
    for (u, unit) in instance.units.iter().enumerate() {
        let Some(got) = option_taken(instance, u, seats) else {
            result.off_list += 1;
            continue;
        };
        let mut blocked = false;
        for (index, option) in unit.options.iter().enumerate().take(got) {
            let placements: Vec<(u32, u32)> = option.placements.iter().map(|p| (p.child, p.facility)).collect();
            if seating.refusal(instance, u as u32, &placements).is_none() {
                result.blocking += 1;
                blocked = true;
                if result.coalitions.len() < LISTED {
                    result.coalitions.push((u as u32, index as u32));
                }
            }
        }
        result.blocking_units += usize::from(blocked);
    }
    result
}

/// The index of the option the unit's seats match (its option count when nobody is placed and
/// no option says so), or `None` when they match nothing it listed.
pub(crate) fn option_taken(instance: &Instance, unit: usize, seats: &[Seat]) -> Option<usize> {
    let unit = &instance.units[unit];
    let here: Vec<Option<u32>> = unit.children.iter().map(|&c| seats[c as usize].facility()).collect();
    for (index, option) in unit.options.iter().enumerate() {
        let matches = unit
            .children
            .iter()
            .zip(&here)
            .all(|(&child, &at)| option.placements.iter().find(|p| p.child == child).map(|p| p.facility) == at);
        if matches {
            return Some(index);
        }
    }
    here.iter().all(Option::is_none).then_some(unit.options.len())
}

/// The children in each (facility, age) cell and its places.
pub(crate) struct Seating {
    /// 募集人数 plus one per transfer applicant enrolled there: her seat while she stays, free
    /// when she moves.
    pub(crate) places: Vec<u32>,
    pub(crate) sitting: Vec<Vec<u32>>,
}

/// The cell that would not take a unit's children, and what decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) facility: u32,
    pub(crate) age: u8,
    /// The unit's worst newly admitted child at that facility.
    pub(crate) worst: u32,
}

impl Seating {
    pub(crate) fn new(instance: &Instance, seats: &[Seat]) -> Seating {
        let mut places = vec![0u32; instance.facilities.len() * AGES];
        for (f, facility) in instance.facilities.iter().enumerate() {
            for age in 0..AGES {
                places[f * AGES + age] = facility.places[age];
            }
        }
        for child in &instance.children {
            if let Some(f) = child.enrolled {
                places[f as usize * AGES + usize::from(child.age)] += 1;
            }
        }
        let mut sitting: Vec<Vec<u32>> = vec![Vec::new(); places.len()];
        for (child, seat) in seats.iter().enumerate() {
            if let Some(facility) = seat.facility() {
                let age = usize::from(instance.children[child].age);
                sitting[facility as usize * AGES + age].push(child as u32);
            }
        }
        Seating { places, sitting }
    }

    /// The first cell of the placements (child, facility) that would not take the unit's
    /// children, or `None` when every facility would.
    pub(crate) fn refusal(&self, instance: &Instance, unit: u32, placements: &[(u32, u32)]) -> Option<Refusal> {
        let staying = |child: u32, facility: u32| instance.children[child as usize].enrolled == Some(facility);
        let mut facilities: Vec<u32> = placements
            .iter()
            .filter(|&&(c, f)| !staying(c, f))
            .map(|&(_, f)| f)
            .collect();
        facilities.sort_unstable();
        facilities.dedup();
        for facility in facilities {
            let (worst_priority, worst) = placements
                .iter()
                .filter(|&&(c, f)| f == facility && !staying(c, f))
                .map(|&(c, f)| (instance.priority(c, f).unwrap_or(0), c))
                .min()?;
            for age in 0..AGES as u8 {
                let mine = placements
                    .iter()
                    .filter(|&&(c, f)| f == facility && instance.children[c as usize].age == age)
                    .count();
                if mine == 0 {
                    continue;
                }
                let cell = facility as usize * AGES + usize::from(age);
                let above = self.sitting[cell]
                    .iter()
                    .filter(|&&c| instance.children[c as usize].unit != unit)
                    .filter(|&&c| instance.priority(c, facility).is_some_and(|p| p > worst_priority))
                    .count();
                if above + mine > self.places[cell] as usize {
                    return Some(Refusal { facility, age, worst });
                }
            }
        }
        None
    }
}
