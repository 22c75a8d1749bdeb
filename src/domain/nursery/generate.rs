//! Generated instances of any size, for tests, benchmarks and the demo: facilities on a map,
//! children near them with Mallows-style preferences around the nearest ones (so preferences
//! correlate), about 10 % of children in sibling households (every pattern, some with explicit
//! combinations) and about 5 % transfer applicants. The same seed gives the same files.

use super::rows::{ChildRow, Choice, CombinationRow, FacilityRow, Member, Tables};
use super::{Score, SiblingPattern};
use crate::domain::random::SplitMix64 as Rng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub children: usize,
    pub facilities: usize,
    pub seed: u64,
}

/// Share of applicants per age class 0–5 (in per cent): most apply for 0 and 1 歳.
const AGE_SHARE: [u32; 6] = [28, 36, 18, 10, 5, 3];
/// Places per applicant: about two children in three get a place.
const PLACES_PER_APPLICANT: f64 = 0.7;
/// Dispersion of the Mallows model around each child's nearest facilities.
const PHI: f64 = 0.55;

const NAMES: [&str; 16] = [
    "あおば",
    "さくら",
    "ひまわり",
    "すみれ",
    "たんぽぽ",
    "こばと",
    "わかば",
    "つばさ",
    "みどり",
    "ひかり",
    "そら",
    "にじいろ",
    "かしわ",
    "もみじ",
    "なのはな",
    "ほしのこ",
];

/// Three tables for `spec`.
pub fn generate(spec: Spec) -> Tables {
    let mut rng = Rng::new(spec.seed ^ 0x9E37_79B9_7F4A_7C15);
    let m = spec.facilities.max(1);
    let sites: Vec<(f64, f64)> = (0..m).map(|_| (rng.unit(), rng.unit())).collect();
    let popularity: Vec<f64> = (0..m).map(|_| rng.unit() * 0.08).collect();
    let facilities = facilities(&mut rng, m, spec.children);
    let mut tables = Tables {
        facilities,
        ..Tables::default()
    };
    let mut household_no = 0;
    let mut siblings_left = spec.children / 10;
    while tables.children.len() < spec.children {
        household_no += 1;
        let left = spec.children - tables.children.len();
        let size = if siblings_left >= 2 && left >= 2 && rng.below(21) == 0 {
            if siblings_left >= 3 && left >= 3 && rng.below(5) == 0 {
                3
            } else {
                2
            }
        } else {
            1
        };
        siblings_left = siblings_left.saturating_sub(if size > 1 { size } else { 0 });
        let home = (rng.unit(), rng.unit());
        let near = nearest(&sites, &popularity, home, 15);
        household(&mut rng, &mut tables, &near, household_no, size);
    }
    tables
}

fn facilities(rng: &mut Rng, m: usize, children: usize) -> Vec<FacilityRow> {
    let per_facility = children as f64 / m as f64 * PLACES_PER_APPLICANT;
    (0..m)
        .map(|i| {
            let mut places = [0u32; 6];
            for (age, share) in AGE_SHARE.iter().enumerate() {
                let mean = per_facility * f64::from(*share) / 100.0;
                // Within ±50 % of the mean, rounded.
                places[age] = (mean * (0.5 + rng.unit())).round() as u32;
            }
            FacilityRow {
                line: i + 2,
                code: format!("F{:04}", i + 1),
                name: format!("{}{}保育園", NAMES[i % NAMES.len()], number_suffix(i / NAMES.len())),
                places,
            }
        })
        .collect()
}

fn number_suffix(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("第{}", n + 1)
    }
}

/// Facility indexes by distance from home less a small popularity bonus, nearest first.
fn nearest(sites: &[(f64, f64)], popularity: &[f64], home: (f64, f64), count: usize) -> Vec<usize> {
    let mut by_distance: Vec<(f64, usize)> = sites
        .iter()
        .enumerate()
        .map(|(i, (x, y))| (((x - home.0).powi(2) + (y - home.1).powi(2)).sqrt() - popularity[i], i))
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    by_distance.into_iter().take(count).map(|(_, i)| i).collect()
}

/// A Mallows sample around `central` by repeated insertion, cut to `length`.
fn mallows(rng: &mut Rng, central: &[usize], length: usize) -> Vec<usize> {
    let mut ranking: Vec<usize> = Vec::with_capacity(central.len());
    for (i, &item) in central.iter().enumerate() {
        // Position j (0..=i) with weight PHI^(i - j): most items stay near their central place.
        let weights: Vec<f64> = (0..=i).map(|j| PHI.powi((i - j) as i32)).collect();
        let total: f64 = weights.iter().sum();
        let mut pick = rng.unit() * total;
        let mut at = i;
        for (j, w) in weights.iter().enumerate() {
            if pick < *w {
                at = j;
                break;
            }
            pick -= w;
        }
        ranking.insert(at, item);
    }
    ranking.truncate(length);
    ranking
}

fn household(rng: &mut Rng, tables: &mut Tables, near: &[usize], number: usize, size: usize) {
    let pattern = SiblingPattern::from_number(1 + rng.below(7) as u8);
    let base = 40 + rng.below(61) as i64; // 基準指数 + 調整指数
    let mut codes = Vec::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for k in 0..size {
        let index = tables.children.len();
        let age = age(rng);
        let length = 2 + rng.below(7) as usize;
        let mut list = mallows(rng, near, length);
        // Siblings who want one facility all rank the elder's first choice.
        if let (Some(first), true) = (lists.first().and_then(|l: &Vec<usize>| l.first()), k > 0) {
            if !list.contains(first) {
                let at = rng.below(list.len() as u64 + 1) as usize;
                list.insert(at, *first);
            }
        }
        // About 5 % are transfers, enrolled at a nearby facility they did not rank.
        let enrolled = (rng.below(14) == 0 && age > 0)
            .then(|| near.iter().copied().find(|f| !list.contains(f)))
            .flatten();
        let choices = list
            .iter()
            .enumerate()
            .map(|(n, &f)| Choice {
                rank: n as u32 + 1,
                facility: format!("F{:04}", f + 1),
                // A few points more at the facility an elder sibling already attends.
                score: Some(Score::whole(base + if size > 1 && n == 0 { 2 } else { 0 })),
            })
            .collect();
        let code = format!("C{:06}", index + 1);
        tables.children.push(ChildRow {
            line: index + 2,
            code: code.clone(),
            household: Some(format!("H{number:06}")),
            age,
            choices,
            score: None,
            enrolled: enrolled.map(|f| format!("F{:04}", f + 1)),
            pattern: if size > 1 { pattern } else { None },
        });
        codes.push(code);
        lists.push(list);
    }
    // One household in five of siblings ranks its combinations itself.
    if size > 1 && rng.below(5) == 0 {
        combinations(tables, number, &codes, &lists);
    }
}

/// Explicit options: all at each common facility, then everyone at her own first and second.
fn combinations(tables: &mut Tables, number: usize, codes: &[String], lists: &[Vec<usize>]) {
    let mut options: Vec<Vec<Option<usize>>> = Vec::new();
    for &f in &lists[0] {
        if lists.iter().all(|l| l.contains(&f)) {
            options.push(vec![Some(f); codes.len()]);
        }
    }
    for depth in 0..2 {
        options.push(lists.iter().map(|l| l.get(depth).copied()).collect());
    }
    options.push((0..codes.len()).map(|k| (k == 0).then(|| lists[0][0])).collect());
    let mut rank = 0;
    let mut seen: Vec<Vec<Option<usize>>> = Vec::new();
    for option in options {
        if seen.contains(&option) {
            continue;
        }
        seen.push(option.clone());
        rank += 1;
        tables.combinations.push(CombinationRow {
            line: tables.combinations.len() + 2,
            household: format!("H{number:06}"),
            rank,
            members: codes
                .iter()
                .zip(&option)
                .enumerate()
                .map(|(k, (code, f))| Member {
                    index: k as u32 + 1,
                    child: code.clone(),
                    facility: f.map(|f| format!("F{:04}", f + 1)),
                })
                .collect(),
        });
    }
}

fn age(rng: &mut Rng) -> u8 {
    let mut pick = rng.below(100) as u32;
    for (age, share) in AGE_SHARE.iter().enumerate() {
        if pick < *share {
            return age as u8;
        }
        pick -= share;
    }
    5
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nursery::Instance;

    #[test]
    fn the_same_seed_gives_the_same_tables_and_they_are_valid() {
        let spec = Spec {
            children: 600,
            facilities: 22,
            seed: 7,
        };
        let tables = generate(spec);
        assert_eq!(tables, generate(spec));
        assert_ne!(tables, generate(Spec { seed: 8, ..spec }));
        assert_eq!(tables.children.len(), 600);
        let in_households = {
            let mut count = std::collections::HashMap::new();
            for c in &tables.children {
                *count.entry(c.household.clone()).or_insert(0) += 1;
            }
            tables.children.iter().filter(|c| count[&c.household] > 1).count()
        };
        assert!(
            (40..=80).contains(&in_households),
            "{in_households} children in sibling households"
        );
        let transfers = tables.children.iter().filter(|c| c.enrolled.is_some()).count();
        assert!((10..=50).contains(&transfers), "{transfers} transfers");
        assert!(!tables.combinations.is_empty());
        let instance = Instance::build(&tables).unwrap();
        assert_eq!(instance.children.len(), 600);
    }
}
