//! What the coordinators' console counts that no other model does (read only).

use crate::db::schema::support_progress;
use crate::db::DbConnection;
use crate::domain::support::status::RequestStatus;
use diesel::prelude::*;

pub struct Console;

impl Console {
    /// How many requests are in `status` (the disputes waiting for a coordinator, say).
    pub fn count_in(conn: &mut DbConnection, status: RequestStatus) -> QueryResult<i64> {
        support_progress::table
            .filter(support_progress::status.eq(status.as_str()))
            .count()
            .get_result(conn)
    }
}
