//! The watch audit log: every staff view of a child's history, who and when.

use crate::db::schema::{children, members, watch_audit};
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One logged view, with names for the coordinators' page.
#[derive(Debug, Clone, Queryable)]
pub struct AuditEntry {
    pub at: NaiveDateTime,
    pub member_name: String,
    pub action: String,
    pub child_name: Option<String>,
}

pub struct WatchAudit;

impl WatchAudit {
    pub fn record(conn: &mut DbConnection, member_id: i64, child_id: Option<i64>, action: &str) -> QueryResult<()> {
        diesel::insert_into(watch_audit::table)
            .values((
                watch_audit::member_id.eq(member_id),
                watch_audit::child_id.eq(child_id),
                watch_audit::action.eq(action),
                watch_audit::at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    }

    pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<AuditEntry>> {
        watch_audit::table
            .inner_join(members::table)
            .left_join(children::table)
            .order(watch_audit::id.desc())
            .limit(limit)
            .select((
                watch_audit::at,
                members::real_name,
                watch_audit::action,
                children::name.nullable(),
            ))
            .load(conn)
    }

    pub fn count_for_child(conn: &mut DbConnection, child_id: i64) -> QueryResult<i64> {
        watch_audit::table
            .filter(watch_audit::child_id.eq(child_id))
            .count()
            .get_result(conn)
    }
}
