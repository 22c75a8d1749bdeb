//! The checked instance: integer ids, flat arrays, every household's options ranked.
//!
//! Children are numbered in file order (the row order breaks ties in score), facilities in file
//! order. Each *unit* applies as one: a single child, or a sibling household with its ranked
//! options. A transfer applicant (在籍保育所ID) keeps her place unless she moves: her current
//! facility is her last option, where she outranks everyone.

use super::expand::expand;
use super::invalid::{InputError, InputFile, Problem};
use super::rows::{ChildRow, Tables};
use super::score::{priority, ENROLLED};
use super::{Score, SiblingPattern};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Age classes 0–5.
pub const AGES: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    pub code: String,
    pub name: String,
    /// 募集人数 per age: the open places, not counting children enrolled there now.
    pub places: [u32; AGES],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    pub code: String,
    pub line: usize,
    pub age: u8,
    pub household: Option<String>,
    /// Preferences, best first; for a transfer applicant, only those above her current facility.
    pub prefs: Vec<Pref>,
    /// One score for every facility (the file's single 点数 column).
    pub score: Option<Score>,
    pub enrolled: Option<u32>,
    /// The unit she applies in.
    pub unit: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pref {
    pub facility: u32,
    pub score: Score,
}

/// A child at a facility in one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Placement {
    pub child: u32,
    pub facility: u32,
}

/// One option of a unit: where each of its children goes. A child not named is not placed; a
/// transfer applicant not moving is named at her current facility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOption {
    pub placements: Vec<Placement>,
}

/// How a unit's options came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    Single,
    Siblings(SiblingPattern),
    /// Ranked in the combinations file.
    Combinations,
}

/// Children applying as one, with their options best first. Getting none of them means no child
/// of the unit is placed (a unit with a transfer applicant always has her staying as its last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    /// Elder first.
    pub children: Vec<u32>,
    pub options: Vec<UnitOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    pub facilities: Vec<Facility>,
    pub children: Vec<Child>,
    pub units: Vec<Unit>,
}

impl Instance {
    /// The child's score at a facility: her score for that preference, or her one score.
    pub fn score_at(&self, child: u32, facility: u32) -> Option<Score> {
        let child = &self.children[child as usize];
        child
            .prefs
            .iter()
            .find(|p| p.facility == facility)
            .map(|p| p.score)
            .or(child.score)
    }

    /// How `facility` ranks `child` (higher first); `None` if she has no score there.
    pub fn priority(&self, child: u32, facility: u32) -> Option<u64> {
        if self.children[child as usize].enrolled == Some(facility) {
            return Some(ENROLLED);
        }
        self.score_at(child, facility).map(|score| priority(score, child))
    }

    /// Checks the rows together and builds the instance, or lists every problem.
    pub fn build(tables: &Tables) -> Result<Instance, Vec<InputError>> {
        let mut errors = Vec::new();
        let facilities = facilities(tables, &mut errors);
        let by_code: HashMap<&str, u32> = facilities
            .iter()
            .enumerate()
            .map(|(i, f)| (f.code.as_str(), i as u32))
            .collect();
        let mut children = children(&tables.children, &by_code, &mut errors);
        let units = units(tables, &by_code, &mut children, &mut errors);
        if errors.is_empty() {
            Ok(Instance {
                facilities,
                children,
                units,
            })
        } else {
            errors.sort_by_key(|a| (a.file, a.line));
            Err(errors)
        }
    }
}

fn facilities(tables: &Tables, errors: &mut Vec<InputError>) -> Vec<Facility> {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let mut out = Vec::with_capacity(tables.facilities.len());
    for row in &tables.facilities {
        if seen.insert(&row.code, ()).is_some() {
            errors.push(InputError::new(
                InputFile::Facilities,
                row.line,
                Some("保育所ID"),
                Problem::DuplicateFacility(row.code.clone()),
            ));
            continue;
        }
        out.push(Facility {
            code: row.code.clone(),
            name: if row.name.is_empty() {
                row.code.clone()
            } else {
                row.name.clone()
            },
            places: row.places,
        });
    }
    out
}

fn children(rows: &[ChildRow], by_code: &HashMap<&str, u32>, errors: &mut Vec<InputError>) -> Vec<Child> {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let error = |column: &str, problem| InputError::new(InputFile::Children, row.line, Some(column), problem);
        if seen.insert(&row.code, ()).is_some() {
            errors.push(error("申請者番号", Problem::DuplicateChild(row.code.clone())));
        }
        let enrolled = match &row.enrolled {
            None => None,
            Some(code) => match by_code.get(code.as_str()) {
                Some(&id) => Some(id),
                None => {
                    errors.push(error("在籍保育所ID", Problem::UnknownEnrolled(code.clone())));
                    None
                }
            },
        };
        let mut prefs: Vec<Pref> = Vec::new();
        let mut ranked: Vec<u32> = Vec::new();
        let mut past_current = false;
        for choice in &row.choices {
            let column = format!("希望保育園ID_{}", choice.rank);
            let Some(&facility) = by_code.get(choice.facility.as_str()) else {
                errors.push(error(&column, Problem::UnknownFacility(choice.facility.clone())));
                continue;
            };
            if ranked.contains(&facility) {
                errors.push(error(&column, Problem::RepeatedPreference(choice.facility.clone())));
                continue;
            }
            ranked.push(facility);
            let Some(score) = choice.score.or(row.score) else {
                errors.push(error(&format!("点数{}", choice.rank), Problem::MissingScore));
                continue;
            };
            // Ranking her own facility means she would rather stay than take anything below it.
            past_current |= enrolled == Some(facility);
            if !past_current {
                prefs.push(Pref { facility, score });
            }
        }
        out.push(Child {
            code: row.code.clone(),
            line: row.line,
            age: row.age,
            household: row.household.clone(),
            prefs,
            score: row.score,
            enrolled,
            unit: 0,
        });
    }
    out
}

/// Singles, then households in order of their first row; sets each child's unit.
fn units(
    tables: &Tables,
    by_code: &HashMap<&str, u32>,
    children: &mut [Child],
    errors: &mut Vec<InputError>,
) -> Vec<Unit> {
    let mut households: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, child) in tables.children.iter().enumerate() {
        if let Some(household) = &child.household {
            let first = *first_of.entry(household.as_str()).or_insert(i);
            households.entry(first).or_default().push(i as u32);
        }
    }
    let combinations = combinations(tables, by_code, children, &first_of, &households, errors);
    let mut units = Vec::new();
    for (i, row) in tables.children.iter().enumerate() {
        let members = match &row.household {
            None => vec![i as u32],
            Some(household) if first_of.get(household.as_str()) != Some(&i) => continue,
            Some(_) => households.get(&i).cloned().unwrap_or_default(),
        };
        let mut members = members;
        // Elder first, then file order.
        members.sort_by_key(|&c| (std::cmp::Reverse(children[c as usize].age), c));
        let unit = if let Some(options) = combinations.get(&i) {
            combined_unit(members, options, children)
        } else if members.len() == 1 {
            single(members[0], children)
        } else {
            match household_pattern(&members, tables, errors) {
                Some(pattern) => sibling_unit(pattern, members, children, &tables.children, errors),
                None => continue,
            }
        };
        let id = units.len() as u32;
        for &c in &unit.children {
            children[c as usize].unit = id;
        }
        units.push(unit);
    }
    units
}

fn single(child: u32, children: &[Child]) -> Unit {
    let c = &children[child as usize];
    let mut options: Vec<UnitOption> = c
        .prefs
        .iter()
        .map(|p| UnitOption {
            placements: vec![Placement {
                child,
                facility: p.facility,
            }],
        })
        .collect();
    if let Some(facility) = c.enrolled {
        options.push(UnitOption {
            placements: vec![Placement { child, facility }],
        });
    }
    Unit {
        kind: UnitKind::Single,
        children: vec![child],
        options,
    }
}

/// The one pattern of a household, or an error on its first row.
fn household_pattern(members: &[u32], tables: &Tables, errors: &mut Vec<InputError>) -> Option<SiblingPattern> {
    let rows: Vec<&ChildRow> = members.iter().map(|&c| &tables.children[c as usize]).collect();
    let first_line = rows.iter().map(|r| r.line).min().unwrap_or(0);
    let patterns: Vec<SiblingPattern> = rows.iter().filter_map(|r| r.pattern).collect();
    let error = |problem| InputError::new(InputFile::Children, first_line, Some("きょうだいパターン"), problem);
    match patterns.first() {
        None => {
            errors.push(error(Problem::MissingPattern(members.len())));
            None
        }
        Some(&pattern) if patterns.iter().any(|p| *p != pattern) => {
            errors.push(error(Problem::PatternDiffers));
            None
        }
        Some(&pattern) => Some(pattern),
    }
}

fn sibling_unit(
    pattern: SiblingPattern,
    members: Vec<u32>,
    children: &[Child],
    rows: &[ChildRow],
    errors: &mut Vec<InputError>,
) -> Unit {
    let facilities: Vec<Vec<u32>> = members
        .iter()
        .map(|&c| children[c as usize].prefs.iter().map(|p| p.facility).collect())
        .collect();
    if pattern.one_facility() {
        let common = facilities[0]
            .iter()
            .any(|f| facilities.iter().all(|own| own.contains(f)));
        if !common {
            let line = members.iter().map(|&c| rows[c as usize].line).min().unwrap_or(0);
            errors.push(InputError::new(
                InputFile::Children,
                line,
                Some("きょうだいパターン"),
                Problem::NoCommonFacility(pattern),
            ));
        }
    }
    let lists: Vec<&[u32]> = facilities.iter().map(Vec::as_slice).collect();
    let choices: Vec<Vec<Option<u32>>> = expand(pattern, &lists);
    let options = with_stays(&members, choices, children);
    Unit {
        kind: UnitKind::Siblings(pattern),
        children: members,
        options,
    }
}

/// Options as facilities per child (elder first) → placements; a transfer applicant not admitted
/// elsewhere stays; her all-staying option closes the list; repeats are dropped.
fn with_stays(members: &[u32], choices: Vec<Vec<Option<u32>>>, children: &[Child]) -> Vec<UnitOption> {
    let stay = |c: u32| {
        children[c as usize]
            .enrolled
            .map(|facility| Placement { child: c, facility })
    };
    let mut options: Vec<UnitOption> = Vec::new();
    let last: Vec<Option<u32>> = vec![None; members.len()];
    for choice in choices.into_iter().chain(std::iter::once(last)) {
        // Nobody admitted: the children below are worth less than nothing.
        let nobody = choice.iter().all(Option::is_none);
        let placements: Vec<Placement> = members
            .iter()
            .zip(&choice)
            .filter_map(|(&child, facility)| match facility {
                Some(facility) => Some(Placement {
                    child,
                    facility: *facility,
                }),
                None => stay(child),
            })
            .collect();
        if !placements.is_empty() && !options.iter().any(|o| o.placements == placements) {
            options.push(UnitOption { placements });
        }
        if nobody {
            break;
        }
    }
    options
}

fn combined_unit(members: Vec<u32>, options: &[Vec<Option<u32>>], children: &[Child]) -> Unit {
    let options = with_stays(&members, options.to_vec(), children);
    Unit {
        kind: UnitKind::Combinations,
        children: members,
        options,
    }
}

/// One row of the combinations file: its rank, its line, facilities per member elder first.
type RankedOption = (u32, usize, Vec<Option<u32>>);

/// The combinations file: per household (by its first child's row), options as facilities per
/// member elder first, in rank order.
fn combinations(
    tables: &Tables,
    by_code: &HashMap<&str, u32>,
    children: &[Child],
    first_of: &HashMap<&str, usize>,
    households: &BTreeMap<usize, Vec<u32>>,
    errors: &mut Vec<InputError>,
) -> BTreeMap<usize, Vec<Vec<Option<u32>>>> {
    let child_by_code: HashMap<&str, u32> = children
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i as u32))
        .collect();
    let mut ranked: BTreeMap<usize, Vec<RankedOption>> = BTreeMap::new();
    for row in &tables.combinations {
        let error =
            |column: String, problem| InputError::new(InputFile::Combinations, row.line, Some(&column), problem);
        let Some(&first) = first_of.get(row.household.as_str()) else {
            errors.push(error(
                "ファミリーコード".into(),
                Problem::UnknownHousehold(row.household.clone()),
            ));
            continue;
        };
        let mut members = households.get(&first).cloned().unwrap_or_default();
        members.sort_by_key(|&c| (std::cmp::Reverse(children[c as usize].age), c));
        let mut option: Vec<Option<u32>> = vec![None; members.len()];
        let mut named: Vec<u32> = Vec::new();
        let mut ok = true;
        for member in &row.members {
            let Some(&child) = child_by_code.get(member.child.as_str()) else {
                errors.push(error(
                    format!("宛名コード{}", member.index),
                    Problem::UnknownChild(member.child.clone()),
                ));
                ok = false;
                continue;
            };
            let Some(slot) = members.iter().position(|&c| c == child) else {
                errors.push(error(
                    format!("宛名コード{}", member.index),
                    Problem::NotInHousehold(member.child.clone()),
                ));
                ok = false;
                continue;
            };
            if named.contains(&child) {
                errors.push(error(
                    format!("宛名コード{}", member.index),
                    Problem::ChildTwice(member.child.clone()),
                ));
                ok = false;
                continue;
            }
            named.push(child);
            let Some(code) = &member.facility else {
                continue;
            };
            let Some(&facility) = by_code.get(code.as_str()) else {
                errors.push(error(
                    format!("希望施設{}", member.index),
                    Problem::UnknownFacility(code.clone()),
                ));
                ok = false;
                continue;
            };
            let c = &children[child as usize];
            if c.enrolled == Some(facility) {
                continue; // staying is not being admitted
            }
            let has_score = c.prefs.iter().any(|p| p.facility == facility) || c.score.is_some();
            if !has_score {
                errors.push(error(
                    format!("希望施設{}", member.index),
                    Problem::NoScoreAt(member.child.clone(), code.clone()),
                ));
                ok = false;
                continue;
            }
            option[slot] = Some(facility);
        }
        let options = ranked.entry(first).or_default();
        if options.iter().any(|(rank, _, _)| *rank == row.rank) {
            errors.push(error("総当たり順位".into(), Problem::DuplicateRank(row.rank)));
            continue;
        }
        if ok {
            options.push((row.rank, row.line, option));
        }
    }
    ranked
        .into_iter()
        .map(|(first, mut options)| {
            options.sort_by_key(|(rank, line, _)| (*rank, *line));
            (first, options.into_iter().map(|(_, _, o)| o).collect())
        })
        .collect()
}
