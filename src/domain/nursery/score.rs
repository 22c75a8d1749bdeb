//! A child's priority score (点数) and the order a facility ranks applicants in.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A score in hundredths: municipalities use whole numbers, a few use one or two decimals
/// (調整指数 0.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Score(i64);

impl Score {
    /// The largest magnitude accepted: far above any real 基準指数 + 調整指数, and small enough
    /// that a priority key never overflows.
    pub const LIMIT: i64 = 1_000_000_000;

    pub fn from_hundredths(hundredths: i64) -> Option<Score> {
        (hundredths.abs() <= Self::LIMIT).then_some(Score(hundredths))
    }

    pub fn whole(points: i64) -> Score {
        Score(points.clamp(-Self::LIMIT / 100, Self::LIMIT / 100) * 100)
    }

    /// Reads `80`, `-5`, `80.5` or `80.25` (full-width digits already folded).
    pub fn parse(text: &str) -> Option<Score> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty()
            || fraction.len() > 2
            || !(whole.chars().chain(fraction.chars())).all(|c| c.is_ascii_digit())
        {
            return None;
        }
        if whole.len() > 9 {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
        let hundredths = whole * 100 + fraction;
        Score::from_hundredths(if negative { -hundredths } else { hundredths })
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, fraction) = (self.0.abs() / 100, self.0.abs() % 100);
        match fraction {
            0 => write!(f, "{sign}{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{sign}{whole}.{}", f10 / 10),
            _ => write!(f, "{sign}{whole}.{fraction:02}"),
        }
    }
}

/// How a facility ranks an applicant: higher is better. The score first, then the row order
/// (the municipality's 優先順位表 as the file lists it: an earlier row wins a tie). A child
/// enrolled at the facility outranks everyone there: her place is hers until she moves.
pub fn priority(score: Score, row: u32) -> u64 {
    let lifted = (score.0 + Score::LIMIT) as u64; // 0 ..= 2 * LIMIT < 2^31
    (lifted << 32) | u64::from(u32::MAX - row)
}

/// The priority of a child at the facility she is enrolled at.
pub const ENROLLED: u64 = u64::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_whole_and_decimal_numbers() {
        assert_eq!(Score::parse("80"), Some(Score(8000)));
        assert_eq!(Score::parse("80.5"), Some(Score(8050)));
        assert_eq!(Score::parse("-3.25"), Some(Score(-325)));
        for bad in ["", "8o", "1.234", ".5", "1e3", "99999999999"] {
            assert_eq!(Score::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn scores_print_as_written() {
        for text in ["80", "80.5", "80.25", "-3.25", "0"] {
            assert_eq!(Score::parse(text).map(|s| s.to_string()).as_deref(), Some(text));
        }
    }

    #[test]
    fn a_higher_score_wins_and_an_earlier_row_breaks_a_tie() {
        let high = priority(Score::whole(81), 9);
        let early = priority(Score::whole(80), 1);
        let late = priority(Score::whole(80), 2);
        assert!(high > early && early > late);
        assert!(priority(Score::whole(-5), 0) < priority(Score::whole(0), u32::MAX - 1));
        assert!(ENROLLED > priority(Score::from_hundredths(Score::LIMIT).unwrap(), 0));
    }
}
