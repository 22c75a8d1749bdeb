//! Per-carrier pacing within one worker: at most `per_minute` mails to a carrier in any minute.

use std::collections::HashMap;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct Pacer {
    /// Per carrier: when the current window started and how many mails it has had.
    windows: HashMap<String, (Instant, u32)>,
}

impl Pacer {
    /// How many of `wanted` mails to `carrier` may go now; the rest wait for the next window.
    pub fn take(&mut self, carrier: &str, wanted: usize, per_minute: u32, now: Instant) -> usize {
        let (start, used) = self.windows.entry(carrier.to_string()).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            *start = now;
            *used = 0;
        }
        let allowed = per_minute
            .saturating_sub(*used)
            .min(u32::try_from(wanted).unwrap_or(u32::MAX));
        *used += allowed;
        allowed as usize
    }

    /// When the carrier's next window opens.
    pub fn next_window(&self, carrier: &str, now: Instant) -> Duration {
        self.windows
            .get(carrier)
            .map(|(start, _)| WINDOW.saturating_sub(now.duration_since(*start)))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_carrier_gets_its_rate_per_window() {
        let mut pacer = Pacer::default();
        let t0 = Instant::now();
        assert_eq!(pacer.take("softbank", 80, 120, t0), 80);
        assert_eq!(pacer.take("softbank", 80, 120, t0), 40);
        assert_eq!(pacer.take("softbank", 1, 120, t0), 0);
        assert_eq!(pacer.take("docomo", 80, 120, t0), 80);
        assert!(pacer.next_window("softbank", t0) > Duration::from_secs(59));
        assert_eq!(pacer.take("softbank", 80, 120, t0 + WINDOW), 80);
    }
}
