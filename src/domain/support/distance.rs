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
#[error("距離は0〜100の数（km）で入力してください（例 2.5）。")]
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

/// The most a coordinator may enter: farther than any two areas of a city.
pub const MAX_KM: f64 = 100.0;

/// Kilometres as typed on a form: 「2.5」, 「２．５」, 「2,5」; 0 to `MAX_KM`.
pub fn parse_km(text: &str) -> Result<f64, DistanceError> {
    let half: String = text
        .trim()
        .trim_end_matches(['k', 'm', 'K', 'M', 'ｋ', 'ｍ'])
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | ',' | '，' => '.',
            other => other,
        })
        .collect();
    match half.trim().parse::<f64>() {
        Ok(km) if km.is_finite() && (0.0..=MAX_KM).contains(&km) => Ok(km),
        _ => Err(DistanceError),
    }
}

/// One key for both directions.
fn key(a: AreaId, b: AreaId) -> (AreaId, AreaId) {
    (a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilometres_as_people_type_them() {
        let cases = [
            ("2.5", Ok(2.5)),
            ("２．５", Ok(2.5)),
            ("2,5", Ok(2.5)),
            (" 3km", Ok(3.0)),
            ("0", Ok(0.0)),
            ("100", Ok(100.0)),
            ("100.1", Err(DistanceError)),
            ("-1", Err(DistanceError)),
            ("", Err(DistanceError)),
            ("とおい", Err(DistanceError)),
            ("NaN", Err(DistanceError)),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_km(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn a_pair_reads_the_same_both_ways_and_a_missing_one_is_mid_range() {
        let mut table = AreaDistances::new();
        table.insert(AreaId(2), AreaId(1), 3.5).unwrap();
        assert_eq!(table.between(AreaId(1), AreaId(2)), Distance { km: 3.5, known: true });
        assert_eq!(
            table.between(AreaId(1), AreaId(3)),
            Distance {
                km: UNKNOWN_KM,
                known: false
            }
        );
        assert_eq!(table.between(AreaId(3), AreaId(3)), Distance { km: 0.0, known: true });
        assert!(table.insert(AreaId(1), AreaId(2), -1.0).is_err());
    }
}
