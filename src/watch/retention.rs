//! Deleting what is no longer needed: passes and reader events after the retention period,
//! and replay-guard signatures once the clock-skew window has closed.

use crate::config::Settings;
use crate::db::models::watch::pass::Pass;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::reader_event::ReaderEvent;
use crate::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

/// What a purge deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub passes: usize,
    pub events: usize,
    pub signatures: usize,
}

pub fn purge(conn: &mut DbConnection, settings: &Settings, now: NaiveDateTime) -> QueryResult<Purged> {
    let before = now - Duration::days(i64::from(settings.watch.retention_days));
    // Twice the skew allowed: a signature older than that cannot pass the timestamp check.
    let skew = Duration::seconds(2 * super::signature::MAX_SKEW_SECS);
    Ok(Purged {
        // Events first: they point at passes.
        events: ReaderEvent::delete_before(conn, before)?,
        passes: Pass::delete_before(conn, before)?,
        signatures: Reader::forget_requests_before(conn, now - skew)?,
    })
}
