//! Wakes this process's idle workers as soon as work was committed, instead of at the next poll.
//!
//! The poll stays: other processes (`hiroba worker`, another `serve`) queue work that no signal
//! here announces. A generation counter rather than a bare condition variable, so that a signal
//! sent while a worker was busy with a round is not lost: the worker sees the count has moved.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Wakeup {
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Wakeup {
    /// Announces new work; call after the transaction that queued it has committed.
    pub fn notify(&self) {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.changed.notify_all();
    }

    /// The current generation, to pass to [`wait`](Self::wait) after a round.
    pub fn generation(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sleeps until a notification newer than `seen`, or `timeout`.
    pub fn wait(&self, seen: u64, timeout: Duration) {
        let generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        drop(
            self.changed
                .wait_timeout_while(generation, timeout, |now| *now == seen)
                .unwrap_or_else(|e| e.into_inner()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Instant;

    #[test]
    fn a_notification_during_a_round_is_not_lost_and_one_after_it_wakes_at_once() {
        let wakeup = Arc::new(Wakeup::default());
        let seen = wakeup.generation();
        wakeup.notify();
        let started = Instant::now();
        wakeup.wait(seen, Duration::from_secs(10));
        assert!(started.elapsed() < Duration::from_secs(1));

        let seen = wakeup.generation();
        let other = Arc::clone(&wakeup);
        let notifier = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            other.notify();
        });
        let started = Instant::now();
        wakeup.wait(seen, Duration::from_secs(10));
        assert!(started.elapsed() < Duration::from_secs(5));
        notifier.join().unwrap();

        let started = Instant::now();
        wakeup.wait(wakeup.generation(), Duration::from_millis(30));
        assert!(
            started.elapsed() >= Duration::from_millis(30),
            "no notification: the timeout"
        );
    }
}
