//! The job queue: side effects run by workers, never inside a request or a mail delivery.
//!
//! Workers read the due ids, then claim them with one `UPDATE … WHERE id IN (…) AND status =
//! 'pending' RETURNING`: only rows still pending are taken and returned. On PostgreSQL a second
//! worker's UPDATE waits for the first one's row locks, re-checks `status` and skips what was
//! taken; SQLite runs writers one at a time. No row is claimed twice.

use crate::db::schema::jobs;
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Decode and act on one stored inbound mail (`target_id` = inbound_mails.id).
    ProcessInbound,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::ProcessInbound => "process_inbound",
        }
    }

    pub fn parse(text: &str) -> Option<JobKind> {
        match text {
            "process_inbound" => Some(JobKind::ProcessInbound),
            _ => None,
        }
    }
}

/// Attempts before a job is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// A job claimed longer ago than this is taken to belong to a dead worker.
const STALE_AFTER_MINUTES: i64 = 10;

#[derive(Debug, Clone, Queryable)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub target_id: Option<i64>,
    pub attempts: i32,
}

impl Job {
    pub fn enqueue(conn: &mut DbConnection, kind: JobKind, target_id: Option<i64>) -> QueryResult<i64> {
        let at = now();
        diesel::insert_into(jobs::table)
            .values((
                jobs::kind.eq(kind.as_str()),
                jobs::target_id.eq(target_id),
                jobs::run_at.eq(at),
                jobs::created_at.eq(at),
            ))
            .returning(jobs::id)
            .get_result(conn)
    }

    /// Claims up to `limit` due jobs for this worker.
    pub fn claim(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Job>> {
        let at = now();
        diesel::update(jobs::table)
            .filter(jobs::status.eq("running"))
            .filter(jobs::claimed_at.lt(at - Duration::minutes(STALE_AFTER_MINUTES)))
            .set(jobs::status.eq("pending"))
            .execute(conn)?;
        let due = jobs::table
            .filter(jobs::status.eq("pending"))
            .filter(jobs::run_at.le(at))
            .order(jobs::id)
            .select(jobs::id)
            .limit(limit)
            .load::<i64>(conn)?;
        if due.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(jobs::table)
            .filter(jobs::id.eq_any(due))
            .filter(jobs::status.eq("pending"))
            .set((
                jobs::status.eq("running"),
                jobs::claimed_at.eq(at),
                jobs::attempts.eq(jobs::attempts + 1),
            ))
            .returning((jobs::id, jobs::kind, jobs::target_id, jobs::attempts))
            .get_results(conn)
    }

    pub fn done(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        diesel::update(jobs::table.find(id))
            .set((jobs::status.eq("done"), jobs::finished_at.eq(now())))
            .execute(conn)
    }

    /// Schedules another attempt after a transient failure, or gives up after `MAX_ATTEMPTS`.
    pub fn retry_later(conn: &mut DbConnection, job: &Job, error: &str) -> QueryResult<usize> {
        if job.attempts >= MAX_ATTEMPTS {
            return Job::fail(conn, job.id, error);
        }
        let delay = Duration::seconds(15 * (1 << job.attempts.clamp(0, 10)));
        diesel::update(jobs::table.find(job.id))
            .set((
                jobs::status.eq("pending"),
                jobs::run_at.eq(now() + delay),
                jobs::last_error.eq(error),
            ))
            .execute(conn)
    }

    pub fn fail(conn: &mut DbConnection, id: i64, error: &str) -> QueryResult<usize> {
        diesel::update(jobs::table.find(id))
            .set((
                jobs::status.eq("failed"),
                jobs::finished_at.eq(now()),
                jobs::last_error.eq(error),
            ))
            .execute(conn)
    }

    /// Jobs not yet finished (pending or running), for `worker --until-idle`.
    pub fn unfinished(conn: &mut DbConnection) -> QueryResult<i64> {
        jobs::table
            .filter(jobs::status.eq_any(["pending", "running"]))
            .count()
            .get_result(conn)
    }

    /// When the next pending job is due, if any.
    pub fn next_due(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
        jobs::table
            .filter(jobs::status.eq("pending"))
            .select(diesel::dsl::min(jobs::run_at))
            .first(conn)
    }
}
