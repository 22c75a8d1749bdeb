//! What a run gives back: a seat per child, the option per unit, and the summary. Plain data, so
//! pages and files can show it later.

use serde::{Deserialize, Serialize};

/// Where a child ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seat {
    /// Not admitted (waiting).
    Unplaced,
    /// Admitted at this facility (a transfer applicant: moving here).
    Admitted(u32),
    /// A transfer applicant keeping her place at her current facility.
    Stays(u32),
}

impl Seat {
    pub fn facility(self) -> Option<u32> {
        match self {
            Seat::Unplaced => None,
            Seat::Admitted(f) | Seat::Stays(f) => Some(f),
        }
    }
}

/// The matcher's own account of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchSummary {
    pub children: usize,
    /// Newly admitted, transfers that move included.
    pub admitted: usize,
    /// Transfer applicants keeping their place.
    pub stayed: usize,
    pub unplaced: usize,
    /// Blocking coalitions the matcher counted in its result (the checker counts again).
    pub blocking: usize,
    /// Stabilising passes over the whole matching, over all attempts.
    pub passes: usize,
    /// Attempts with another order of the households after the first.
    pub restarts: usize,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Per child, in file order.
    pub seats: Vec<Seat>,
    /// Per unit, the index of the option it got, `None` when none of its children is placed.
    pub options: Vec<Option<u32>>,
    pub summary: MatchSummary,
}

/// One child's result as files and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildResult {
    /// 申請者番号
    pub code: String,
    /// 入所選考結果保育所ID and 名, empty when not admitted (or staying).
    pub facility_code: Option<String>,
    pub facility_name: Option<String>,
    /// 内定 / 転園 / 在籍継続 / 保留
    pub status: String,
    /// Why, one sentence per preference above the result (理由).
    pub reasons: Vec<String>,
    /// For siblings: which option of the household was taken and why better ones failed.
    pub household: Option<String>,
}
