//! Password hashing on a few threads of its own.
//!
//! An argon2 check takes 19 MiB and tens of milliseconds of one core. Run on the request or
//! database threads, fifty logins at once held fifty pool connections and left hundreds of MB of
//! allocator arenas behind. Here at most `threads` hashes run at once, each thread reusing its own
//! memory; a few more wait in a short queue, and the rest are told to come back (429).

use crate::auth::password::{hash_password, verify_against_nothing, verify_password, Password};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

struct Job {
    queued: Instant,
    /// Runs the work when given true; given false (it waited too long), only answers Busy.
    run: Box<dyn FnOnce(bool) + Send>,
}

/// Too many passwords are being checked: the request should be answered 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

#[derive(Debug)]
pub struct HashPool {
    queue: SyncSender<Job>,
}

impl HashPool {
    /// A server's pool: one hash at a time (19 MiB, so the server stays within 64 MB), up to 64
    /// waiting at most 3 s each: at about 30 ms a check, fifty logins at once fit in.
    pub fn for_server() -> std::io::Result<Self> {
        HashPool::start(1, 64, Duration::from_secs(3))
    }

    /// `threads` hashes at a time; up to `waiting` more queue for at most `max_wait` each.
    pub fn start(threads: usize, waiting: usize, max_wait: Duration) -> std::io::Result<Self> {
        let (sender, receiver) = sync_channel::<Job>(waiting);
        let receiver = std::sync::Arc::new(Mutex::new(receiver));
        for n in 0..threads.max(1) {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || loop {
                    // The lock is held only to take the next job, never while hashing.
                    let next = receiver.lock().map(|r| r.recv());
                    let Ok(Ok(job)) = next else { return };
                    (job.run)(job.queued.elapsed() <= max_wait);
                })?;
        }
        Ok(HashPool { queue: sender })
    }

    /// Runs `work` on a password thread, or says Busy when the queue is full or it waited too long.
    pub async fn run<T, F>(&self, work: F) -> Result<T, Busy>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (tell, answer) = oneshot::channel::<Result<T, Busy>>();
        let job = Job {
            queued: Instant::now(),
            run: Box::new(move |in_time| {
                // The request may have gone (client closed); nothing to tell then.
                let _ = tell.send(if in_time { Ok(work()) } else { Err(Busy) });
            }),
        };
        match self.queue.try_send(job) {
            Ok(()) => answer.await.unwrap_or(Err(Busy)),
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => Err(Busy),
        }
    }

    /// Whether `typed` matches `stored`; with no stored hash, spends the same time and says no.
    pub async fn verify(&self, typed: String, stored: Option<String>) -> Result<bool, Busy> {
        self.run(move || match stored {
            Some(stored) => verify_password(&typed, &stored),
            None => {
                verify_against_nothing(&typed);
                false
            }
        })
        .await
    }

    /// A new hash for a password that passed the rules.
    pub async fn hash(&self, password: Password) -> Result<Result<String, String>, Busy> {
        self.run(move || hash_password(&password)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn verifies_and_hashes_off_the_caller() {
        let pool = HashPool::start(1, 4, Duration::from_secs(5)).unwrap();
        let stored = block_on(pool.hash(Password::parse("はなまま-2026").unwrap()))
            .unwrap()
            .unwrap();
        assert_eq!(
            block_on(pool.verify("はなまま-2026".into(), Some(stored.clone()))),
            Ok(true)
        );
        assert_eq!(block_on(pool.verify("はなまま-2025".into(), Some(stored))), Ok(false));
        assert_eq!(block_on(pool.verify("anything".into(), None)), Ok(false));
    }

    #[test]
    fn never_more_at_once_than_threads_and_the_rest_are_busy() {
        let pool = Arc::new(HashPool::start(2, 3, Duration::from_secs(10)).unwrap());
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let outcomes = runtime.block_on(async {
            let tasks = (0..10).map(|_| {
                let (running, most) = (running.clone(), most.clone());
                pool.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(100));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
            });
            futures_util::future::join_all(tasks).await
        });
        assert!(most.load(Ordering::SeqCst) <= 2, "at most two hashes at once");
        let done = outcomes.iter().filter(|o| o.is_ok()).count();
        let busy = outcomes.iter().filter(|o| **o == Err(Busy)).count();
        // Two running (or about to) plus three waiting are served; the others are turned away.
        assert!((3..=5).contains(&done), "served {done}");
        assert_eq!(done + busy, 10);
        assert!(busy >= 5);
    }

    #[test]
    fn a_job_that_waited_too_long_is_busy_not_run() {
        let pool = Arc::new(HashPool::start(1, 4, Duration::from_millis(50)).unwrap());
        let ran = Arc::new(AtomicUsize::new(0));
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let outcomes = runtime.block_on(async {
            let slow = pool.run(|| std::thread::sleep(Duration::from_millis(200)));
            let late = {
                let ran = ran.clone();
                pool.run(move || {
                    ran.fetch_add(1, Ordering::SeqCst);
                })
            };
            futures_util::future::join(slow, late).await
        });
        assert_eq!(outcomes, (Ok(()), Err(Busy)));
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }
}
