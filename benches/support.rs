//! Ranking 5,000 supporters for one request (issue 14: p99 ≤ 5 ms): `cargo bench --bench support`.
//!
//! The supporters are generated from a fixed seed (no randomness between runs) across 20 areas:
//! 2–5 areas each, weekly bands on most weekdays, a few dated exceptions, mixed skills, vetting
//! and load. Two requests: a typical one (あずかり of one child, which most but not all pass) and
//! the worst case, where every supporter is eligible and the whole list is scored and sorted.
//! Each ranking is timed on its own; prints p50, p99 and the maximum.

use chrono::{Duration, NaiveDate, Weekday};
use hiroba::domain::support::availability::{Availability, Band};
use hiroba::domain::support::candidate::{Candidate, InsurancePeriod, Vetting};
use hiroba::domain::support::distance::AreaDistances;
use hiroba::domain::support::ids::{AreaId, FamilyId, SupporterId};
use hiroba::domain::support::ranking::rank;
use hiroba::domain::support::request::{CarePlace, Child, Kind, Request};
use hiroba::domain::support::skill::{Skill, Skills};
use hiroba::domain::support::slot::Slot;
use std::hint::black_box;
use std::time::Instant;

const SUPPORTERS: usize = 5_000;
const AREAS: i64 = 20;
const ROUNDS: usize = 2_000;
const WARM_UP: usize = 100;

/// A small deterministic generator (xorshift64*), so every run ranks the same supporters.
struct Seq(u64);

impl Seq {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % below
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d}"))
}

fn band(from: i32, until: i32) -> Band {
    Band::from_minutes(from, until).unwrap_or_else(|e| panic!("{e}"))
}

fn supporters(seq: &mut Seq, all_eligible: bool) -> Vec<Candidate> {
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    (0..SUPPORTERS)
        .map(|i| {
            let home = AreaId(seq.next(AREAS as u64) as i64);
            let mut areas = vec![home];
            for _ in 0..1 + seq.next(4) {
                areas.push(AreaId(seq.next(AREAS as u64) as i64));
            }
            let mut availability = Availability::new();
            for weekday in weekdays {
                if all_eligible || seq.chance(80) {
                    // A morning band and an afternoon one that sometimes touch.
                    let morning = band(7 * 60 + 30 * seq.next(4) as i32, 12 * 60);
                    let afternoon = band(12 * 60 + 30 * seq.next(2) as i32, 17 * 60 + 30 * seq.next(10) as i32);
                    availability = availability.weekly(weekday, [morning, afternoon]);
                }
            }
            for _ in 0..seq.next(4) {
                let date = day(2026, 12, 1) + Duration::days(seq.next(31) as i64);
                availability = if seq.chance(50) && !all_eligible {
                    availability.unavailable_on(date)
                } else {
                    availability.on(date, [band(9 * 60, 21 * 60)])
                };
            }
            let skills: Skills = Skill::ALL.into_iter().filter(|_| seq.chance(40)).collect();
            let monthly_limit = 4 + seq.next(7) as u32;
            Candidate {
                id: SupporterId(i as i64 + 1),
                active: all_eligible || seq.chance(95),
                vetting: Vetting {
                    course_completed: (all_eligible || seq.chance(95)).then(|| day(2025, 4, 1)),
                    interviewed: all_eligible || seq.chance(95),
                    insurance: InsurancePeriod::new(day(2026, 4, 1), day(2027, 3, 31)).ok(),
                },
                areas: if all_eligible {
                    (0..AREAS).map(AreaId).collect()
                } else {
                    areas
                },
                home_area: home,
                skills: if all_eligible {
                    Skill::ALL.into_iter().collect()
                } else {
                    skills
                },
                availability,
                monthly_limit,
                activities_this_month: seq.next(u64::from(monthly_limit) + if all_eligible { 0 } else { 2 }) as u32,
                helped_family: if seq.chance(3) { 1 + seq.next(5) as u32 } else { 0 },
                met_family: seq.chance(5),
            }
        })
        .collect()
}

fn distances(seq: &mut Seq) -> AreaDistances {
    let mut table = AreaDistances::new();
    for a in 0..AREAS {
        for b in a + 1..AREAS {
            // A few pairs are missing, as in a table a coordinator fills in by hand.
            if seq.chance(90) {
                let km = 0.5 + seq.next(80) as f64 / 10.0;
                table.insert(AreaId(a), AreaId(b), km).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    table
}

/// Thursday 2026-12-17, 15:00–17:00, あずかり at the family's home of one child of three.
fn request() -> Request {
    let date = day(2026, 12, 17);
    let at = |h: u32| date.and_hms_opt(h, 0, 0).unwrap_or_else(|| panic!("{h}:00"));
    Request {
        family: FamilyId(1),
        area: AreaId(3),
        slot: Slot::new(at(15), at(17)).unwrap_or_else(|e| panic!("{e}")),
        kind: Kind::Care {
            at: CarePlace::FamilyHome,
        },
        children: vec![Child {
            birth_date: day(2023, 8, 1),
            after_illness: false,
        }],
    }
}

fn main() {
    let mut seq = Seq(0x1234_5678_9ABC_DEF1);
    let table = distances(&mut seq);
    let request = request();
    println!("ranking {SUPPORTERS} supporters for one request, {ROUNDS} rounds each\n");
    println!("| request | eligible | excluded | p50 µs | p99 µs | max µs |");
    println!("|---|---|---|---|---|---|");
    for (name, all_eligible) in [
        ("typical (あずかり, one child)", false),
        ("worst case (all eligible)", true),
    ] {
        let candidates = supporters(&mut seq, all_eligible);
        let ranking = rank(&request, &candidates, &table);
        for _ in 0..WARM_UP {
            black_box(rank(black_box(&request), black_box(&candidates), black_box(&table)));
        }
        let mut times: Vec<f64> = (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                black_box(rank(black_box(&request), black_box(&candidates), black_box(&table)));
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "| {name} | {} | {} | {:.0} | {:.0} | {:.0} |",
            ranking.eligible.len(),
            ranking.excluded.len(),
            q(&times, 0.5),
            q(&times, 0.99),
            q(&times, 1.0)
        );
    }
}

/// The `q`-quantile (nearest rank) of sorted values.
fn q(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        n => sorted[((n - 1) as f64 * q).round() as usize],
    }
}
