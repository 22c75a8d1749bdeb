//! The matcher: deferred acceptance for single children, households added one by one in sorted
//! order with stabilisation, then repair passes (after Sun, Yokoyama and Yokoo's Extended Sorted
//! Deferred Acceptance, arXiv 2501.13043, with our own repair and restarts).
//!
//! 1. Every single child applies down her list; a full cell keeps its best-ranked children and
//!    the child it drops applies to her next choice (deferred acceptance).
//! 2. Households, sorted by their best child's priority, apply down their options. An option is
//!    open when at every facility its new children, ranked by the worst of them there, fit the
//!    places of each age beside the children already there who rank above. Whoever a household
//!    pushes out — a single child, or a whole household — applies again from its next option:
//!    a pushed-out child is never lost (the published ESDA code lost her).
//! 3. Withdrawing a household frees places that children turned away earlier may now want, so a
//!    pass counts every blocking coalition and moves each blocking unit to its best open option,
//!    until none is left. Single children always move; households, whose moves can push out and
//!    pull back whole chains of children, move fewer per pass while passes bring no improvement.
//!    With siblings a stable matching may not exist: after a bounded number of passes
//!    the households that kept blocking go first in a new attempt, and the attempt with the fewest
//!    blocking coalitions (then the most children placed) is the result.
//!
//! Everything runs on integer ids and flat arrays, in an order fixed by the input: the same
//! files give the same result.

use super::instance::{Instance, UnitKind, AGES};
use super::outcome::{MatchSummary, Outcome, Seat};
use super::score::ENROLLED;
use std::collections::VecDeque;
use std::ops::Range;

/// Repair passes per attempt, and attempts after the first.
const PASSES: usize = 60;
const RESTARTS: usize = 6;
const NONE: u32 = u32::MAX;

/// Places the children of `instance`.
pub fn run(instance: &Instance) -> Outcome {
    let plan = Plan::new(instance);
    let mut order: Vec<u32> = (0..instance.units.len() as u32)
        .filter(|&u| instance.units[u as usize].kind != UnitKind::Single)
        .collect();
    order.sort_by_key(|&u| (std::cmp::Reverse(plan.unit_key[u as usize]), u));
    let mut best: Option<(usize, usize, Vec<u32>)> = None;
    let mut passes = 0;
    let mut restarts = 0;
    for attempt in 0..=RESTARTS {
        let mut state = State::new(&plan);
        state.start(&plan, &order);
        let mut stubborn: Vec<u32> = Vec::new();
        // Moving every blocking unit at once can swing between two matchings for ever; when a
        // pass brings no improvement, fewer units move per pass (down to one), best-ranked first.
        let mut moves = usize::MAX;
        let mut fewest = usize::MAX;
        for _ in 0..PASSES {
            passes += 1;
            let (count, blockers) = state.scan(&plan);
            let unplaced = state.unplaced();
            if best.as_ref().is_none_or(|(b, u, _)| (count, unplaced) < (*b, *u)) {
                best = Some((count, unplaced, state.current.clone()));
            }
            if count == 0 {
                break;
            }
            for &(unit, _) in &blockers {
                if plan.kind_single[unit as usize] {
                    continue;
                }
                if !stubborn.contains(&unit) {
                    stubborn.push(unit);
                }
            }
            if count < fewest {
                fewest = count;
            } else {
                moves = (moves.min(blockers.len()) / 2).max(1);
            }
            state.repair(&plan, &blockers, moves);
        }
        if best.as_ref().is_some_and(|(b, _, _)| *b == 0) || stubborn.is_empty() {
            break;
        }
        if attempt < RESTARTS {
            restarts += 1;
            // The households that kept blocking go first, in the order they first blocked.
            order.retain(|u| !stubborn.contains(u));
            stubborn.extend(order);
            order = stubborn;
        }
    }
    let (blocking, _, current) = best.unwrap_or((0, 0, vec![NONE; instance.units.len()]));
    outcome(instance, &plan, current, blocking, passes, restarts)
}

fn outcome(
    instance: &Instance,
    plan: &Plan,
    current: Vec<u32>,
    blocking: usize,
    passes: usize,
    restarts: usize,
) -> Outcome {
    let mut seats = vec![Seat::Unplaced; instance.children.len()];
    for (u, &o) in current.iter().enumerate() {
        if o == NONE {
            continue;
        }
        for e in &plan.entries[plan.option_entries(plan.unit_options[u].start + o)] {
            seats[e.child as usize] = if e.stay {
                Seat::Stays(e.facility)
            } else {
                Seat::Admitted(e.facility)
            };
        }
    }
    let count = |f: fn(&Seat) -> bool| seats.iter().filter(|s| f(s)).count();
    let summary = MatchSummary {
        children: seats.len(),
        admitted: count(|s| matches!(s, Seat::Admitted(_))),
        stayed: count(|s| matches!(s, Seat::Stays(_))),
        unplaced: count(|s| matches!(s, Seat::Unplaced)),
        blocking,
        passes,
        restarts,
    };
    Outcome {
        seats,
        options: current.into_iter().map(|o| (o != NONE).then_some(o)).collect(),
        summary,
    }
}

/// One child at one facility in one option, with everything the inner loop needs.
#[derive(Debug, Clone, Copy)]
struct Entry {
    child: u32,
    facility: u32,
    cell: u32,
    priority: u64,
    /// A transfer applicant at her current facility.
    stay: bool,
}

/// The options of every unit, flattened.
struct Plan {
    /// Per unit, its options' ids.
    unit_options: Vec<Range<u32>>,
    /// Per option id, where its entries start (one more at the end).
    option_start: Vec<u32>,
    entries: Vec<Entry>,
    /// Per cell (facility × age), its places: open places plus the seats of transfer applicants.
    capacity: Vec<u32>,
    child_unit: Vec<u32>,
    unit_children: Vec<Vec<u32>>,
    kind_single: Vec<bool>,
    /// The unit's best priority at its first option: households are added in this order.
    unit_key: Vec<u64>,
}

impl Plan {
    fn new(instance: &Instance) -> Plan {
        let mut capacity: Vec<u32> = instance.facilities.iter().flat_map(|f| f.places).collect();
        for child in &instance.children {
            if let Some(f) = child.enrolled {
                capacity[f as usize * AGES + usize::from(child.age)] += 1;
            }
        }
        let mut plan = Plan {
            unit_options: Vec::with_capacity(instance.units.len()),
            option_start: vec![0],
            entries: Vec::new(),
            capacity,
            child_unit: instance.children.iter().map(|c| c.unit).collect(),
            unit_children: instance.units.iter().map(|u| u.children.clone()).collect(),
            kind_single: instance.units.iter().map(|u| u.kind == UnitKind::Single).collect(),
            unit_key: Vec::with_capacity(instance.units.len()),
        };
        for unit in &instance.units {
            let first = plan.option_start.len() as u32 - 1;
            for option in &unit.options {
                for p in &option.placements {
                    let child = &instance.children[p.child as usize];
                    let priority = instance.priority(p.child, p.facility).unwrap_or(0);
                    plan.entries.push(Entry {
                        child: p.child,
                        facility: p.facility,
                        cell: p.facility * AGES as u32 + u32::from(child.age),
                        priority,
                        stay: priority == ENROLLED,
                    });
                }
                plan.option_start.push(plan.entries.len() as u32);
            }
            let last = plan.option_start.len() as u32 - 1;
            plan.unit_options.push(first..last);
            let key = if first < last {
                plan.entries[plan.option_entries(first)]
                    .iter()
                    .filter(|e| !e.stay)
                    .map(|e| e.priority)
                    .max()
                    .unwrap_or(0)
            } else {
                0
            };
            plan.unit_key.push(key);
        }
        plan
    }

    fn option_entries(&self, option: u32) -> Range<usize> {
        let o = option as usize;
        match (self.option_start.get(o), self.option_start.get(o + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }
}

/// The matching under construction.
struct State {
    /// Per cell, its children with their priority there, best first.
    cells: Vec<Vec<(u64, u32)>>,
    /// Per unit, the index of its option, or NONE.
    current: Vec<u32>,
    /// Per unit, the option it applies from next.
    next: Vec<u32>,
    /// Per child, her cell or NONE.
    cell_of: Vec<u32>,
    queue: VecDeque<u32>,
}

impl State {
    fn new(plan: &Plan) -> State {
        State {
            cells: vec![Vec::new(); plan.capacity.len()],
            current: vec![NONE; plan.unit_options.len()],
            next: vec![0; plan.unit_options.len()],
            cell_of: vec![NONE; plan.child_unit.len()],
            queue: VecDeque::new(),
        }
    }

    /// Singles by deferred acceptance, then each household in `order`, stabilising after each.
    fn start(&mut self, plan: &Plan, order: &[u32]) {
        self.queue
            .extend((0..plan.unit_options.len() as u32).filter(|&u| plan.kind_single[u as usize]));
        self.settle(plan);
        for &unit in order {
            self.queue.push_back(unit);
            self.settle(plan);
        }
    }

    /// Lets every queued unit apply from its next option until nobody is waiting.
    fn settle(&mut self, plan: &Plan) {
        while let Some(unit) = self.queue.pop_front() {
            let options = plan.unit_options[unit as usize].clone();
            let mut o = options.start + self.next[unit as usize];
            while o < options.end {
                if self.open(plan, unit, o) {
                    self.take(plan, unit, o - options.start);
                    break;
                }
                o += 1;
            }
        }
    }

    /// Whether `unit` would be taken on option id `option` now: at each facility its new
    /// children, ranked by the worst of them, fit each age's places beside those ranked above.
    fn open(&self, plan: &Plan, unit: u32, option: u32) -> bool {
        let entries = &plan.entries[plan.option_entries(option)];
        for (i, e) in entries.iter().enumerate() {
            if e.stay || entries[..i].iter().any(|x| x.cell == e.cell && !x.stay) {
                continue; // a seat of her own, or a cell already checked
            }
            let worst = entries
                .iter()
                .filter(|x| x.facility == e.facility && !x.stay)
                .map(|x| x.priority)
                .min()
                .unwrap_or(e.priority);
            let needed = entries.iter().filter(|x| x.cell == e.cell).count() as u32;
            let ahead = self.cells[e.cell as usize]
                .iter()
                .take_while(|(p, _)| *p > worst)
                .filter(|(_, c)| plan.child_unit[*c as usize] != unit)
                .count() as u32;
            if ahead + needed > plan.capacity[e.cell as usize] {
                return false;
            }
        }
        true
    }

    /// Seats `unit` on its `index`-th option (which must be open), pushing out the lowest-ranked
    /// children of full cells; their units wait to apply again from their next option.
    fn take(&mut self, plan: &Plan, unit: u32, index: u32) {
        let option = plan.unit_options[unit as usize].start + index;
        self.current[unit as usize] = index;
        self.next[unit as usize] = index + 1;
        for e in &plan.entries[plan.option_entries(option)] {
            let cell = &mut self.cells[e.cell as usize];
            let at = cell.partition_point(|(p, _)| *p > e.priority);
            cell.insert(at, (e.priority, e.child));
            self.cell_of[e.child as usize] = e.cell;
        }
        for e in &plan.entries[plan.option_entries(option)] {
            while self.cells[e.cell as usize].len() > plan.capacity[e.cell as usize] as usize {
                let Some(&(_, pushed)) = self.cells[e.cell as usize].last() else {
                    break;
                };
                let other = plan.child_unit[pushed as usize];
                if other == unit {
                    break; // cannot happen for an open option; never push oneself out
                }
                let resume = self.current[other as usize].wrapping_add(1);
                self.withdraw(plan, other);
                self.next[other as usize] = resume;
                self.queue.push_back(other);
            }
        }
    }

    /// Takes every child of `unit` out of its cells.
    fn withdraw(&mut self, plan: &Plan, unit: u32) {
        for &child in &plan.unit_children[unit as usize] {
            let cell = self.cell_of[child as usize];
            if cell == NONE {
                continue;
            }
            let holders = &mut self.cells[cell as usize];
            if let Some(at) = holders.iter().position(|(_, c)| *c == child) {
                holders.remove(at);
            }
            self.cell_of[child as usize] = NONE;
        }
        self.current[unit as usize] = NONE;
    }

    /// Counts every blocking coalition; lists each blocking unit with its best open option id.
    fn scan(&self, plan: &Plan) -> (usize, Vec<(u32, u32)>) {
        let mut count = 0;
        let mut blockers = Vec::new();
        for (unit, options) in plan.unit_options.iter().enumerate() {
            let got = match self.current[unit] {
                NONE => options.end,
                index => options.start + index,
            };
            let mut first = None;
            for option in options.start..got {
                if self.open(plan, unit as u32, option) {
                    count += 1;
                    first.get_or_insert(option);
                }
            }
            if let Some(option) = first {
                blockers.push((unit as u32, option));
            }
        }
        (count, blockers)
    }

    /// Moves every blocking single child and up to `moves` blocking households, best-ranked
    /// first, each to its best option if it is still open.
    fn repair(&mut self, plan: &Plan, blockers: &[(u32, u32)], moves: usize) {
        let mut ordered: Vec<(u64, u32, u32)> = blockers
            .iter()
            .map(|&(unit, option)| {
                let worst = plan.entries[plan.option_entries(option)]
                    .iter()
                    .filter(|e| !e.stay)
                    .map(|e| e.priority)
                    .min()
                    .unwrap_or(0);
                (worst, unit, option)
            })
            .collect();
        // Single children first: their moves are deferred acceptance's own vacancy chains. Only
        // households, whose moves can push out and pull back whole chains, are rationed.
        ordered.sort_by_key(|&(worst, unit, _)| (!plan.kind_single[unit as usize], std::cmp::Reverse(worst), unit));
        let singles = ordered
            .iter()
            .filter(|(_, unit, _)| plan.kind_single[*unit as usize])
            .count();
        let moves = singles.saturating_add(moves);
        for (_, unit, option) in ordered.into_iter().take(moves) {
            let options = &plan.unit_options[unit as usize];
            let got = match self.current[unit as usize] {
                NONE => options.end,
                index => options.start + index,
            };
            if option < got && self.open(plan, unit, option) {
                let start = options.start;
                self.withdraw(plan, unit);
                self.take(plan, unit, option - start);
                self.settle(plan);
            }
        }
    }

    fn unplaced(&self) -> usize {
        self.cell_of.iter().filter(|&&c| c == NONE).count()
    }
}
