//! The municipal files as rows, after each cell was read but before anything was cross-checked:
//! what the CSV layer produces and the generator writes. [`Instance::build`](super::Instance::build)
//! checks them together.

use super::{Score, SiblingPattern};
use serde::{Deserialize, Serialize};

/// One row of 申込者データ: one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildRow {
    /// The row number as Excel shows it (the header is row 1).
    pub line: usize,
    /// 申請者番号
    pub code: String,
    /// 世帯番号; siblings share it.
    pub household: Option<String>,
    /// 年齢: the age class 0–5.
    pub age: u8,
    /// 希望保育園ID_N with 点数N, in the order N counts; empty columns left out.
    pub choices: Vec<Choice>,
    /// 点数: one score for every facility, when the file has no 点数N.
    pub score: Option<Score>,
    /// 在籍保育所ID: where she is enrolled now (a transfer applicant).
    pub enrolled: Option<String>,
    /// きょうだいパターン
    pub pattern: Option<SiblingPattern>,
}

/// The N-th preference of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// N as in 希望保育園ID_N.
    pub rank: u32,
    pub facility: String,
    /// 点数N; `None` when the file has one 点数 column (or the cell is empty).
    pub score: Option<Score>,
}

/// One row of 保育所データ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilityRow {
    pub line: usize,
    /// 保育所ID
    pub code: String,
    /// 保育所名
    pub name: String,
    /// N歳募集人数 for N = 0…5.
    pub places: [u32; 6],
}

/// One row of the 組み合わせファイル: one ranked option of a sibling household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CombinationRow {
    pub line: usize,
    /// ファミリーコード: the 世帯番号 of the household.
    pub household: String,
    /// 総当たり順位: 1 is the best option.
    pub rank: u32,
    /// 宛名コードN / 希望施設N: a child and her facility in this option (`None`: not admitted).
    pub members: Vec<Member>,
}

/// One child of a combination row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// N as in 宛名コードN.
    pub index: u32,
    pub child: String,
    pub facility: Option<String>,
}

/// The three files, read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tables {
    pub children: Vec<ChildRow>,
    pub facilities: Vec<FacilityRow>,
    pub combinations: Vec<CombinationRow>,
}
