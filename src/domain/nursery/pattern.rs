//! The seven sibling patterns (きょうだいパターン): one facility or several, all together or some
//! first.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiblingPattern {
    /// 1 同保同時: all at one facility, all together or none.
    SameTogether,
    /// 2 同保順次（上）: at most one facility; some may go first, never the younger alone.
    SameElderFirst,
    /// 3 同保順次（下）: at most one facility; some may go first, never the elder alone.
    SameYoungerFirst,
    /// 4 別保同時（同）: several facilities allowed, one facility preferred; all together.
    SplitTogetherSame,
    /// 5 別保順次（同）: several allowed; more children first, then one facility.
    SplitStepwiseSame,
    /// 6 別保同時（希）: several allowed, each child's own preferences first; all together.
    SplitTogetherOwn,
    /// 7 別保順次（希）: several allowed; more children first, then own preferences.
    SplitStepwiseOwn,
}

impl SiblingPattern {
    pub const ALL: [SiblingPattern; 7] = [
        SiblingPattern::SameTogether,
        SiblingPattern::SameElderFirst,
        SiblingPattern::SameYoungerFirst,
        SiblingPattern::SplitTogetherSame,
        SiblingPattern::SplitStepwiseSame,
        SiblingPattern::SplitTogetherOwn,
        SiblingPattern::SplitStepwiseOwn,
    ];

    /// The number in the きょうだいパターン column (1–7).
    pub fn from_number(number: u8) -> Option<SiblingPattern> {
        Self::ALL.get(usize::from(number).checked_sub(1)?).copied()
    }

    pub fn number(self) -> u8 {
        Self::ALL.iter().position(|p| *p == self).map_or(0, |i| i as u8 + 1)
    }

    pub fn label(self) -> &'static str {
        match self {
            SiblingPattern::SameTogether => "同保同時",
            SiblingPattern::SameElderFirst => "同保順次（上）",
            SiblingPattern::SameYoungerFirst => "同保順次（下）",
            SiblingPattern::SplitTogetherSame => "別保同時（同）",
            SiblingPattern::SplitStepwiseSame => "別保順次（同）",
            SiblingPattern::SplitTogetherOwn => "別保同時（希）",
            SiblingPattern::SplitStepwiseOwn => "別保順次（希）",
        }
    }

    /// Patterns 1–3: every admitted sibling at one newly assigned facility.
    pub fn one_facility(self) -> bool {
        matches!(
            self,
            SiblingPattern::SameTogether | SiblingPattern::SameElderFirst | SiblingPattern::SameYoungerFirst
        )
    }

    /// 同時: all siblings admitted, or none.
    pub fn all_together(self) -> bool {
        matches!(
            self,
            SiblingPattern::SameTogether | SiblingPattern::SplitTogetherSame | SiblingPattern::SplitTogetherOwn
        )
    }

    /// Among split options, the ones keeping the siblings at one facility come first (（同）).
    pub fn prefers_same(self) -> bool {
        matches!(
            self,
            SiblingPattern::SplitTogetherSame | SiblingPattern::SplitStepwiseSame
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_patterns_round_trip() {
        for number in 1..=7 {
            assert_eq!(
                SiblingPattern::from_number(number).map(SiblingPattern::number),
                Some(number)
            );
        }
        assert_eq!(SiblingPattern::from_number(0), None);
        assert_eq!(SiblingPattern::from_number(8), None);
    }
}
