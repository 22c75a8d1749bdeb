//! Sends a plan: each reader's reads in `seq` order, signed, in batches, from a few threads.
//!
//! Readers are shared out among the threads; a thread waits until its earliest read is due and
//! sends that reader everything due by then, up to the batch size. With a span of zero every read
//! is due at once, so each reader sends full batches back to back. A failed batch may be retried
//! like a reader does: same `seq` values, a new signature, after 1 s, 2 s, 4 s … or `Retry-After`.

use super::client::{BaseUrl, Client};
use super::participants::{Participants, SimReader};
use super::plan::{plan, PlannedRead, Scenario};
use super::{SimulateError, Summary};
use crate::watch::batch::MAX_EVENTS;
use crate::watch::signature::{sign, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use chrono::{DateTime, SecondsFormat, Utc};
use indicatif::ProgressBar;
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

/// What to play and how (the options of `hiroba readers simulate`).
#[derive(Debug, Clone)]
pub struct Options {
    /// The server's base URL, `http://host:port`.
    pub url: String,
    pub scenario: Scenario,
    /// The span of the run; 0 sends everything as fast as possible.
    pub minutes: u32,
    /// The most events per request.
    pub batch: usize,
    /// Threads sending in parallel, each for its share of the readers.
    pub concurrency: usize,
    /// Seeds the plan: the same seed plays the same children at the same readers.
    pub seed: u64,
    /// How often a batch is sent again after a 5xx, a 409 or no answer, as a reader would (with
    /// the protocol's backoff, re-signed); 0 counts the first failure as final.
    pub retries: u32,
}

/// The server's answer to a batch.
#[derive(serde::Deserialize)]
struct Answer {
    accepted: usize,
    duplicates: usize,
    unknown_tags: usize,
}

/// One event as sent.
#[derive(serde::Serialize)]
struct WireEvent<'a> {
    seq: u64,
    tag: &'a str,
    read_at: String,
    direction: Option<&'static str>,
}

/// A reader's reads still to send, each with its `seq`.
struct ReaderQueue<'a> {
    reader: &'a SimReader,
    reads: VecDeque<(u64, PlannedRead)>,
    /// A batch that failed and waits to be sent again; the reader sends nothing else meanwhile.
    retry: Option<Retry>,
}

struct Retry {
    /// When, after the start of the run.
    due: Duration,
    /// Retries already made.
    attempt: u32,
    events: Vec<(u64, PlannedRead)>,
}

impl ReaderQueue<'_> {
    /// When this reader next has something to send.
    fn next_due(&self) -> Option<Duration> {
        match &self.retry {
            Some(retry) => Some(retry.due),
            None => self.reads.front().map(|(_, read)| read.at),
        }
    }
}

/// What every sending thread is told.
#[derive(Debug, Clone, Copy)]
struct Sending {
    batch: usize,
    retries: u32,
}

/// Plays the scenario against the server; failed requests are counted, not fatal.
pub fn simulate(participants: &Participants, options: &Options) -> Result<Summary, SimulateError> {
    let base = BaseUrl::parse(&options.url)?;
    let span = Duration::from_secs(u64::from(options.minutes) * 60);
    let reads = plan(participants, options.scenario, span, options.seed);
    if reads.is_empty() {
        return Err(SimulateError::NothingToPlay);
    }
    let events = reads.len();
    let queues = queues(participants, reads, first_seq());
    let threads = options.concurrency.clamp(1, queues.len());
    let mut lanes: Vec<Vec<ReaderQueue>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, queue) in queues.into_iter().enumerate() {
        lanes[i % threads].push(queue);
    }
    let mut summary = Summary {
        scenario: format!("{} {}", options.scenario.label(), options.scenario.as_str()),
        readers: lanes.iter().map(Vec::len).sum(),
        children: participants.children(),
        events,
        ..Summary::default()
    };
    let sending = Sending {
        batch: options.batch.clamp(1, MAX_EVENTS),
        retries: options.retries,
    };
    let progress = crate::progress::bar(events as u64, "読み取りを送信中 (sending reads)");
    let (start, start_wall) = (Instant::now(), Utc::now());
    let parts: Vec<Summary> = std::thread::scope(|scope| {
        let handles: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                let client = Client::new(base.clone());
                let progress = progress.clone();
                scope.spawn(move || play(lane, client, start, start_wall, sending, &progress))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    let mut lost = Summary::default();
                    lost.record_failure(Duration::ZERO, "panic".into(), "a sending thread panicked".into());
                    lost
                })
            })
            .collect()
    });
    for part in parts {
        summary.merge(part);
    }
    summary.elapsed = start.elapsed();
    progress.finish_and_clear();
    Ok(summary)
}

/// The first `seq` of this run for every reader: the current Unix time in milliseconds × 1000,
/// above anything an earlier run (or a reader counting from its own start time in ms) has used.
fn first_seq() -> u64 {
    u64::try_from(Utc::now().timestamp_millis()).unwrap_or_default() * 1000
}

/// Each reader's reads in plan order, numbered from `first_seq`.
fn queues(participants: &Participants, reads: Vec<PlannedRead>, first_seq: u64) -> Vec<ReaderQueue<'_>> {
    let mut queues: BTreeMap<i64, ReaderQueue> = participants
        .readers()
        .map(|reader| {
            let queue = ReaderQueue {
                reader,
                reads: VecDeque::new(),
                retry: None,
            };
            (reader.id, queue)
        })
        .collect();
    for read in reads {
        if let Some(queue) = queues.get_mut(&read.reader_id) {
            let seq = first_seq + queue.reads.len() as u64;
            queue.reads.push_back((seq, read));
        }
    }
    queues.into_values().filter(|q| !q.reads.is_empty()).collect()
}

/// One thread's readers, sent in time order over one connection.
fn play(
    mut lane: Vec<ReaderQueue>,
    mut client: Client,
    start: Instant,
    start_wall: DateTime<Utc>,
    options: Sending,
    progress: &ProgressBar,
) -> Summary {
    let mut summary = Summary::default();
    loop {
        let next = lane
            .iter_mut()
            .filter_map(|queue| queue.next_due().zip(Some(queue)))
            .min_by_key(|(due, _)| *due);
        let Some((due, queue)) = next else {
            return summary;
        };
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
        let (events, attempt) = match queue.retry.take() {
            Some(retry) => (retry.events, retry.attempt),
            None => {
                let now = start.elapsed();
                let mut events = Vec::new();
                while events.len() < options.batch && queue.reads.front().is_some_and(|(_, read)| read.at <= now) {
                    events.extend(queue.reads.pop_front());
                }
                (events, 0)
            }
        };
        match send(&mut client, &mut summary, queue.reader, &events, start_wall) {
            Outcome::Delivered => progress.inc(events.len() as u64),
            Outcome::Retry(retry_after) if attempt < options.retries => {
                summary.retried += 1;
                let wait = backoff(attempt).max(retry_after.unwrap_or_default());
                queue.retry = Some(Retry {
                    due: start.elapsed() + wait,
                    attempt: attempt + 1,
                    events,
                });
            }
            Outcome::Retry(_) | Outcome::Refused => {
                summary.undelivered += events.len();
                progress.inc(events.len() as u64);
            }
        }
    }
}

/// The protocol's backoff before retry `attempt + 1`: 1 s, 2 s, 4 s … at most 5 minutes.
fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.min(8)).min(Duration::from_secs(300))
}

/// How a request ended.
enum Outcome {
    Delivered,
    /// Worth sending again (5xx, 409, no answer), not before `Retry-After` if given.
    Retry(Option<Duration>),
    /// Sending it again would fail the same way.
    Refused,
}

/// Signs and posts one batch (with a fresh timestamp), and counts the answer.
fn send(
    client: &mut Client,
    summary: &mut Summary,
    reader: &SimReader,
    events: &[(u64, PlannedRead)],
    start_wall: DateTime<Utc>,
) -> Outcome {
    let wire: Vec<WireEvent> = events
        .iter()
        .map(|(seq, read)| WireEvent {
            seq: *seq,
            tag: &read.tag,
            read_at: (start_wall + read.at).to_rfc3339_opts(SecondsFormat::Millis, true),
            direction: read.direction.map(|d| d.as_str()),
        })
        .collect();
    let body = match serde_json::to_vec(&wire) {
        Ok(body) => body,
        Err(e) => {
            summary.record_failure(Duration::ZERO, "json".into(), e.to_string());
            return Outcome::Refused;
        }
    };
    let path = format!("/api/v1/readers/{}/events", reader.id);
    let timestamp = Utc::now().timestamp();
    let signature = sign(reader.secret.as_bytes(), timestamp, "POST", &path, &body);
    let timestamp = timestamp.to_string();
    let headers = [
        ("Content-Type", "application/json"),
        (TIMESTAMP_HEADER, timestamp.as_str()),
        (SIGNATURE_HEADER, signature.as_str()),
    ];
    summary.first_request_at.get_or_insert_with(Utc::now);
    let sent = Instant::now();
    let outcome = client.post(&path, &headers, &body);
    let took = sent.elapsed();
    let answer = match outcome {
        Ok(answer) => answer,
        Err(e) => {
            summary.record_failure(took, "connection".into(), format!("{}: {e}", reader.name));
            return Outcome::Retry(None);
        }
    };
    let status = answer.status;
    if (200..300).contains(&status) {
        return match serde_json::from_slice::<Answer>(&answer.body) {
            Ok(a) => {
                summary.record_ok(took, a.accepted, a.duplicates, a.unknown_tags);
                Outcome::Delivered
            }
            Err(e) => {
                summary.record_failure(took, status.to_string(), format!("unreadable answer: {e}"));
                Outcome::Refused
            }
        };
    }
    let text = String::from_utf8_lossy(&answer.body);
    let excerpt: String = text.chars().take(300).collect();
    summary.record_failure(took, status.to_string(), format!("{} {excerpt}", reader.name));
    if status >= 500 || status == 409 {
        Outcome::Retry(answer.retry_after)
    } else {
        Outcome::Refused
    }
}
