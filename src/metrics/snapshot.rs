//! The state shared by every process, read from the database at scrape time: the outbox's depth,
//! recent mail outcomes per carrier, how late alerts went out, and the readers' health.

use super::Exposition;
use crate::db::models::outbox::OutboxMail;
use crate::db::models::watch::reader::{Health, Reader};
use crate::db::DbConnection;
use chrono::{Duration, NaiveDateTime, Utc};
use std::collections::BTreeMap;

/// Outcomes and alert delays are reported over this window.
const WINDOW_MINUTES: i64 = 60;
/// Upper bounds (seconds) of the alert delay buckets; the target is p99 ≤ 10 s.
const DELAY_BUCKETS: [f64; 9] = [0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0];

/// What the database said, ready to write.
#[derive(Debug, Default)]
pub struct Snapshot {
    depth: Vec<(String, String, i64)>,
    outcomes: BTreeMap<(String, String), u64>,
    /// Seconds from queueing to hand-over, per alert sent in the window.
    alert_delays: Vec<f64>,
    readers: Vec<Reader>,
    now: NaiveDateTime,
}

impl Snapshot {
    pub fn read(conn: &mut DbConnection) -> diesel::QueryResult<Self> {
        let now = Utc::now().naive_utc();
        let since = now - Duration::minutes(WINDOW_MINUTES);
        let mut outcomes = BTreeMap::new();
        for (_, carrier, status) in OutboxMail::outcomes_between(conn, since, now + Duration::seconds(1))? {
            *outcomes.entry((carrier, status)).or_default() += 1;
        }
        let alert_delays = OutboxMail::alert_delays_since(conn, since)?
            .into_iter()
            .filter_map(|(queued, sent)| sent.map(|sent| (sent - queued).num_milliseconds().max(0) as f64 / 1000.0))
            .collect();
        Ok(Snapshot {
            depth: OutboxMail::depth(conn)?,
            outcomes,
            alert_delays,
            readers: Reader::all(conn)?,
            now,
        })
    }

    pub fn write(&self, out: &mut Exposition) {
        const DEPTH: &str = "hiroba_outbox_depth";
        out.family(
            DEPTH,
            "gauge",
            "Mails waiting (pending) or being sent (sending), by kind.",
        );
        for (kind, status, n) in &self.depth {
            out.sample(DEPTH, &[("kind", kind), ("state", status)], *n as f64);
        }

        const OUTCOMES: &str = "hiroba_mails_last_hour";
        out.family(
            OUTCOMES,
            "gauge",
            "Mails queued in the last hour that were sent or given up (failed), per carrier.",
        );
        for ((carrier, status), n) in &self.outcomes {
            out.sample(OUTCOMES, &[("carrier", carrier), ("state", status)], *n as f64);
        }

        // Cumulative buckets over the window: a histogram's shape, but a gauge, because the
        // window moves (Prometheus counters may never go down).
        const DELAY: &str = "hiroba_alert_delay_last_hour_seconds";
        out.family(DELAY, "gauge", "Alerts (見守り, emergency) sent in the last hour whose delay from queueing to the relay was at most le seconds.");
        for bound in DELAY_BUCKETS {
            let n = self.alert_delays.iter().filter(|d| **d <= bound).count();
            out.sample(DELAY, &[("le", &bound.to_string())], n as f64);
        }
        out.sample(DELAY, &[("le", "+Inf")], self.alert_delays.len() as f64);

        const HEALTH: &str = "hiroba_reader_up";
        out.family(
            HEALTH,
            "gauge",
            "1 if the reader was heard from lately, 0 if it went silent or was never heard from.",
        );
        const SEEN: &str = "hiroba_reader_last_seen_age_seconds";
        let mut seen = Vec::new();
        for reader in &self.readers {
            let id = reader.id.to_string();
            let school = reader.school_id.to_string();
            let labels = [
                ("reader", id.as_str()),
                ("school", school.as_str()),
                ("health", reader.health().as_str()),
            ];
            let up = reader.health() == Health::Online;
            out.sample(HEALTH, &labels, if up { 1.0 } else { 0.0 });
            if let Some(at) = reader.last_seen_at {
                seen.push((id, school, (self.now - at).num_seconds().max(0)));
            }
        }
        out.family(SEEN, "gauge", "Seconds since the reader last sent anything.");
        for (id, school, age) in seen {
            out.sample(SEEN, &[("reader", &id), ("school", &school)], age as f64);
        }
    }
}
