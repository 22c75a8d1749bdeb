//! Running claimed jobs and recording how each ended.

use crate::context::Context;
use crate::db::models::job::{Job, JobKind};
use crate::db::queue::{Queue, Retry};
use crate::db::DbConnection;
use crate::mail::inbound::process::{process_inbound, JobError};
use crate::notebook;
use crate::support;
use diesel::QueryResult;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Jobs claimed per round.
const BATCH: i64 = 20;

pub fn run_due(ctx: &Context, conn: &mut DbConnection) -> QueryResult<usize> {
    let jobs = Job::claim(conn, BATCH)?;
    for job in &jobs {
        // A bug in one job must not take the worker down with it.
        let outcome = catch_unwind(AssertUnwindSafe(|| run(ctx, conn, job)))
            .unwrap_or_else(|_| Err(JobError::Permanent("job panicked".into())));
        // A settling that fails (the database is locked) leaves the job to its lease; the rest of
        // the claim is still run.
        if let Err(e) = settle(conn, job, outcome) {
            log::warn!("job {} ({}): recording its outcome: {e}", job.id, job.kind);
        }
    }
    Ok(jobs.len())
}

fn settle(conn: &mut DbConnection, job: &Job, outcome: Result<(), JobError>) -> QueryResult<()> {
    match outcome {
        Ok(()) => {
            Queue::Jobs.complete(conn, job.id)?;
        }
        Err(JobError::Transient(e)) => match Queue::Jobs.retry_later(conn, job.id, job.attempts, &e)? {
            Retry::After(wait) => log::warn!("job {} ({}): {e}; again in {wait}", job.id, job.kind),
            Retry::GaveUp => log::error!(
                "job {} ({}) failed after {} attempts: {e}",
                job.id,
                job.kind,
                job.attempts
            ),
        },
        Err(JobError::Permanent(e)) => {
            log::error!("job {} ({}) failed: {e}", job.id, job.kind);
            Queue::Jobs.fail(conn, job.id, &e)?;
        }
    }
    Ok(())
}

fn run(ctx: &Context, conn: &mut DbConnection, job: &Job) -> Result<(), JobError> {
    match (JobKind::parse(&job.kind), job.target_id) {
        (Some(JobKind::ProcessInbound), Some(id)) => process_inbound(ctx, conn, id),
        (Some(JobKind::SupportWave), Some(id)) => Ok(support::jobs::wave_due(ctx, conn, id)?),
        (Some(JobKind::SupportReminder), Some(id)) => Ok(support::jobs::reminder_due(ctx, conn, id)?),
        (Some(JobKind::NotebookSend), Some(id)) => Ok(notebook::deliver::send_due(ctx, conn, id)?),
        _ => Err(JobError::Permanent(format!(
            "unknown job {} / {:?}",
            job.kind, job.target_id
        ))),
    }
}
