//! The support log: what happened to each request (offers, answers, the match, the handover,
//! reports) and every coordinator action, who and when. Written in the transaction of the change.

use crate::db::schema::{members, support_log};
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One line, with the actor's real name for the coordinators' pages.
#[derive(Debug, Clone, Queryable)]
pub struct LogLine {
    pub id: i64,
    pub request_id: Option<i64>,
    pub member_name: Option<String>,
    pub action: String,
    pub detail: String,
    pub at: NaiveDateTime,
}

pub struct SupportLog;

impl SupportLog {
    /// Records an action; `member_id` is who did it (None: the system, a mail, a token link).
    pub fn record(
        conn: &mut DbConnection,
        request_id: Option<i64>,
        member_id: Option<i64>,
        action: &str,
        detail: &str,
    ) -> QueryResult<()> {
        diesel::insert_into(support_log::table)
            .values((
                support_log::request_id.eq(request_id),
                support_log::member_id.eq(member_id),
                support_log::action.eq(action),
                support_log::detail.eq(detail),
                support_log::at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    }

    /// A request's lines, oldest first.
    pub fn for_request(conn: &mut DbConnection, request_id: i64) -> QueryResult<Vec<LogLine>> {
        support_log::table
            .left_join(members::table)
            .filter(support_log::request_id.eq(request_id))
            .order(support_log::id)
            .select(LogLine::columns())
            .load(conn)
    }

    /// The latest lines of the whole service, newest first.
    pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<LogLine>> {
        support_log::table
            .left_join(members::table)
            .order(support_log::id.desc())
            .limit(limit)
            .select(LogLine::columns())
            .load(conn)
    }
}

impl LogLine {
    #[allow(clippy::type_complexity)]
    fn columns() -> (
        support_log::id,
        support_log::request_id,
        diesel::dsl::Nullable<members::real_name>,
        support_log::action,
        support_log::detail,
        support_log::at,
    ) {
        (
            support_log::id,
            support_log::request_id,
            members::real_name.nullable(),
            support_log::action,
            support_log::detail,
            support_log::at,
        )
    }
}
