//! Hand-made instances with known answers: every sibling pattern, households admitted together,
//! transfers, the child pushed out during stabilisation, and an instance with no stable matching.

use super::checker::check;
use super::explain::explain;
use super::generate::{generate, Spec};
use super::rows::{ChildRow, Choice, CombinationRow, FacilityRow, Member, Tables};
use super::{matcher, Instance, Outcome, Problem, Score, Seat, SiblingPattern};

fn facility(code: &str, name: &str, places: [u32; 6]) -> FacilityRow {
    FacilityRow {
        line: 0,
        code: code.into(),
        name: name.into(),
        places,
    }
}

/// Places at one age only.
fn at_age(age: usize, places: u32) -> [u32; 6] {
    let mut all = [0; 6];
    all[age] = places;
    all
}

fn child(code: &str, age: u8, prefs: &[(&str, i64)]) -> ChildRow {
    ChildRow {
        line: 0,
        code: code.into(),
        household: None,
        age,
        choices: prefs
            .iter()
            .enumerate()
            .map(|(n, (f, s))| Choice {
                rank: n as u32 + 1,
                facility: (*f).into(),
                score: Some(Score::whole(*s)),
            })
            .collect(),
        score: None,
        enrolled: None,
        pattern: None,
    }
}

fn sibling(mut row: ChildRow, household: &str, pattern: u8) -> ChildRow {
    row.household = Some(household.into());
    row.pattern = SiblingPattern::from_number(pattern);
    row
}

fn enrolled(mut row: ChildRow, at: &str) -> ChildRow {
    row.enrolled = Some(at.into());
    row
}

fn tables(facilities: Vec<FacilityRow>, children: Vec<ChildRow>) -> Tables {
    let mut tables = Tables {
        facilities,
        children,
        combinations: Vec::new(),
    };
    for (i, f) in tables.facilities.iter_mut().enumerate() {
        f.line = i + 2;
    }
    for (i, c) in tables.children.iter_mut().enumerate() {
        c.line = i + 2;
    }
    tables
}

/// Matches, checks independently, and returns the instance and outcome.
fn solve(tables: &Tables) -> (Instance, Outcome) {
    let instance = Instance::build(tables).unwrap();
    let outcome = matcher::run(&instance);
    let checked = check(&instance, &outcome.seats);
    assert_eq!(
        checked.blocking, outcome.summary.blocking,
        "checker and matcher disagree"
    );
    assert_eq!(checked.over_capacity, 0);
    assert_eq!(checked.off_list, 0);
    (instance, outcome)
}

/// Each child's facility code, or "-" when not placed (a stay shows as "=" + code).
fn placed(instance: &Instance, outcome: &Outcome) -> Vec<String> {
    outcome
        .seats
        .iter()
        .map(|seat| match seat {
            Seat::Unplaced => "-".to_owned(),
            Seat::Admitted(f) => instance.facilities[*f as usize].code.clone(),
            Seat::Stays(f) => format!("={}", instance.facilities[*f as usize].code),
        })
        .collect()
}

#[test]
fn single_children_get_places_by_score_and_row_order() {
    let t = tables(
        vec![
            facility("A", "あおば保育園", at_age(1, 1)),
            facility("B", "さくら保育園", at_age(1, 1)),
        ],
        vec![
            child("c1", 1, &[("A", 80), ("B", 80)]),
            child("c2", 1, &[("A", 85), ("B", 85)]),
            // Ties c1 at B; c1's earlier row wins.
            child("c3", 1, &[("B", 80)]),
        ],
    );
    let (instance, outcome) = solve(&t);
    assert_eq!(placed(&instance, &outcome), ["B", "A", "-"]);
    assert_eq!(outcome.summary.blocking, 0);
}

#[test]
fn the_explanation_names_places_scores_and_the_lowest_admitted() {
    let t = tables(
        vec![
            facility("A", "あおば保育園", at_age(1, 3)),
            facility("B", "さくら保育園", at_age(1, 1)),
        ],
        vec![
            child("c1", 1, &[("A", 90)]),
            child("c2", 1, &[("A", 88)]),
            child("c3", 1, &[("A", 85)]),
            child("me", 1, &[("A", 80), ("B", 80)]),
        ],
    );
    let (instance, outcome) = solve(&t);
    let results = explain(&instance, &outcome);
    let me = &results[3];
    assert_eq!(me.facility_code.as_deref(), Some("B"));
    assert_eq!(me.facility_name.as_deref(), Some("さくら保育園"));
    assert_eq!(me.status, "内定");
    assert_eq!(
        me.reasons,
        ["第1希望 あおば保育園 1歳：募集3、あなたの点数 80、入所した最下位の点数 85"]
    );
    assert!(results[0].reasons.is_empty());
    assert_eq!(me.household, None);
}

#[test]
fn a_household_that_must_go_together_is_not_split() {
    // The elder alone would fit at A; her sister's age has no place, so neither goes.
    let facilities = |two_year_places| {
        let mut places = at_age(1, 1);
        places[2] = two_year_places;
        vec![facility("A", "あおば保育園", places)]
    };
    let children = vec![
        sibling(child("elder", 2, &[("A", 90)]), "h", 1),
        sibling(child("younger", 1, &[("A", 90)]), "h", 1),
        child("single", 1, &[("A", 50)]),
    ];
    let (instance, outcome) = solve(&tables(facilities(0), children.clone()));
    assert_eq!(placed(&instance, &outcome), ["-", "-", "A"]);
    let (instance, outcome) = solve(&tables(facilities(1), children));
    assert_eq!(placed(&instance, &outcome), ["A", "A", "-"]);
    let results = explain(&instance, &outcome);
    assert_eq!(
        results[0].household.as_deref(),
        Some("きょうだい（同保同時）：第1候補（elder→あおば保育園、younger→あおば保育園）に決まりました。")
    );
}

/// Two siblings (elder age 2, younger age 1) under each pattern, with the places given.
fn siblings_under(
    pattern: u8,
    places: Vec<FacilityRow>,
    elder: &[(&str, i64)],
    younger: &[(&str, i64)],
) -> Vec<String> {
    let t = tables(
        places,
        vec![
            sibling(child("e", 2, elder), "h", pattern),
            sibling(child("y", 1, younger), "h", pattern),
        ],
    );
    let (instance, outcome) = solve(&t);
    placed(&instance, &outcome)
}

fn places(a: [u32; 6], b: [u32; 6]) -> Vec<FacilityRow> {
    vec![facility("A", "あおば保育園", a), facility("B", "さくら保育園", b)]
}

const BOTH: [u32; 6] = [0, 1, 1, 0, 0, 0];
const ELDER_ONLY: [u32; 6] = [0, 0, 1, 0, 0, 0];
const YOUNGER_ONLY: [u32; 6] = [0, 1, 0, 0, 0, 0];

#[test]
fn pattern_1_same_facility_together() {
    let prefs = [("A", 80), ("B", 80)];
    assert_eq!(siblings_under(1, places(ELDER_ONLY, BOTH), &prefs, &prefs), ["B", "B"]);
    assert_eq!(
        siblings_under(1, places(ELDER_ONLY, YOUNGER_ONLY), &prefs, &prefs),
        ["-", "-"]
    );
}

#[test]
fn pattern_2_elder_may_go_first_but_never_the_younger_alone() {
    let prefs = [("A", 80)];
    assert_eq!(
        siblings_under(2, places(ELDER_ONLY, [0; 6]), &prefs, &prefs),
        ["A", "-"]
    );
    assert_eq!(
        siblings_under(2, places(YOUNGER_ONLY, [0; 6]), &prefs, &prefs),
        ["-", "-"]
    );
    assert_eq!(siblings_under(2, places(BOTH, [0; 6]), &prefs, &prefs), ["A", "A"]);
}

#[test]
fn pattern_3_younger_may_go_first_but_never_the_elder_alone() {
    let prefs = [("A", 80)];
    assert_eq!(
        siblings_under(3, places(ELDER_ONLY, [0; 6]), &prefs, &prefs),
        ["-", "-"]
    );
    assert_eq!(
        siblings_under(3, places(YOUNGER_ONLY, [0; 6]), &prefs, &prefs),
        ["-", "A"]
    );
}

#[test]
fn pattern_4_splits_only_when_one_facility_cannot_take_both() {
    // Each child's first choice differs; one facility for both comes first.
    let (elder, younger) = ([("A", 80), ("B", 80)], [("B", 80), ("A", 80)]);
    assert_eq!(siblings_under(4, places(BOTH, BOTH), &elder, &younger), ["A", "A"]);
    assert_eq!(
        siblings_under(4, places(ELDER_ONLY, YOUNGER_ONLY), &elder, &younger),
        ["A", "B"]
    );
    assert_eq!(
        siblings_under(4, places(ELDER_ONLY, [0; 6]), &elder, &younger),
        ["-", "-"]
    );
}

#[test]
fn pattern_5_admits_more_children_first_then_one_facility() {
    let (elder, younger) = ([("A", 80), ("B", 80)], [("B", 80), ("A", 80)]);
    assert_eq!(siblings_under(5, places(BOTH, BOTH), &elder, &younger), ["A", "A"]);
    assert_eq!(
        siblings_under(5, places(ELDER_ONLY, YOUNGER_ONLY), &elder, &younger),
        ["A", "B"]
    );
    assert_eq!(
        siblings_under(5, places(ELDER_ONLY, [0; 6]), &elder, &younger),
        ["A", "-"]
    );
}

#[test]
fn pattern_6_puts_each_child_s_own_preferences_first() {
    let (elder, younger) = ([("A", 80), ("B", 80)], [("B", 80), ("A", 80)]);
    assert_eq!(siblings_under(6, places(BOTH, BOTH), &elder, &younger), ["A", "B"]);
    assert_eq!(siblings_under(6, places(BOTH, [0; 6]), &elder, &younger), ["A", "A"]);
    assert_eq!(
        siblings_under(6, places([0; 6], YOUNGER_ONLY), &elder, &younger),
        ["-", "-"]
    );
}

#[test]
fn pattern_7_admits_more_children_first_then_own_preferences() {
    let (elder, younger) = ([("A", 80), ("B", 80)], [("B", 80), ("A", 80)]);
    assert_eq!(siblings_under(7, places(BOTH, BOTH), &elder, &younger), ["A", "B"]);
    assert_eq!(
        siblings_under(7, places([0; 6], YOUNGER_ONLY), &elder, &younger),
        ["-", "B"]
    );
}

#[test]
fn explicit_combinations_replace_the_pattern() {
    let mut t = tables(
        places(BOTH, BOTH),
        vec![
            sibling(child("e", 2, &[("A", 80), ("B", 80)]), "h", 1),
            sibling(child("y", 1, &[("A", 80), ("B", 80)]), "h", 1),
        ],
    );
    let member = |index, child: &str, facility: Option<&str>| Member {
        index,
        child: child.into(),
        facility: facility.map(Into::into),
    };
    // The household would rather split A/B than be together at A.
    t.combinations = vec![
        CombinationRow {
            line: 2,
            household: "h".into(),
            rank: 2,
            members: vec![member(1, "e", Some("A")), member(2, "y", Some("A"))],
        },
        CombinationRow {
            line: 3,
            household: "h".into(),
            rank: 1,
            members: vec![member(1, "e", Some("B")), member(2, "y", Some("A"))],
        },
    ];
    let (instance, outcome) = solve(&t);
    assert_eq!(placed(&instance, &outcome), ["B", "A"]);
}

#[test]
fn a_transfer_who_moves_frees_her_place_for_the_next_child() {
    let facilities = |b_places| places([0; 6], at_age(1, b_places));
    let children = vec![
        enrolled(child("moving", 1, &[("B", 70)]), "A"),
        child("next", 1, &[("A", 60)]),
        child("after", 1, &[("A", 50)]),
    ];
    let (instance, outcome) = solve(&tables(facilities(1), children.clone()));
    // A has no open place; her seat there goes to the best-ranked applicant.
    assert_eq!(placed(&instance, &outcome), ["B", "A", "-"]);
    let results = explain(&instance, &outcome);
    assert_eq!(results[0].status, "転園");
    assert_eq!(
        results[2].reasons,
        ["第1希望 あおば保育園 1歳：募集1（転園による空き1を含む）、あなたの点数 50、入所した最下位の点数 60"]
    );
    // When she cannot move she keeps her place, and nobody gets it.
    let (instance, outcome) = solve(&tables(facilities(0), children));
    assert_eq!(placed(&instance, &outcome), ["=A", "-", "-"]);
    assert_eq!(outcome.summary.stayed, 1);
    assert_eq!(explain(&instance, &outcome)[0].status, "在籍継続");
}

#[test]
fn a_transfer_pushed_out_of_her_new_place_returns_to_her_own() {
    // She first takes B, is then pushed out by a household, and must get her A seat back.
    let t = tables(
        places([0; 6], [0, 1, 1, 0, 0, 0]),
        vec![
            enrolled(child("t", 1, &[("B", 60)]), "A"),
            child("waiting", 1, &[("A", 50)]),
            sibling(child("e", 2, &[("B", 90)]), "h", 1),
            sibling(child("y", 1, &[("B", 90)]), "h", 1),
        ],
    );
    let (instance, outcome) = solve(&t);
    assert_eq!(placed(&instance, &outcome), ["=A", "-", "B", "B"]);
}

#[test]
fn a_child_pushed_out_by_a_household_applies_again() {
    // The single takes A first; the household, added later, pushes her out; she must go on to B
    // (the published ESDA lost her here and left a blocking coalition).
    let mut a = at_age(1, 1);
    a[2] = 1;
    let t = tables(
        vec![
            facility("A", "あおば保育園", a),
            facility("B", "さくら保育園", at_age(1, 1)),
        ],
        vec![
            child("s", 1, &[("A", 50), ("B", 50)]),
            sibling(child("e", 2, &[("A", 90)]), "h", 1),
            sibling(child("y", 1, &[("A", 90)]), "h", 1),
        ],
    );
    let (instance, outcome) = solve(&t);
    assert_eq!(placed(&instance, &outcome), ["B", "A", "A"]);
    assert_eq!(outcome.summary.blocking, 0);
}

#[test]
fn a_household_pushed_out_by_a_later_household_applies_again() {
    // h1 goes first (best score 90) and takes A; h2 (80) outranks h1's younger child at A and
    // pushes the whole of h1 out; h1 must then take its second option, B.
    let abc = [0, 1, 1, 1, 0, 0];
    let t = tables(
        vec![facility("A", "あおば保育園", abc), facility("B", "さくら保育園", abc)],
        vec![
            sibling(child("x", 1, &[("A", 90), ("B", 90)]), "h1", 1),
            sibling(child("y", 2, &[("A", 40), ("B", 40)]), "h1", 1),
            sibling(child("z", 2, &[("A", 80)]), "h2", 1),
            sibling(child("w", 3, &[("A", 80)]), "h2", 1),
        ],
    );
    let (instance, outcome) = solve(&t);
    assert_eq!(placed(&instance, &outcome), ["B", "B", "A", "A"]);
    let results = explain(&instance, &outcome);
    let household = results[0].household.as_deref().unwrap();
    assert!(
        household.starts_with("きょうだい（同保同時）：第2候補（y→さくら保育園、x→さくら保育園）に決まりました。"),
        "{household}"
    );
    assert!(
        household.contains("第1候補（y→あおば保育園、x→あおば保育園）はあおば保育園 2歳：募集1、きょうだいの最下位の点数 40、入所した最下位の点数 80 のため不成立。"),
        "{household}"
    );
}

/// Two twins who want A and B together, and a single between them in both rankings: every
/// matching has exactly one blocking coalition.
fn no_stable_matching() -> Tables {
    tables(
        places(at_age(1, 1), at_age(1, 1)),
        vec![
            sibling(child("t1", 1, &[("A", 90)]), "h", 6),
            sibling(child("t2", 1, &[("B", 70)]), "h", 6),
            child("s", 1, &[("A", 80), ("B", 80)]),
        ],
    )
}

#[test]
fn without_a_stable_matching_the_fewest_blocking_coalitions_are_reported() {
    let (instance, outcome) = solve(&no_stable_matching());
    assert_eq!(outcome.summary.blocking, 1);
    assert!(outcome.summary.restarts > 0 || outcome.summary.passes > 1);
    let again = matcher::run(&instance);
    assert_eq!(again, outcome, "the same input must give the same result");
}

#[test]
fn the_checker_counts_each_blocking_coalition_of_any_matching() {
    let instance = Instance::build(&no_stable_matching()).unwrap();
    let (a, b) = (0, 1);
    // Twins in, single out: the single blocks at B (she outranks t2 there).
    let twins_in = [Seat::Admitted(a), Seat::Admitted(b), Seat::Unplaced];
    let got = check(&instance, &twins_in);
    assert_eq!((got.blocking, got.blocking_units), (1, 1));
    // Nobody placed: the household blocks with (A, B) and the single with A and with B.
    let nobody = [Seat::Unplaced; 3];
    assert_eq!(check(&instance, &nobody).blocking, 3);
    // Two children in one place, and a seat no option names.
    let crowded = [Seat::Admitted(a), Seat::Unplaced, Seat::Admitted(a)];
    let got = check(&instance, &crowded);
    assert_eq!(got.over_capacity, 1);
    assert_eq!(got.off_list, 1);
}

#[test]
fn the_matcher_and_the_checker_agree_on_generated_instances() {
    for seed in 1..=4 {
        let tables = generate(Spec {
            children: 1200,
            facilities: 45,
            seed,
        });
        let (instance, outcome) = solve(&tables);
        assert!(outcome.summary.admitted > 600, "seed {seed}: {:?}", outcome.summary);
        assert_eq!(outcome.summary.blocking, 0, "seed {seed}: {:?}", outcome.summary);
        assert_eq!(explain(&instance, &outcome).len(), 1200);
    }
}

#[test]
fn every_problem_of_the_input_is_listed_at_once() {
    let mut t = tables(
        vec![facility("A", "あおば保育園", BOTH), facility("B", "さくら保育園", BOTH)],
        vec![
            child("c1", 1, &[("A", 80), ("Z", 80)]),
            child("c2", 1, &[("A", 80), ("A", 70)]),
            sibling(child("e", 2, &[("A", 80)]), "h", 1),
            sibling(child("y", 1, &[("B", 80)]), "h", 1),
            enrolled(child("t", 1, &[("A", 80)]), "Q"),
        ],
    );
    t.children[0].choices.push(Choice {
        rank: 3,
        facility: "B".into(),
        score: None,
    });
    let errors = Instance::build(&t).unwrap_err();
    let found: Vec<(usize, Option<&str>, &Problem)> = errors
        .iter()
        .map(|e| (e.line, e.column.as_deref(), &e.problem))
        .collect();
    assert_eq!(
        found,
        [
            (2, Some("希望保育園ID_2"), &Problem::UnknownFacility("Z".into())),
            (2, Some("点数3"), &Problem::MissingScore),
            (3, Some("希望保育園ID_2"), &Problem::RepeatedPreference("A".into())),
            (
                4,
                Some("きょうだいパターン"),
                &Problem::NoCommonFacility(SiblingPattern::SameTogether)
            ),
            (6, Some("在籍保育所ID"), &Problem::UnknownEnrolled("Q".into())),
        ]
    );
    assert_eq!(
        errors[0].to_string(),
        "申込者データ 2 行目（希望保育園ID_2）: 保育所ID「Z」は保育所データにありません。 / children file row 2 (希望保育園ID_2): facility Z is not in the facilities file"
    );
}
