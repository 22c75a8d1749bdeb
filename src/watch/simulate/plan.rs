//! Who passes which reader when: a morning rush (登校) or a dismissal (下校), as offsets from the
//! start of the run.
//!
//! Each child with a tag passes one of its school's gates once. In the morning some children
//! first pass a waypoint on the way (a crossing, 児童館); at dismissal some pass one after the
//! gate (学童クラブ). Times follow a peaked curve over the span, drawn from a seeded generator so
//! that a run can be repeated.

use super::participants::{Participants, SchoolParticipants};
use crate::domain::random::SplitMix64;
use crate::watch::batch::Direction;
use std::str::FromStr;
use std::time::Duration;

/// Percentage of children who pass a waypoint too, when their school has any.
pub const WAYPOINT_PERCENT: u64 = 30;

/// What is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// 登校: arrivals at the gates (`"in"`), some after a waypoint.
    Morning,
    /// 下校: departures at the gates (`"out"`), some on to a waypoint.
    Dismissal,
}

impl Scenario {
    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::Morning => "morning",
            Scenario::Dismissal => "dismissal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scenario::Morning => "登校",
            Scenario::Dismissal => "下校",
        }
    }
}

impl FromStr for Scenario {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "morning" => Ok(Scenario::Morning),
            "dismissal" => Ok(Scenario::Dismissal),
            _ => Err(format!(
                "「{text}」: morning か dismissal を指定してください (expected morning or dismissal)"
            )),
        }
    }
}

/// One tag read to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRead {
    pub reader_id: i64,
    pub tag: String,
    /// When, after the start of the run, the tag is read.
    pub at: Duration,
    /// `in`/`out` at a gate; none at a waypoint.
    pub direction: Option<Direction>,
}

/// Every read of the run, in time order (at equal times, a child's earlier stop first).
pub fn plan(participants: &Participants, scenario: Scenario, span: Duration, seed: u64) -> Vec<PlannedRead> {
    let mut rng = SplitMix64::new(seed);
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for school in &participants.schools {
        plan_school(school, scenario, span, &mut rng, &mut first, &mut second);
    }
    first.append(&mut second);
    // Stable: reads planned for the same instant keep the order of a child's route.
    first.sort_by_key(|r| r.at);
    first
}

/// Adds a school's reads: `first` gets each child's first stop, `second` the one after it.
fn plan_school(
    school: &SchoolParticipants,
    scenario: Scenario,
    span: Duration,
    rng: &mut SplitMix64,
    first: &mut Vec<PlannedRead>,
    second: &mut Vec<PlannedRead>,
) {
    if school.gates.is_empty() {
        return;
    }
    for tag in &school.tags {
        let gate = &school.gates[rng.below(school.gates.len() as u64) as usize];
        let peak = (rng.unit() + rng.unit()) / 2.0;
        let walk = span.mul_f64(0.05 + 0.15 * rng.unit());
        let waypoint = (!school.waypoints.is_empty() && rng.below(100) < WAYPOINT_PERCENT)
            .then(|| &school.waypoints[rng.below(school.waypoints.len() as u64) as usize]);
        let read = |reader_id: i64, at: Duration, direction: Option<Direction>| PlannedRead {
            reader_id,
            tag: tag.clone(),
            at: at.min(span),
            direction,
        };
        match scenario {
            Scenario::Morning => {
                let at = span.mul_f64(peak);
                let gate_read = read(gate.id, at, Some(Direction::In));
                match waypoint {
                    Some(w) => {
                        first.push(read(w.id, at.saturating_sub(walk), None));
                        second.push(gate_read);
                    }
                    None => first.push(gate_read),
                }
            }
            Scenario::Dismissal => {
                // Classes end in waves over the first 60 % of the span; the way on takes the rest.
                let at = span.mul_f64(0.6 * peak);
                first.push(read(gate.id, at, Some(Direction::Out)));
                if let Some(w) = waypoint {
                    second.push(read(w.id, at + walk, None));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
