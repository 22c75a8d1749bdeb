use super::*;
use crate::domain::support::availability::{Availability, Band};
use crate::domain::support::candidate::{InsurancePeriod, Vetting};
use crate::domain::support::ids::{AreaId, FamilyId};
use crate::domain::support::request::{CarePlace, Child, Kind};
use crate::domain::support::skill::Skill;
use crate::domain::support::slot::Slot;
use chrono::{NaiveDate, NaiveDateTime, Weekday};

const HOME: AreaId = AreaId(10);
const NEIGHBOUR: AreaId = AreaId(11);
const FAR: AreaId = AreaId(12);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(d: u32, hm: &str) -> NaiveDateTime {
    day(2026, 12, d).and_time(chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
}

/// あずかり at the family's home in area 10, Monday 2026-12-07 15:00–18:00, one child of four.
fn request() -> Request {
    Request {
        family: FamilyId(100),
        area: HOME,
        slot: Slot::new(at(7, "15:00"), at(7, "18:00")).unwrap(),
        kind: Kind::Care {
            at: CarePlace::FamilyHome,
        },
        children: vec![Child {
            birth_date: day(2022, 4, 1),
            after_illness: false,
        }],
    }
}

/// A supporter who passes every filter of `request()`: vetted, insured for the year, covering
/// areas 10 and 11, free Monday 09:00–19:00 and Tuesday 00:00–08:00, 2 of 8 activities.
fn supporter(id: i64) -> Candidate {
    let band = |from, until| Band::parse(from, until).unwrap();
    Candidate {
        id: SupporterId(id),
        active: true,
        vetting: Vetting {
            course_completed: Some(day(2026, 4, 1)),
            interviewed: true,
            insurance: Some(InsurancePeriod::new(day(2026, 4, 1), day(2027, 3, 31)).unwrap()),
        },
        areas: vec![HOME, NEIGHBOUR],
        home_area: HOME,
        skills: Skills::NONE,
        availability: Availability::new()
            .weekly(Weekday::Mon, [band("09:00", "19:00"), band("20:00", "24:00")])
            .weekly(Weekday::Tue, [band("00:00", "08:00")]),
        monthly_limit: 8,
        activities_this_month: 2,
        helped_family: 0,
        met_family: false,
    }
}

fn distances() -> AreaDistances {
    let mut table = AreaDistances::new();
    table.insert(HOME, NEIGHBOUR, 1.5).unwrap();
    table.insert(FAR, HOME, 3.0).unwrap();
    table
}

fn skills(list: &[Skill]) -> Skills {
    list.iter().copied().collect()
}

type Change = fn(&mut Request, &mut Candidate);

/// A supporter of an ordering case: her id and how she differs from `supporter(id)`.
type Entry = (i64, Change);

#[test]
fn filters_give_the_first_reason() {
    let cases: &[(&str, Change, Option<Exclusion>)] = &[
        ("the base case is eligible", |_, _| {}, None),
        ("paused", |_, c| c.active = false, Some(Exclusion::Inactive)),
        (
            "no course",
            |_, c| c.vetting.course_completed = None,
            Some(Exclusion::NoCourse),
        ),
        (
            "course after the slot's date",
            |_, c| c.vetting.course_completed = Some(day(2026, 12, 8)),
            Some(Exclusion::NoCourse),
        ),
        (
            "course on the slot's date",
            |_, c| c.vetting.course_completed = Some(day(2026, 12, 7)),
            None,
        ),
        (
            "no interview",
            |_, c| c.vetting.interviewed = false,
            Some(Exclusion::NotInterviewed),
        ),
        (
            "no insurance",
            |_, c| c.vetting.insurance = None,
            Some(Exclusion::Uninsured),
        ),
        (
            "insurance ended the day before",
            |_, c| c.vetting.insurance = InsurancePeriod::new(day(2025, 12, 7), day(2026, 12, 6)).ok(),
            Some(Exclusion::Uninsured),
        ),
        (
            "insurance ends on the slot's date",
            |_, c| c.vetting.insurance = InsurancePeriod::new(day(2025, 12, 7), day(2026, 12, 7)).ok(),
            None,
        ),
        (
            "insurance ends before the morning of an overnight slot",
            |r, c| {
                r.slot = Slot::new(at(7, "22:00"), at(8, "06:00")).unwrap();
                c.vetting.insurance = InsurancePeriod::new(day(2025, 12, 7), day(2026, 12, 7)).ok();
            },
            Some(Exclusion::Uninsured),
        ),
        (
            "an overnight slot she covers",
            |r, _| r.slot = Slot::new(at(7, "22:00"), at(8, "06:00")).unwrap(),
            None,
        ),
        (
            "the family's area is not hers",
            |r, _| r.area = FAR,
            Some(Exclusion::OutsideArea),
        ),
        (
            "a 送迎 to an area she does not cover",
            |r, _| {
                r.kind = Kind::Pickup {
                    from: NEIGHBOUR,
                    to: FAR,
                    by_car: false,
                }
            },
            Some(Exclusion::OutsideArea),
        ),
        (
            "a 送迎 on foot within her areas",
            |r, _| {
                r.kind = Kind::Pickup {
                    from: NEIGHBOUR,
                    to: HOME,
                    by_car: false,
                }
            },
            None,
        ),
        (
            "a 送迎 by car without a car",
            |r, _| {
                r.kind = Kind::Pickup {
                    from: NEIGHBOUR,
                    to: HOME,
                    by_car: true,
                }
            },
            Some(Exclusion::MissingSkills(skills(&[Skill::Car]))),
        ),
        (
            "a 送迎 by car with a car",
            |r, c| {
                r.kind = Kind::Pickup {
                    from: NEIGHBOUR,
                    to: HOME,
                    by_car: true,
                };
                c.skills = skills(&[Skill::Car]);
            },
            None,
        ),
        (
            "an infant",
            |r, _| r.children[0].birth_date = day(2026, 1, 8),
            Some(Exclusion::MissingSkills(skills(&[Skill::Infant]))),
        ),
        (
            "an infant with 乳児可",
            |r, c| {
                r.children[0].birth_date = day(2026, 1, 8);
                c.skills = skills(&[Skill::Infant]);
            },
            None,
        ),
        (
            "a child turning one on the day",
            |r, _| r.children[0].birth_date = day(2025, 12, 7),
            None,
        ),
        (
            "two children, one after an illness",
            |r, _| {
                r.children.push(Child {
                    birth_date: day(2020, 5, 5),
                    after_illness: true,
                })
            },
            Some(Exclusion::MissingSkills(skills(&[
                Skill::AfterIllness,
                Skill::Siblings,
            ]))),
        ),
        (
            "two children with only きょうだい同時可",
            |r, c| {
                r.children.push(Child {
                    birth_date: day(2020, 5, 5),
                    after_illness: true,
                });
                c.skills = skills(&[Skill::Siblings, Skill::Car]);
            },
            Some(Exclusion::MissingSkills(skills(&[Skill::AfterIllness]))),
        ),
        (
            "at her monthly limit",
            |_, c| c.activities_this_month = 8,
            Some(Exclusion::LimitReached { done: 8, limit: 8 }),
        ),
        ("one under her limit", |_, c| c.activities_this_month = 7, None),
        (
            "a limit of zero",
            |_, c| (c.monthly_limit, c.activities_this_month) = (0, 0),
            Some(Exclusion::LimitReached { done: 0, limit: 0 }),
        ),
        (
            "a slot running past her band",
            |r, _| r.slot = Slot::new(at(7, "17:00"), at(7, "19:30")).unwrap(),
            Some(Exclusion::Unavailable),
        ),
        (
            "a dated day off",
            |_, c| c.availability = c.availability.clone().unavailable_on(day(2026, 12, 7)),
            Some(Exclusion::Unavailable),
        ),
        (
            "paused and outside the area: paused comes first",
            |r, c| {
                r.area = FAR;
                c.active = false;
            },
            Some(Exclusion::Inactive),
        ),
        (
            "outside the area, lacking a skill, at the limit and busy: the area comes first",
            |r, c| {
                r.area = FAR;
                r.children[0].birth_date = day(2026, 6, 1);
                r.slot = Slot::new(at(12, "10:00"), at(12, "11:00")).unwrap();
                c.activities_this_month = 8;
            },
            Some(Exclusion::OutsideArea),
        ),
        (
            "at the limit and busy: the limit comes first",
            |r, c| {
                r.slot = Slot::new(at(12, "10:00"), at(12, "11:00")).unwrap();
                c.activities_this_month = 9;
            },
            Some(Exclusion::LimitReached { done: 9, limit: 8 }),
        ),
    ];
    for (case, change, expected) in cases {
        let (mut r, mut c) = (request(), supporter(1));
        change(&mut r, &mut c);
        let ranking = rank(&r, &[c], &distances());
        let got = match (ranking.eligible.as_slice(), ranking.excluded.as_slice()) {
            ([_], []) => None,
            ([], [excluded]) => Some(excluded.reason),
            other => panic!("{case}: {other:?}"),
        };
        assert_eq!(got, *expected, "{case}");
    }
}

#[test]
fn eligible_supporters_are_ordered_by_score_then_load_then_id() {
    let cases: &[(&str, &[Entry], &[i64])] = &[
        (
            "an established pair before a free stranger",
            &[
                (1, |_, c| c.activities_this_month = 0),
                (2, |_, c| (c.helped_family, c.met_family) = (3, true)),
            ],
            &[2, 1],
        ),
        (
            "a pre-meeting done before none",
            &[(1, |_, _| {}), (2, |_, c| c.met_family = true)],
            &[2, 1],
        ),
        (
            "continuity stops counting after three activities",
            &[(2, |_, c| c.helped_family = 9), (1, |_, c| c.helped_family = 3)],
            &[1, 2],
        ),
        (
            "fewer activities this month first",
            &[
                (1, |_, c| c.activities_this_month = 7),
                (2, |_, c| c.activities_this_month = 0),
                (3, |_, c| c.activities_this_month = 4),
            ],
            &[2, 3, 1],
        ),
        (
            "load is relative to her own limit",
            &[
                (1, |_, c| (c.activities_this_month, c.monthly_limit) = (1, 2)),
                (2, |_, c| (c.activities_this_month, c.monthly_limit) = (2, 8)),
            ],
            &[2, 1],
        ),
        (
            "nearer homes first, an unknown distance as the default",
            &[
                (1, |_, c| c.home_area = AreaId(99)),
                (2, |_, c| c.home_area = FAR),
                (3, |_, c| c.home_area = NEIGHBOUR),
                (4, |_, _| {}),
            ],
            &[4, 3, 2, 1],
        ),
        (
            "a 送迎 measures from its pick-up area",
            &[
                (1, |r, c| {
                    r.kind = Kind::Pickup {
                        from: FAR,
                        to: HOME,
                        by_car: false,
                    };
                    c.areas.push(FAR);
                }),
                (2, |_, c| {
                    c.areas.push(FAR);
                    c.home_area = FAR;
                }),
            ],
            &[2, 1],
        ),
        (
            "an equal score: fewer activities first (22 points for 2/8 and for 1/4)",
            &[
                (1, |_, c| (c.activities_this_month, c.monthly_limit) = (2, 8)),
                (2, |_, c| (c.activities_this_month, c.monthly_limit) = (1, 4)),
            ],
            &[2, 1],
        ),
        (
            "all equal: by id",
            &[(3, |_, _| {}), (1, |_, _| {}), (2, |_, _| {})],
            &[1, 2, 3],
        ),
        (
            "the excluded are left out of the order",
            &[
                (1, |_, _| {}),
                (2, |_, c| c.active = false),
                (3, |_, c| c.met_family = true),
            ],
            &[3, 1],
        ),
    ];
    for (case, supporters, expected) in cases {
        let mut r = request();
        let candidates: Vec<Candidate> = supporters
            .iter()
            .map(|(id, change)| {
                let mut c = supporter(*id);
                change(&mut r, &mut c);
                c
            })
            .collect();
        let ranking = rank(&r, &candidates, &distances());
        let order: Vec<i64> = ranking.eligible.iter().map(|e| e.id.0).collect();
        assert_eq!(order, *expected, "{case}: {:?}", ranking.eligible);
        assert_eq!(
            ranking.eligible.len() + ranking.excluded.len(),
            candidates.len(),
            "{case}"
        );
    }
}

#[test]
fn a_score_is_explained_part_by_part() {
    let mut c = supporter(1);
    (c.helped_family, c.met_family, c.home_area) = (3, true, FAR);
    let ranking = rank(&request(), &[c], &distances());
    let score = &ranking.eligible[0].score;
    let parts: Vec<(String, i32)> = score.parts.iter().map(|p| (p.reason.to_string(), p.points)).collect();
    assert_eq!(
        parts,
        [
            ("この家庭の支援経験 3回".into(), 30),
            ("事前打合せ済み".into(), 25),
            ("今月 2/8回".into(), 22),
            ("自宅から約3.0km".into(), 14),
        ]
    );
    assert_eq!(score.total, 91);

    let mut stranger = supporter(2);
    stranger.home_area = AreaId(99);
    let ranking = rank(&request(), &[stranger], &distances());
    let texts: Vec<String> = ranking.eligible[0]
        .score
        .parts
        .iter()
        .map(|p| p.reason.to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "この家庭は初めて",
            "事前打合せがまだ（活動の前に必要）",
            "今月 2/8回",
            "距離不明（5.0kmとして計算）"
        ]
    );
    assert_eq!(ranking.eligible[0].score.total, 22 + 10);
}

#[test]
fn exclusions_read_as_the_coordinator_sees_them() {
    let cases = [
        (Exclusion::Inactive, "休止中"),
        (Exclusion::NoCourse, "講習未修了"),
        (Exclusion::NotInterviewed, "面談未実施"),
        (Exclusion::Uninsured, "保険期間外"),
        (Exclusion::OutsideArea, "対象地域外"),
        (
            Exclusion::MissingSkills(skills(&[Skill::Siblings, Skill::Infant])),
            "条件に合わない（乳児可・きょうだい同時可）",
        ),
        (
            Exclusion::LimitReached { done: 8, limit: 8 },
            "今月の上限に達している（8/8回）",
        ),
        (Exclusion::Unavailable, "活動できる時間外"),
    ];
    for (exclusion, text) in cases {
        assert_eq!(exclusion.to_string(), text);
    }
}

#[test]
fn the_excluded_are_listed_by_id() {
    let mut paused = supporter(5);
    paused.active = false;
    let mut uninsured = supporter(2);
    uninsured.vetting.insurance = None;
    let ranking = rank(&request(), &[paused, supporter(9), uninsured], &distances());
    let excluded: Vec<(i64, String)> = ranking
        .excluded
        .iter()
        .map(|e| (e.id.0, e.reason.to_string()))
        .collect();
    assert_eq!(excluded, [(2, "保険期間外".into()), (5, "休止中".into())]);
}

#[test]
fn distances_are_symmetric_and_checked() {
    let table = distances();
    assert_eq!(table.between(NEIGHBOUR, HOME), table.between(HOME, NEIGHBOUR));
    assert_eq!(table.between(FAR, FAR).km, 0.0);
    assert!(!table.between(FAR, NEIGHBOUR).known);
    let mut table = AreaDistances::new();
    assert!(table.insert(HOME, FAR, -1.0).is_err());
    assert!(table.insert(HOME, FAR, f64::NAN).is_err());
}
