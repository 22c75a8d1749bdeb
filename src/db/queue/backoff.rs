//! Retry with backoff: how long to wait after a failed attempt, and when to stop trying.

use chrono::Duration;

/// Doubling waits between attempts: `first`, twice that, … at most `longest`; after
/// `max_attempts` attempts the row is given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The wait after the first failed attempt.
    pub first: Duration,
    /// No wait is longer than this.
    pub longest: Duration,
    /// Attempts (claims) before the row is given up.
    pub max_attempts: i32,
}

impl Backoff {
    /// The wait after `attempts` attempts have failed, or `None` when that was the last one.
    pub fn after(self, attempts: i32) -> Option<Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        // Doubling more than 20 times exceeds any sensible `longest`; the clamp keeps the shift
        // and the multiplication from overflowing.
        let doublings = (attempts - 1).clamp(0, 20);
        Some((self.first * (1 << doublings)).min(self.longest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: Backoff = Backoff {
        first: Duration::seconds(30),
        longest: Duration::hours(1),
        max_attempts: 10,
    };

    #[test]
    fn waits_double_from_the_first_up_to_the_longest_then_the_row_is_given_up() {
        let waits: Vec<Option<i64>> = (1..=10).map(|n| MAIL.after(n).map(|d| d.num_seconds())).collect();
        assert_eq!(
            waits,
            [
                Some(30),
                Some(60),
                Some(120),
                Some(240),
                Some(480),
                Some(960),
                Some(1920),
                Some(3600),
                Some(3600),
                None
            ]
        );
    }

    #[test]
    fn a_row_claimed_without_attempts_counted_waits_the_first_wait() {
        assert_eq!(MAIL.after(0), Some(Duration::seconds(30)));
        assert_eq!(MAIL.after(-1), Some(Duration::seconds(30)));
    }
}
