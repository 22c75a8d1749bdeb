//! Distances between the city's community areas, as a coordinator's table gives them.

use super::ids::AreaId;
use std::collections::HashMap;

/// The distance assumed between two areas the table does not list. Neighbouring community areas
/// of a city are typically 1–4 km apart; a missing entry is a gap in the table, not a reason to
/// prefer or shun a supporter, so it counts as mid-range (half the distance points).
pub const UNKNOWN_KM: f64 = 5.0;

/// Kilometres between areas; symmetric; an area is 0 km from itself unless the table says more.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AreaDistances(HashMap<(AreaId, AreaId), f64>);

/// A distance as the ranking uses it: whether the table knew it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distance {
    pub km: f64,
    pub known: bool,
}

/// Why a distance cannot go into the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("距離は0以上の数（km）で入力してください。")]
pub struct DistanceError;

impl AreaDistances {
    pub fn new() -> AreaDistances {
        AreaDistances::default()
    }

    /// Records `km` between `a` and `b` (both ways); a negative or non-finite number is refused.
    pub fn insert(&mut self, a: AreaId, b: AreaId, km: f64) -> Result<(), DistanceError> {
        if !(km.is_finite() && km >= 0.0) {
            return Err(DistanceError);
        }
        self.0.insert(key(a, b), km);
        Ok(())
    }

    /// The distance between two areas, `UNKNOWN_KM` when the table has no entry.
    pub fn between(&self, a: AreaId, b: AreaId) -> Distance {
        match self.0.get(&key(a, b)) {
            Some(&km) => Distance { km, known: true },
            None if a == b => Distance { km: 0.0, known: true },
            None => Distance {
                km: UNKNOWN_KM,
                known: false,
            },
        }
    }
}

/// One key for both directions.
fn key(a: AreaId, b: AreaId) -> (AreaId, AreaId) {
    (a.min(b), a.max(b))
}
