//! The notebook's part of the workers' periodic maintenance (every minute, on any worker; each
//! step is safe to run twice at once).

use crate::context::Context;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::QueryResult;

pub fn run(ctx: &Context, conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<()> {
    let nudged = super::not_arrived::nudge_due(ctx, conn, now)?;
    let purged = super::retention::purge(conn, &ctx.settings, now)?;
    if nudged > 0 || purged.total() > 0 {
        log::info!("notebook: {nudged} not-arrived mails queued; deleted {purged:?}");
    }
    Ok(())
}
