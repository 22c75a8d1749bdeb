//! 通報: a member flags a thread for the coordinators, once per thread; a coordinator settles a
//! thread's open reports by hiding it or by keeping it up after looking.

use crate::db::schema::thread_reports;
use crate::db::{now, DbConnection};
use crate::domain::post::Reason;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// The queries on `thread_reports`.
pub struct ThreadReport;

impl ThreadReport {
    /// Records a report; false when the member had already reported this thread. Looks first,
    /// because a failed insert would abort the caller's transaction on PostgreSQL; the unique key
    /// still settles a race.
    pub fn insert(conn: &mut DbConnection, thread_id: i64, member_id: i64, reason: &Reason) -> QueryResult<bool> {
        let existing = thread_reports::table
            .filter(thread_reports::thread_id.eq(thread_id))
            .filter(thread_reports::member_id.eq(member_id))
            .count()
            .get_result::<i64>(conn)?;
        if existing > 0 {
            return Ok(false);
        }
        let inserted = diesel::insert_into(thread_reports::table)
            .values((
                thread_reports::thread_id.eq(thread_id),
                thread_reports::member_id.eq(member_id),
                thread_reports::reason.eq(reason.as_str()),
                thread_reports::created_at.eq(now()),
            ))
            .execute(conn);
        match inserted {
            Ok(_) => Ok(true),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The reasons of a thread's open reports, oldest first.
    pub fn open_reasons(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<String>> {
        thread_reports::table
            .filter(thread_reports::thread_id.eq(thread_id))
            .filter(thread_reports::resolved_at.is_null())
            .order(thread_reports::id)
            .select(thread_reports::reason)
            .load(conn)
    }

    /// (thread, open reports) for every thread with open reports.
    pub fn open_counts(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i64)>> {
        thread_reports::table
            .filter(thread_reports::resolved_at.is_null())
            .group_by(thread_reports::thread_id)
            .select((thread_reports::thread_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Settles a thread's open reports in the name of `moderator`; how many there were.
    pub fn resolve(conn: &mut DbConnection, thread_id: i64, moderator: i64) -> QueryResult<usize> {
        diesel::update(
            thread_reports::table
                .filter(thread_reports::thread_id.eq(thread_id))
                .filter(thread_reports::resolved_at.is_null()),
        )
        .set((
            thread_reports::resolved_at.eq(Some(now())),
            thread_reports::resolved_by.eq(Some(moderator)),
        ))
        .execute(conn)
    }
}
