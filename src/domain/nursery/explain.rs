//! 理由: why each child got what she got, in Japanese, from the instance and the seats alone.
//!
//! For every preference above her result: 「第1希望 あおば保育園 1歳：募集3、あなたの点数 80、
//! 入所した最下位の点数 85」. For siblings, which option of the household was taken and, for
//! each better one, the facility and age that did not take them.

use super::checker::{option_taken, Refusal, Seating};
use super::instance::{Instance, UnitKind, AGES};
use super::outcome::{ChildResult, Outcome, Seat};

/// Better options of a household explained one by one; the rest are counted.
const OPTIONS_EXPLAINED: usize = 5;
/// A unit id no child has: nobody's seat is left out when a child is tested alone.
const NO_UNIT: u32 = u32::MAX;

/// The results of every child, in file order.
pub fn explain(instance: &Instance, outcome: &Outcome) -> Vec<ChildResult> {
    let seating = Seating::new(instance, &outcome.seats);
    let households: Vec<Option<String>> = (0..instance.units.len())
        .map(|u| household(instance, &seating, &outcome.seats, u))
        .collect();
    instance
        .children
        .iter()
        .enumerate()
        .map(|(c, child)| {
            let seat = outcome.seats[c];
            let facility = seat.facility().map(|f| &instance.facilities[f as usize]);
            let admitted = match seat {
                Seat::Admitted(f) => Some(f),
                _ => None,
            };
            let status = match seat {
                Seat::Admitted(_) if child.enrolled.is_some() => "転園",
                Seat::Admitted(_) => "内定",
                Seat::Stays(_) => "在籍継続",
                Seat::Unplaced => "保留",
            };
            let single = instance.units[child.unit as usize].kind == UnitKind::Single;
            let reasons = child
                .prefs
                .iter()
                .enumerate()
                .take_while(|(_, p)| Some(p.facility) != admitted)
                .map(|(rank, p)| preference_reason(instance, &seating, c as u32, rank, p.facility, single))
                .collect();
            ChildResult {
                code: child.code.clone(),
                facility_code: facility.map(|f| f.code.clone()),
                facility_name: facility.map(|f| f.name.clone()),
                status: status.to_owned(),
                reasons,
                household: households[child.unit as usize].clone(),
            }
        })
        .collect()
}

/// 「第1希望 あおば保育園 1歳：募集3、あなたの点数 80、入所した最下位の点数 85」
fn preference_reason(
    instance: &Instance,
    seating: &Seating,
    child: u32,
    rank: usize,
    facility: u32,
    single: bool,
) -> String {
    let age = instance.children[child as usize].age;
    let mut text = format!(
        "第{}希望 {} {}歳：{}",
        rank + 1,
        instance.facilities[facility as usize].name,
        age,
        cell_terms(instance, seating, facility, age)
    );
    let score = instance.score_at(child, facility);
    if let Some(score) = score {
        text.push_str(&format!("、あなたの点数 {score}"));
    }
    match lowest_admitted(instance, seating, facility, age) {
        Some((lowest, _)) => {
            text.push_str(&format!("、入所した最下位の点数 {lowest}"));
            if score == Some(lowest) {
                text.push_str("（同点は優先順位で決まりました）");
            }
        }
        None => text.push_str("、新たな入所なし"),
    }
    // Alone, against everyone else there (her own siblings included: they hold their seats).
    let mine = [(child, facility)];
    if seating.refusal(instance, NO_UNIT, &mine).is_none() {
        text.push_str(if single {
            "。この希望には入所できる順位でした（安定でない箇所です。担当者が確認してください）"
        } else {
            "。この園には入れる順位でしたが、きょうだいの組み合わせの条件で入所しませんでした"
        });
    }
    text
}

/// 「募集3」, with the places freed by transfers named: 「募集3（転園による空き1を含む）」.
fn cell_terms(instance: &Instance, seating: &Seating, facility: u32, age: u8) -> String {
    let cell = facility as usize * AGES + usize::from(age);
    let open = instance.facilities[facility as usize].places[usize::from(age)];
    let staying = seating.sitting[cell]
        .iter()
        .filter(|&&c| instance.children[c as usize].enrolled == Some(facility))
        .count() as u32;
    // Every enrolled applicant has a seat in `places`; those not staying freed theirs.
    let freed = seating.places[cell].saturating_sub(open).saturating_sub(staying);
    if freed > 0 {
        format!("募集{}（転園による空き{freed}を含む）", open + freed)
    } else {
        format!("募集{open}")
    }
}

/// The lowest score among the children newly admitted to the cell, and that child.
fn lowest_admitted(instance: &Instance, seating: &Seating, facility: u32, age: u8) -> Option<(super::Score, u32)> {
    let cell = facility as usize * AGES + usize::from(age);
    seating.sitting[cell]
        .iter()
        .filter(|&&c| instance.children[c as usize].enrolled != Some(facility))
        .filter_map(|&c| Some((instance.priority(c, facility)?, c)))
        .min()
        .and_then(|(_, c)| Some((instance.score_at(c, facility)?, c)))
}

/// For a sibling household: the option taken and why each better one failed.
fn household(instance: &Instance, seating: &Seating, seats: &[Seat], u: usize) -> Option<String> {
    let unit = &instance.units[u];
    let label = match unit.kind {
        UnitKind::Single => return None,
        UnitKind::Siblings(pattern) => format!("きょうだい（{}）", pattern.label()),
        UnitKind::Combinations => "きょうだい（組み合わせ）".to_owned(),
    };
    let got = option_taken(instance, u, seats);
    let mut text = match got {
        Some(index) if index < unit.options.len() => format!(
            "{label}：第{}候補（{}）に決まりました。",
            index + 1,
            describe(instance, &unit.children, &unit.options[index].placements)
        ),
        _ => format!("{label}：どの候補にも決まりませんでした。"),
    };
    let better = got.unwrap_or(0);
    for (index, option) in unit.options.iter().enumerate().take(better.min(OPTIONS_EXPLAINED)) {
        let placements: Vec<(u32, u32)> = option.placements.iter().map(|p| (p.child, p.facility)).collect();
        text.push_str(&format!(
            "第{}候補（{}）は",
            index + 1,
            describe(instance, &unit.children, &option.placements)
        ));
        match seating.refusal(instance, u as u32, &placements) {
            Some(refusal) => text.push_str(&refusal_terms(instance, seating, refusal)),
            None => text.push_str("入所できる条件でした（安定でない箇所です。担当者が確認してください）"),
        }
        text.push('。');
    }
    if better > OPTIONS_EXPLAINED {
        let open: Vec<String> = (OPTIONS_EXPLAINED..better)
            .filter(|&index| {
                let placements: Vec<(u32, u32)> = unit.options[index]
                    .placements
                    .iter()
                    .map(|p| (p.child, p.facility))
                    .collect();
                seating.refusal(instance, u as u32, &placements).is_none()
            })
            .map(|index| format!("第{}候補", index + 1))
            .collect();
        text.push_str(&format!(
            "第{}〜第{}候補も入所できる条件を満たしませんでした",
            OPTIONS_EXPLAINED + 1,
            better
        ));
        if !open.is_empty() {
            text.push_str(&format!(
                "（ただし{}は条件を満たしていました。安定でない箇所です。担当者が確認してください）",
                open.join("・")
            ));
        }
        text.push('。');
    }
    Some(text)
}

/// 「あおば保育園 1歳：募集3、この世帯の最下位の点数 80、入所した最下位の点数 85 のため不成立」
fn refusal_terms(instance: &Instance, seating: &Seating, refusal: Refusal) -> String {
    let Refusal { facility, age, worst } = refusal;
    let mut text = format!(
        "{} {}歳：{}",
        instance.facilities[facility as usize].name,
        age,
        cell_terms(instance, seating, facility, age)
    );
    if let Some(score) = instance.score_at(worst, facility) {
        text.push_str(&format!("、きょうだいの最下位の点数 {score}"));
    }
    if let Some((lowest, _)) = lowest_admitted(instance, seating, facility, age) {
        text.push_str(&format!("、入所した最下位の点数 {lowest}"));
    }
    text.push_str(" のため不成立");
    text
}

/// 「A01→あおば保育園、A02→入所せず」
fn describe(instance: &Instance, children: &[u32], placements: &[super::Placement]) -> String {
    children
        .iter()
        .map(|&c| {
            let child = &instance.children[c as usize];
            match placements.iter().find(|p| p.child == c) {
                Some(p) if child.enrolled == Some(p.facility) => format!("{}→在籍継続", child.code),
                Some(p) => format!("{}→{}", child.code, instance.facilities[p.facility as usize].name),
                None => format!("{}→入所せず", child.code),
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}
