//! What a simulation did: requests, events as the server counted them, failures, timing.

use chrono::{DateTime, SecondsFormat, Utc};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// Failed requests described in full; the rest are only counted.
const MAX_SAMPLES: usize = 5;

/// The outcome of a run (or of one sending thread, before [`Summary::merge`]).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// `morning` or `dismissal`, with its Japanese label.
    pub scenario: String,
    pub readers: usize,
    pub children: usize,
    /// Reads planned (each sent in exactly one request).
    pub events: usize,
    /// HTTP requests sent, retries included.
    pub requests: usize,
    /// Requests without a 2xx answer (connection failures included).
    pub failed: usize,
    /// Failed requests whose batch was sent again.
    pub retried: usize,
    /// Events of batches given up: not stored by the server.
    pub undelivered: usize,
    pub accepted: usize,
    pub duplicates: usize,
    pub unknown_tags: usize,
    /// Failed requests by status code, or `connection` when there was no answer.
    pub errors: BTreeMap<String, usize>,
    /// The first few failures, with the answer's body.
    pub samples: Vec<String>,
    /// When the first request was sent (wall clock; benchmarks measure from it).
    pub first_request_at: Option<DateTime<Utc>>,
    /// From the start of the run to the last answer.
    pub elapsed: Duration,
    /// How long each request took, from sending to the whole answer.
    pub response_times: Vec<Duration>,
}

impl Summary {
    /// A 2xx answer with the server's counts.
    pub fn record_ok(&mut self, took: Duration, accepted: usize, duplicates: usize, unknown_tags: usize) {
        self.requests += 1;
        self.response_times.push(took);
        self.accepted += accepted;
        self.duplicates += duplicates;
        self.unknown_tags += unknown_tags;
    }

    /// A request without a 2xx answer: `kind` is the status or `connection`.
    pub fn record_failure(&mut self, took: Duration, kind: String, detail: String) {
        self.requests += 1;
        self.failed += 1;
        self.response_times.push(took);
        if self.samples.len() < MAX_SAMPLES {
            self.samples.push(format!("{kind}: {detail}"));
        }
        *self.errors.entry(kind).or_default() += 1;
    }

    /// Adds another thread's counts.
    pub fn merge(&mut self, other: Summary) {
        self.requests += other.requests;
        self.failed += other.failed;
        self.retried += other.retried;
        self.undelivered += other.undelivered;
        self.accepted += other.accepted;
        self.duplicates += other.duplicates;
        self.unknown_tags += other.unknown_tags;
        for (kind, n) in other.errors {
            *self.errors.entry(kind).or_default() += n;
        }
        for sample in other.samples {
            if self.samples.len() < MAX_SAMPLES {
                self.samples.push(sample);
            }
        }
        self.first_request_at = match (self.first_request_at, other.first_request_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.response_times.extend(other.response_times);
    }

    /// The `q`-quantile (0..=1) of the response times.
    pub fn response_time(&self, q: f64) -> Option<Duration> {
        let mut times = self.response_times.clone();
        times.sort();
        let last = times.len().checked_sub(1)?;
        times.get(((last as f64) * q).round() as usize).copied()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Option<Duration>| d.map_or("-".into(), |d| format!("{:.1} ms", d.as_secs_f64() * 1e3));
        writeln!(
            f,
            "シナリオ (scenario): {}; リーダー (readers) {} 台、児童 (children) {} 人、読み取り (reads) {} 件",
            self.scenario, self.readers, self.children, self.events
        )?;
        writeln!(
            f,
            "リクエスト (requests): {} 件、成功 (ok) {}、失敗 (failed) {} (うち再送 retried {})",
            self.requests,
            self.requests - self.failed,
            self.failed,
            self.retried
        )?;
        writeln!(
            f,
            "イベント (events): 受理 (accepted) {}、重複 (duplicates) {}、未登録タグ (unknown tags) {}、未送達 (not delivered) {}",
            self.accepted, self.duplicates, self.unknown_tags, self.undelivered
        )?;
        let rate = self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9);
        writeln!(
            f,
            "所要時間 (elapsed): {:.3} s ({rate:.1} requests/s); 応答時間 (response time) p50 {}, p99 {}, max {}",
            self.elapsed.as_secs_f64(),
            ms(self.response_time(0.5)),
            ms(self.response_time(0.99)),
            ms(self.response_time(1.0)),
        )?;
        if let Some(at) = self.first_request_at {
            writeln!(
                f,
                "最初の送信 (first request): {}",
                at.to_rfc3339_opts(SecondsFormat::Micros, true)
            )?;
        }
        if !self.errors.is_empty() {
            let by_kind: Vec<String> = self.errors.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
            writeln!(f, "失敗の内訳 (errors by status): {}", by_kind.join(", "))?;
            for sample in &self.samples {
                writeln!(f, "  {sample}")?;
            }
        }
        Ok(())
    }
}
