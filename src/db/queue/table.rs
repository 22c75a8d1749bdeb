//! What the mechanism knows of each queue table: the names that differ, and the rules.

use super::{Backoff, Queue};
use chrono::Duration;

/// A queue table's names and rules. Columns every queue has under the same name: `id`, `status`
/// (`pending`, the claimed word, the done word, `failed`), `attempts`, `claimed_at`,
/// `lease_until` and `last_error`.
#[derive(Debug)]
pub(super) struct Table {
    pub name: &'static str,
    /// When a pending row is due.
    pub due: &'static str,
    /// The status of a claimed row.
    pub claimed: &'static str,
    /// The status of a row whose work is done.
    pub done: &'static str,
    /// Stamped when the work is done.
    pub done_at: &'static str,
    /// Stamped when the row is given up, if the table records that.
    pub failed_at: Option<&'static str>,
    /// Which due rows are claimed first.
    pub order: &'static str,
    /// The columns `order` names (the claim picks them to sort its two picks together).
    pub order_columns: &'static str,
    /// How long a claim lasts before another worker may take the row.
    pub lease: Duration,
    pub backoff: Backoff,
}

/// A job's claim outlives a dead worker by this much. A job is short, but inbound processing of a
/// large photo mail may take a while.
const JOB_LEASE: Duration = Duration::minutes(10);

/// A mail's claim outlives a dead worker by this much (the workers renew it while they send, and
/// `[mail] lease_seconds` sets theirs): a dead worker's alerts go out again within seconds.
const MAIL_LEASE: Duration = Duration::seconds(30);

const JOBS: Table = Table {
    name: "jobs",
    due: "run_at",
    claimed: "running",
    done: "done",
    done_at: "finished_at",
    failed_at: Some("finished_at"),
    order: "id",
    order_columns: "id",
    lease: JOB_LEASE,
    backoff: Backoff {
        first: Duration::seconds(30),
        longest: Duration::hours(1),
        max_attempts: 8,
    },
};

const OUTBOX: Table = Table {
    name: "outbox",
    due: "next_attempt_at",
    claimed: "sending",
    done: "sent",
    done_at: "sent_at",
    // `sent_at` is the time of the hand-over to the relay; a mail given up has none.
    failed_at: None,
    // Alerts before a mail magazine queued earlier.
    order: "priority DESC, id",
    order_columns: "id, priority",
    lease: MAIL_LEASE,
    // The kind's lifetime usually ends a mail's retries first (docs/mail.md).
    backoff: Backoff {
        first: Duration::seconds(30),
        longest: Duration::hours(1),
        max_attempts: 10,
    },
};

impl Queue {
    pub(super) fn table(self) -> &'static Table {
        match self {
            Queue::Jobs => &JOBS,
            Queue::Outbox => &OUTBOX,
        }
    }

    /// How long a claim lasts before another worker may claim the row again.
    pub fn lease(self) -> Duration {
        self.table().lease
    }

    /// When a failed attempt is tried again, and after how many attempts the row is given up.
    pub fn backoff(self) -> Backoff {
        self.table().backoff
    }
}
