//! Why a supporter was left out of a ranking, and what her score is made of, in the words the
//! coordinator's page shows.

use super::skill::Skills;
use std::fmt;

/// The first hard filter a supporter did not pass, in the order `ranking::rank` checks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// Paused or withdrawn.
    Inactive,
    /// No 講習 completed by the slot's date.
    NoCourse,
    /// No 面談 yet.
    NotInterviewed,
    /// No insurance period covering every date of the slot.
    Uninsured,
    /// She does not cover an area of the activity.
    OutsideArea,
    /// She lacks skills the request needs (the missing ones).
    MissingSkills(Skills),
    /// She has reached her monthly limit.
    LimitReached { done: u32, limit: u32 },
    /// Her availability does not hold the whole slot.
    Unavailable,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::Inactive => f.write_str("休止中"),
            Exclusion::NoCourse => f.write_str("講習未修了"),
            Exclusion::NotInterviewed => f.write_str("面談未実施"),
            Exclusion::Uninsured => f.write_str("保険期間外"),
            Exclusion::OutsideArea => f.write_str("対象地域外"),
            Exclusion::MissingSkills(missing) => write!(f, "条件に合わない（{missing}）"),
            Exclusion::LimitReached { done, limit } => write!(f, "今月の上限に達している（{done}/{limit}回）"),
            Exclusion::Unavailable => f.write_str("活動できる時間外"),
        }
    }
}

/// One part of an eligible supporter's score: what it is about, with its facts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// Activities she has done for this family.
    Continuity { times: u32 },
    /// Whether the 事前打合せ with this family is done.
    PreMeeting { done: bool },
    /// Her activities this month against her limit.
    Load { done: u32, limit: u32 },
    /// From her home area to where the activity starts; `known` false when the table had no entry.
    Distance { km: f64, known: bool },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Reason::Continuity { times: 0 } => f.write_str("この家庭は初めて"),
            Reason::Continuity { times } => write!(f, "この家庭の支援経験 {times}回"),
            Reason::PreMeeting { done: true } => f.write_str("事前打合せ済み"),
            Reason::PreMeeting { done: false } => f.write_str("事前打合せがまだ（活動の前に必要）"),
            Reason::Load { done, limit } => write!(f, "今月 {done}/{limit}回"),
            Reason::Distance { km, known: true } => write!(f, "自宅から約{km:.1}km"),
            Reason::Distance { km, known: false } => write!(f, "距離不明（{km:.1}kmとして計算）"),
        }
    }
}
