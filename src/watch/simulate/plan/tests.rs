//! Plans: one gate pass per child, waypoints in the right order, times within the span.

use super::*;
use crate::watch::simulate::participants::SimReader;
use std::collections::HashMap;

fn reader(id: i64) -> SimReader {
    SimReader {
        id,
        name: format!("reader {id}"),
        secret: "a".repeat(64),
    }
}

/// Gates 1 and 2, waypoint 10 (if `waypoints`), and `children` tags.
fn participants(children: usize, waypoints: bool) -> Participants {
    Participants {
        schools: vec![SchoolParticipants {
            name: "柏第一小学校".into(),
            gates: vec![reader(1), reader(2)],
            waypoints: if waypoints { vec![reader(10)] } else { Vec::new() },
            tags: (0..children).map(|i| format!("04A1{i:04X}")).collect(),
        }],
    }
}

fn by_tag(reads: &[PlannedRead]) -> HashMap<&str, Vec<&PlannedRead>> {
    let mut map: HashMap<&str, Vec<&PlannedRead>> = HashMap::new();
    for read in reads {
        map.entry(read.tag.as_str()).or_default().push(read);
    }
    map
}

#[test]
fn every_child_passes_exactly_one_gate_in_the_given_direction() {
    for (scenario, direction) in [
        (Scenario::Morning, Direction::In),
        (Scenario::Dismissal, Direction::Out),
    ] {
        let reads = plan(&participants(200, true), scenario, Duration::from_secs(600), 7);
        let tags = by_tag(&reads);
        assert_eq!(tags.len(), 200);
        for (tag, reads) in tags {
            let gates: Vec<_> = reads.iter().filter(|r| r.reader_id < 10).collect();
            assert_eq!(gates.len(), 1, "{tag}");
            assert_eq!(gates[0].direction, Some(direction));
            assert!(reads
                .iter()
                .filter(|r| r.reader_id == 10)
                .all(|r| r.direction.is_none()));
        }
    }
}

#[test]
fn some_children_pass_a_waypoint_before_the_gate_in_the_morning_and_after_it_at_dismissal() {
    for scenario in [Scenario::Morning, Scenario::Dismissal] {
        let reads = plan(&participants(400, true), scenario, Duration::from_secs(1800), 3);
        let mut via_waypoint = 0;
        for reads in by_tag(&reads).values() {
            let Some(waypoint) = reads.iter().find(|r| r.reader_id == 10) else {
                continue;
            };
            via_waypoint += 1;
            let gate = reads.iter().find(|r| r.reader_id < 10).unwrap();
            match scenario {
                Scenario::Morning => assert!(waypoint.at <= gate.at),
                Scenario::Dismissal => assert!(waypoint.at >= gate.at),
            }
        }
        // 30 % of 400, give or take the draw.
        assert!((80..=160).contains(&via_waypoint), "{via_waypoint}");
    }
}

#[test]
fn both_gates_are_used_and_times_stay_within_the_span_in_order() {
    let span = Duration::from_secs(900);
    let reads = plan(&participants(300, true), Scenario::Morning, span, 11);
    assert!(reads.iter().all(|r| r.at <= span));
    assert!(reads.windows(2).all(|w| w[0].at <= w[1].at));
    for gate in [1, 2] {
        let n = reads.iter().filter(|r| r.reader_id == gate).count();
        assert!(n > 100, "gate {gate}: {n}");
    }
    // A rush, not a trickle: the middle third of the span carries more than a third of the reads.
    let middle = reads.iter().filter(|r| r.at >= span / 3 && r.at < span * 2 / 3).count();
    assert!(middle * 3 > reads.len(), "{middle} of {}", reads.len());
}

#[test]
fn a_zero_span_sends_everything_at_once_but_keeps_each_route_in_order() {
    let reads = plan(&participants(100, true), Scenario::Morning, Duration::ZERO, 5);
    assert!(reads.iter().all(|r| r.at == Duration::ZERO));
    for reads in by_tag(&reads).values() {
        // The gate read of a child who passed a waypoint comes after it.
        assert_eq!(reads.last().unwrap().direction, Some(Direction::In));
    }
}

#[test]
fn without_waypoints_only_gates_are_read() {
    let reads = plan(&participants(720, false), Scenario::Dismissal, Duration::ZERO, 1);
    assert_eq!(reads.len(), 720);
    assert!(reads.iter().all(|r| r.reader_id < 10));
}

#[test]
fn a_school_without_a_gate_plays_nothing_and_the_same_seed_plays_the_same_plan() {
    let mut no_gate = participants(10, true);
    no_gate.schools[0].gates.clear();
    assert!(plan(&no_gate, Scenario::Morning, Duration::from_secs(60), 1).is_empty());
    let a = plan(&participants(50, true), Scenario::Dismissal, Duration::from_secs(60), 9);
    let b = plan(&participants(50, true), Scenario::Dismissal, Duration::from_secs(60), 9);
    let c = plan(
        &participants(50, true),
        Scenario::Dismissal,
        Duration::from_secs(60),
        10,
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn scenarios_parse_from_their_names() {
    assert_eq!("morning".parse::<Scenario>(), Ok(Scenario::Morning));
    assert_eq!("dismissal".parse::<Scenario>(), Ok(Scenario::Dismissal));
    assert!("noon".parse::<Scenario>().unwrap_err().contains("morning"));
}
