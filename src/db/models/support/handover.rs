//! The handover check on a matched request's progress row: the 受け渡しコード recorded once, and
//! wrong entries counted up to a limit by conditional UPDATEs, so that two entries at the same
//! moment (two phones, a tap and a reply mail, two app servers) never record twice or count past
//! the limit, on either backend.

use crate::db::models::support::request::Progress;
use crate::db::schema::support_progress;
use crate::db::{now, DbConnection};
use crate::domain::support::status::RequestStatus;
use diesel::prelude::*;

impl Progress {
    /// Records the handover time if it was not recorded yet and the match stands; true for the
    /// one caller that recorded it.
    pub fn record_handover(conn: &mut DbConnection, request_id: i64) -> QueryResult<bool> {
        diesel::update(
            support_progress::table
                .find(request_id)
                .filter(support_progress::status.eq(RequestStatus::Matched.as_str()))
                .filter(support_progress::handed_over_at.is_null()),
        )
        .set(support_progress::handed_over_at.eq(Some(now())))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// Counts one wrong entry unless `limit` wrong entries were counted already; the count after
    /// this one, or None when the code was locked before it (on PostgreSQL a concurrent UPDATE
    /// waits for the first one's row lock and then re-reads the count in its WHERE).
    pub fn count_wrong_code(conn: &mut DbConnection, request_id: i64, limit: u32) -> QueryResult<Option<i32>> {
        let limit = i32::try_from(limit).unwrap_or(i32::MAX);
        diesel::update(
            support_progress::table
                .find(request_id)
                .filter(support_progress::handover_attempts.lt(limit))
                .filter(support_progress::handed_over_at.is_null()),
        )
        .set(support_progress::handover_attempts.eq(support_progress::handover_attempts + 1))
        .returning(support_progress::handover_attempts)
        .get_result(conn)
        .optional()
    }
}
