//! Per-carrier pacing across every worker and process: at most `per_minute` mails to a carrier in
//! any sliding minute, counted from the outbox rows already sent to it (SoftBank blocks a sender
//! that sends too much; a limit kept per worker would multiply with the number of workers).
//!
//! Workers deciding at the same moment may together exceed the limit by what they claimed in that
//! moment; the next minute's allowance is smaller by as much.

use crate::db::models::outbox::OutboxMail;
use crate::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

const WINDOW: Duration = Duration::minutes(1);

/// How many mails to a carrier may go now, and when to try the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub now: usize,
    pub resume_at: NaiveDateTime,
}

pub fn allowance(
    conn: &mut DbConnection,
    carrier: &str,
    wanted: usize,
    per_minute: u32,
    now: NaiveDateTime,
) -> QueryResult<Allowance> {
    let (sent, oldest) = OutboxMail::sent_to_carrier_since(conn, carrier, now - WINDOW)?;
    let left = usize::try_from(i64::from(per_minute) - sent).unwrap_or(0);
    Ok(Allowance {
        now: left.min(wanted),
        // The window frees a place when its oldest mail leaves it (the first sent now, if none).
        resume_at: oldest.unwrap_or(now) + WINDOW + Duration::seconds(1),
    })
}
