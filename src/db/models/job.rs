//! Jobs: side effects run by workers, never inside a request or a mail delivery.
//!
//! What a job is and how it is queued; claiming, leases, retries and giving up are the queue
//! mechanism's (`db::queue`, `Queue::Jobs`).

use crate::db::queue::Queue;
use crate::db::schema::jobs;
use crate::db::{now, DbConnection};
use diesel::prelude::*;

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Decode and act on one stored inbound mail (`target_id` = inbound_mails.id).
    ProcessInbound,
    /// 送迎・あずかり支援: a wave's time is up; send the next or report the request unfilled
    /// (`target_id` = support_requests.id).
    SupportWave,
    /// 送迎・あずかり支援: remind both sides of a matched activity (`target_id` = support_requests.id).
    SupportReminder,
    /// 連絡帳: a message is due; make its recipients and queue their notices
    /// (`target_id` = notebook_messages.thread_id). Queued for the message's `send_at`.
    NotebookSend,
}

impl JobKind {
    /// The name stored in `jobs.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::ProcessInbound => "process_inbound",
            JobKind::SupportWave => "support_wave",
            JobKind::SupportReminder => "support_reminder",
            JobKind::NotebookSend => "notebook_send",
        }
    }

    /// The kind a stored name stands for, if any.
    pub fn parse(text: &str) -> Option<JobKind> {
        match text {
            "process_inbound" => Some(JobKind::ProcessInbound),
            "support_wave" => Some(JobKind::SupportWave),
            "support_reminder" => Some(JobKind::SupportReminder),
            "notebook_send" => Some(JobKind::NotebookSend),
            _ => None,
        }
    }
}

/// A claimed job as the worker sees it.
#[derive(Debug, Clone, QueryableByName)]
#[diesel(table_name = jobs)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub target_id: Option<i64>,
    /// Attempts so far, this one included.
    pub attempts: i32,
}

impl Job {
    /// Queues a job, due now; call inside the transaction of the change that causes it.
    pub fn enqueue(conn: &mut DbConnection, kind: JobKind, target_id: Option<i64>) -> QueryResult<i64> {
        Job::enqueue_at(conn, kind, target_id, now())
    }

    /// Queues a job due at `run_at` (UTC): a wave's deadline, a reminder's evening.
    pub fn enqueue_at(
        conn: &mut DbConnection,
        kind: JobKind,
        target_id: Option<i64>,
        run_at: chrono::NaiveDateTime,
    ) -> QueryResult<i64> {
        let at = now();
        diesel::insert_into(jobs::table)
            .values((
                jobs::kind.eq(kind.as_str()),
                jobs::target_id.eq(target_id),
                jobs::run_at.eq(run_at),
                jobs::created_at.eq(at),
            ))
            .returning(jobs::id)
            .get_result(conn)
    }

    /// Claims up to `limit` due jobs for this worker (see `db::queue`), oldest first. Settle each
    /// through `Queue::Jobs`.
    pub fn claim(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Job>> {
        let mut claimed: Vec<Job> = Queue::Jobs.claim(conn, limit)?;
        claimed.sort_by_key(|job| job.id);
        Ok(claimed)
    }
}
