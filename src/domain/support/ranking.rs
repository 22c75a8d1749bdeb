//! Ranking the supporters for one request: hard filters, then a score whose parts are explained.

use super::candidate::Candidate;
use super::distance::AreaDistances;
use super::ids::SupporterId;
use super::reason::{Exclusion, Reason};
use super::request::Request;
use super::skill::Skills;
use super::vetting::vetting_exclusion;
use std::cmp::Reverse;

/// Points per activity already done for the family: a familiar face is what parents and
/// children ask for first, and ファミリー・サポート matches aim at lasting pairs.
pub const CONTINUITY_PER_ACTIVITY: i32 = 10;
/// Activities after which continuity stops adding: past three the pair is established, and more
/// points would let one supporter take a family for good whatever her load.
pub const CONTINUITY_CAP: u32 = 3;
/// Points for a 事前打合せ already done: without it the meeting must come first, which delays the
/// activity (and a same-day request may not leave time for it). Slightly less than an
/// established pair, since the meeting is a precondition and not yet a relationship.
pub const PRE_MEETING: i32 = 25;
/// Points for a supporter with her whole month free, falling in proportion to the share of her
/// limit used: spreading activities keeps supporters (often older volunteers) from burning out
/// and gives new ones experience. Relative to her own limit, so 1 of 2 weighs like 4 of 8.
pub const LOAD: i32 = 30;
/// Points for a supporter living in the area where the activity starts, falling linearly to
/// none at `DISTANCE_HORIZON_KM`. Less than continuity and load: areas she covers are all
/// reachable (she chose them); distance only breaks near-ties towards shorter trips.
pub const DISTANCE: i32 = 20;
/// The distance at which distance points reach zero; a city's areas lie within this.
pub const DISTANCE_HORIZON_KM: f64 = 10.0;

/// A request's ranking: eligible supporters best first, the others with their reason (by id).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub eligible: Vec<Ranked>,
    pub excluded: Vec<Excluded>,
}

/// An eligible supporter with her score.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: SupporterId,
    pub activities_this_month: u32,
    pub score: Score,
}

/// A score and the parts it is the sum of.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub total: i32,
    /// Continuity, pre-meeting, load, distance, in that order.
    pub parts: [Part; 4],
}

/// One part of a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub reason: Reason,
    pub points: i32,
}

/// A supporter left out, with the first filter she did not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excluded {
    pub id: SupporterId,
    pub reason: Exclusion,
}

/// Ranks `candidates` for `request`. Eligible supporters are ordered by score (highest first),
/// then fewer activities this month, then id, so equal inputs always give the same order.
pub fn rank(request: &Request, candidates: &[Candidate], distances: &AreaDistances) -> Ranking {
    let needed = request.needed_skills();
    let mut scored = Vec::with_capacity(candidates.len());
    let mut excluded = Vec::new();
    for candidate in candidates {
        match exclusion(request, needed, candidate) {
            Some(reason) => excluded.push(Excluded {
                id: candidate.id,
                reason,
            }),
            None => scored.push(Ranked {
                id: candidate.id,
                activities_this_month: candidate.activities_this_month,
                score: score(request, candidate, distances),
            }),
        }
    }
    // Sorting small keys and then copying each entry once is several times faster than sorting
    // the entries themselves (about 120 bytes each) when thousands are eligible. The position
    // comes last so that even a repeated id keeps one order.
    let mut order: Vec<(Reverse<i32>, u32, SupporterId, usize)> = scored
        .iter()
        .enumerate()
        .map(|(i, r)| (Reverse(r.score.total), r.activities_this_month, r.id, i))
        .collect();
    order.sort_unstable();
    let eligible = order.iter().filter_map(|&(.., i)| scored.get(i).cloned()).collect();
    excluded.sort_unstable_by_key(|e| e.id);
    Ranking { eligible, excluded }
}

/// The first hard filter `candidate` fails, if any. Vetting comes first (it holds for every
/// request), then the request's own conditions, the availability last as the costliest check.
pub fn exclusion(request: &Request, needed: Skills, candidate: &Candidate) -> Option<Exclusion> {
    let slot = request.slot;
    let missing = needed.missing_from(candidate.skills);
    let last_day = slot.days().last().map_or(slot.date(), |(day, _, _)| day);
    if let Some(reason) = vetting_exclusion(candidate.active, &candidate.vetting, slot.date(), last_day) {
        Some(reason)
    } else if !request.areas().all(|area| candidate.areas.contains(&area)) {
        Some(Exclusion::OutsideArea)
    } else if !missing.is_empty() {
        Some(Exclusion::MissingSkills(missing))
    } else if candidate.activities_this_month >= candidate.monthly_limit {
        Some(Exclusion::LimitReached {
            done: candidate.activities_this_month,
            limit: candidate.monthly_limit,
        })
    } else if !candidate.availability.covers(&slot) {
        Some(Exclusion::Unavailable)
    } else {
        None
    }
}

/// The score of an eligible candidate (one under her limit, so the limit is above zero).
pub fn score(request: &Request, candidate: &Candidate, distances: &AreaDistances) -> Score {
    let times = candidate.helped_family;
    let continuity = CONTINUITY_PER_ACTIVITY * times.min(CONTINUITY_CAP) as i32;
    let pre_meeting = if candidate.met_family { PRE_MEETING } else { 0 };
    let (done, limit) = (candidate.activities_this_month, candidate.monthly_limit);
    let free = i64::from(limit.saturating_sub(done));
    let load = (i64::from(LOAD) * free / i64::from(limit.max(1))) as i32;
    let distance = distances.between(candidate.home_area, request.meeting_area());
    let nearness = (1.0 - distance.km / DISTANCE_HORIZON_KM).clamp(0.0, 1.0);
    let distance_points = (f64::from(DISTANCE) * nearness).round() as i32;
    let parts = [
        Part {
            reason: Reason::Continuity { times },
            points: continuity,
        },
        Part {
            reason: Reason::PreMeeting {
                done: candidate.met_family,
            },
            points: pre_meeting,
        },
        Part {
            reason: Reason::Load { done, limit },
            points: load,
        },
        Part {
            reason: Reason::Distance {
                km: distance.km,
                known: distance.known,
            },
            points: distance_points,
        },
    ];
    Score {
        total: parts.iter().map(|p| p.points).sum(),
        parts,
    }
}

#[cfg(test)]
mod tests;
