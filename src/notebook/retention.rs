//! Deleting messages (with their recipients, receipts, answers, replies and attachments), absence
//! notices, not-arrived marks and home board notes once their school year and the configured
//! period after it are over (`domain::notebook::retention`).

use crate::config::Settings;
use crate::db::schema::{
    home_notes, notebook_absences, notebook_contacted, notebook_messages, notebook_nudges, threads,
};
use crate::db::DbConnection;
use crate::domain::notebook::retention::last_year_past_keeping;
use crate::domain::notebook::school_year_end;
use crate::domain::thread::PlaceKind;
use crate::domain::time::{jst, jst_day_start};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// What a purge deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub messages: usize,
    pub absences: usize,
    pub notes: usize,
}

impl Purged {
    pub fn total(self) -> usize {
        self.messages + self.absences + self.notes
    }
}

/// Deletes what is past keeping at `now`. Safe to run on two workers at once: each statement
/// deletes what is left.
pub fn purge(conn: &mut DbConnection, settings: &Settings, now: NaiveDateTime) -> QueryResult<Purged> {
    let year = last_year_past_keeping(jst(now).date_naive(), settings.notebook.keep_days_after_year);
    let last_day = school_year_end(year);
    let messages = notebook_messages::table
        .filter(notebook_messages::school_year.le(year))
        .select(notebook_messages::thread_id);
    // The thread goes with everything hanging from it (the foreign keys cascade).
    let messages = diesel::delete(
        threads::table
            .filter(threads::place.eq(PlaceKind::Notebook.key()))
            .filter(threads::id.eq_any(messages)),
    )
    .execute(conn)?;
    let absences =
        diesel::delete(notebook_absences::table.filter(notebook_absences::day.le(last_day))).execute(conn)?;
    diesel::delete(notebook_contacted::table.filter(notebook_contacted::day.le(last_day))).execute(conn)?;
    diesel::delete(notebook_nudges::table.filter(notebook_nudges::day.le(last_day))).execute(conn)?;
    let notes_before = jst_day_start(last_day + Duration::days(1));
    let notes = diesel::delete(home_notes::table.filter(home_notes::created_at.lt(notes_before))).execute(conn)?;
    Ok(Purged {
        messages,
        absences,
        notes,
    })
}
