//! 通報: a member flags a post for the coordinators, once per post; a coordinator settles a post's
//! open reports by hiding it or by keeping it up after looking.

use crate::db::schema::post_reports;
use crate::db::{now, DbConnection};
use crate::domain::post::Reason;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

pub struct PostReport;

impl PostReport {
    /// Records a report; false when the member had already reported this post. Looks first, because
    /// a failed insert would abort the caller's transaction on PostgreSQL; the unique key still
    /// settles a race.
    pub fn insert(conn: &mut DbConnection, post_id: i64, member_id: i64, reason: &Reason) -> QueryResult<bool> {
        let existing = post_reports::table
            .filter(post_reports::post_id.eq(post_id))
            .filter(post_reports::member_id.eq(member_id))
            .count()
            .get_result::<i64>(conn)?;
        if existing > 0 {
            return Ok(false);
        }
        let inserted = diesel::insert_into(post_reports::table)
            .values((
                post_reports::post_id.eq(post_id),
                post_reports::member_id.eq(member_id),
                post_reports::reason.eq(reason.as_str()),
                post_reports::created_at.eq(now()),
            ))
            .execute(conn);
        match inserted {
            Ok(_) => Ok(true),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The reasons of a post's open reports, oldest first.
    pub fn open_reasons(conn: &mut DbConnection, post_id: i64) -> QueryResult<Vec<String>> {
        post_reports::table
            .filter(post_reports::post_id.eq(post_id))
            .filter(post_reports::resolved_at.is_null())
            .order(post_reports::id)
            .select(post_reports::reason)
            .load(conn)
    }

    /// (post, open reports) for every post with open reports.
    pub fn open_counts(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i64)>> {
        post_reports::table
            .filter(post_reports::resolved_at.is_null())
            .group_by(post_reports::post_id)
            .select((post_reports::post_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Settles a post's open reports in the name of `moderator`; how many there were.
    pub fn resolve(conn: &mut DbConnection, post_id: i64, moderator: i64) -> QueryResult<usize> {
        diesel::update(
            post_reports::table
                .filter(post_reports::post_id.eq(post_id))
                .filter(post_reports::resolved_at.is_null()),
        )
        .set((
            post_reports::resolved_at.eq(Some(now())),
            post_reports::resolved_by.eq(Some(moderator)),
        ))
        .execute(conn)
    }
}
