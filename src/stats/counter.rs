//! Counting page views without a database write per request: counts gather in memory and a
//! flush (every few seconds in `serve`) adds them to the database in one transaction.
//!
//! What counts as a page view is decided by the middleware `routes::page_views`; what a crash
//! loses is the last few seconds of counts.

use crate::db::models::page_view::PageViews;
use crate::db::{write_transaction, DbConnection, DbPool};
use crate::domain::time::JST;
use chrono::{NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
pub struct PageViewCounter {
    pending: Mutex<Pending>,
}

#[derive(Debug, Default)]
struct Pending {
    views: HashMap<(NaiveDate, String), i64>,
    members: HashSet<(NaiveDate, i64)>,
}

impl PageViewCounter {
    pub fn record(&self, profile: &str, member_id: Option<i64>) {
        let day = Utc::now().with_timezone(&JST).date_naive();
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        *pending.views.entry((day, profile.to_string())).or_default() += 1;
        if let Some(member) = member_id {
            pending.members.insert((day, member));
        }
    }

    /// Writes what was counted since the last flush; on a database error the counts are kept for
    /// the next flush.
    pub fn flush(&self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        let taken = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if taken.views.is_empty() && taken.members.is_empty() {
            return Ok(());
        }
        let written = write_transaction(conn, |conn| {
            for ((day, profile), views) in &taken.views {
                PageViews::add(conn, *day, profile, *views)?;
            }
            for (day, member) in &taken.members {
                PageViews::member_seen(conn, *day, *member)?;
            }
            Ok(())
        });
        if written.is_err() {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            for (key, views) in taken.views {
                *pending.views.entry(key).or_default() += views;
            }
            pending.members.extend(taken.members);
        }
        written
    }
}

/// How often `serve` writes the counted page views.
pub const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// Writes the counts every `FLUSH_EVERY` for as long as the process runs.
pub fn spawn_flusher(counter: Arc<PageViewCounter>, pool: DbPool) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("page-views".into())
        .spawn(move || loop {
            std::thread::sleep(FLUSH_EVERY);
            flush_now(&counter, &pool);
        })?;
    Ok(())
}

/// One flush, logging rather than failing: statistics must never stop the service.
pub fn flush_now(counter: &PageViewCounter, pool: &DbPool) {
    let flushed = pool
        .get()
        .map_err(|e| e.to_string())
        .and_then(|mut conn| counter.flush(&mut conn).map_err(|e| e.to_string()));
    if let Err(e) = flushed {
        log::warn!("page views not written yet: {e}");
    }
}
