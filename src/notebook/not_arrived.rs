//! 未登校・連絡なし: the children of a school with no arrival pass today and no absence notice, and
//! the optional mail to their guardians at the school's configured time.

use crate::context::Context;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::QueryResult;

/// Queues the not-arrived mail of every school whose time has come today, once per school and day
/// (`notebook_nudges`). Called by the workers' maintenance; the number of mails queued.
pub fn nudge_due(_ctx: &Context, _conn: &mut DbConnection, _now: NaiveDateTime) -> QueryResult<usize> {
    // FOUNDATION STUB: the absence helper writes this.
    Ok(0)
}
