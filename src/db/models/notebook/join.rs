//! Guardians' requests to join a child (`notebook_joins`), and wrong 申込コード entries
//! (`notebook_join_failures`) that limit guessing.

use crate::db::models::watch::child::Child;
use crate::db::schema::{children, members, notebook_join_failures, notebook_joins};
use crate::db::{now, DbConnection};
use crate::domain::notebook::JoinStatus;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// Wrong codes count toward the limit for this long.
pub const FAILURE_WINDOW: Duration = Duration::hours(1);

/// A request to join a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub id: i64,
    pub member_id: i64,
    pub child_id: i64,
    pub status: JoinStatus,
    pub created_at: NaiveDateTime,
}

/// A pending request as the school's page lists it.
#[derive(Debug, Clone)]
pub struct PendingJoin {
    pub id: i64,
    pub member_id: i64,
    pub nickname: String,
    pub real_name: String,
    pub child: Child,
    pub created_at: NaiveDateTime,
}

type Row = (i64, i64, i64, String, NaiveDateTime);

fn request((id, member_id, child_id, status, created_at): Row) -> JoinRequest {
    JoinRequest {
        id,
        member_id,
        child_id,
        // The column's CHECK allows nothing else; an unknown value reads as still open.
        status: JoinStatus::parse(&status).unwrap_or(JoinStatus::Pending),
        created_at,
    }
}

const COLUMNS: (
    notebook_joins::id,
    notebook_joins::member_id,
    notebook_joins::child_id,
    notebook_joins::status,
    notebook_joins::created_at,
) = (
    notebook_joins::id,
    notebook_joins::member_id,
    notebook_joins::child_id,
    notebook_joins::status,
    notebook_joins::created_at,
);

impl JoinRequest {
    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<JoinRequest>> {
        Ok(notebook_joins::table
            .find(id)
            .select(COLUMNS)
            .first::<Row>(conn)
            .optional()?
            .map(request))
    }

    /// A pending request of the member for the child; `false` when she has one already (the
    /// unique index on pending requests decides, so two clicks make one request).
    pub fn create_pending(conn: &mut DbConnection, member_id: i64, child_id: i64) -> QueryResult<bool> {
        if JoinRequest::pending_of(conn, member_id, child_id)? {
            return Ok(false);
        }
        let inserted = diesel::insert_into(notebook_joins::table)
            .values((
                notebook_joins::member_id.eq(member_id),
                notebook_joins::child_id.eq(child_id),
                notebook_joins::status.eq(JoinStatus::Pending.key()),
                notebook_joins::created_at.eq(now()),
            ))
            .execute(conn);
        match inserted {
            Ok(_) => Ok(true),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Whether the member has a pending request for the child.
    pub fn pending_of(conn: &mut DbConnection, member_id: i64, child_id: i64) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            notebook_joins::table
                .filter(notebook_joins::member_id.eq(member_id))
                .filter(notebook_joins::child_id.eq(child_id))
                .filter(notebook_joins::status.eq(JoinStatus::Pending.key())),
        ))
        .get_result(conn)
    }

    /// The children a member waits to join, by grade, class and name.
    pub fn pending_children(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<Child>> {
        children::table
            .inner_join(notebook_joins::table)
            .filter(notebook_joins::member_id.eq(member_id))
            .filter(notebook_joins::status.eq(JoinStatus::Pending.key()))
            .order((children::grade, children::class_name, children::id))
            .select(Child::as_select())
            .load(conn)
    }

    /// A school's pending requests, oldest first.
    pub fn pending_of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<PendingJoin>> {
        Ok(notebook_joins::table
            .inner_join(children::table)
            .inner_join(members::table.on(members::id.eq(notebook_joins::member_id)))
            .filter(children::school_id.eq(school_id))
            .filter(notebook_joins::status.eq(JoinStatus::Pending.key()))
            .order((notebook_joins::created_at, notebook_joins::id))
            .select((
                notebook_joins::id,
                notebook_joins::member_id,
                members::nickname,
                members::real_name,
                Child::as_select(),
                notebook_joins::created_at,
            ))
            .load::<(i64, i64, String, String, Child, NaiveDateTime)>(conn)?
            .into_iter()
            .map(|(id, member_id, nickname, real_name, child, created_at)| PendingJoin {
                id,
                member_id,
                nickname,
                real_name,
                child,
                created_at,
            })
            .collect())
    }

    /// How many requests of the school wait for a teacher.
    pub fn pending_count(conn: &mut DbConnection, school_id: i64) -> QueryResult<i64> {
        notebook_joins::table
            .inner_join(children::table)
            .filter(children::school_id.eq(school_id))
            .filter(notebook_joins::status.eq(JoinStatus::Pending.key()))
            .count()
            .get_result(conn)
    }

    /// Approves or refuses a pending request; `false` when it was decided already (one
    /// conditional UPDATE: two teachers clicking at once decide it once).
    pub fn decide(conn: &mut DbConnection, id: i64, status: JoinStatus, by: i64) -> QueryResult<bool> {
        diesel::update(
            notebook_joins::table
                .filter(notebook_joins::id.eq(id))
                .filter(notebook_joins::status.eq(JoinStatus::Pending.key())),
        )
        .set((
            notebook_joins::status.eq(status.key()),
            notebook_joins::decided_at.eq(now()),
            notebook_joins::decided_by.eq(by),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }
}

/// What a wrong-code limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureScope {
    /// A member (her id).
    Member,
    /// A client's network address.
    Address,
    /// A mail sender's address.
    Mail,
}

impl FailureScope {
    fn key(self) -> &'static str {
        match self {
            FailureScope::Member => "member",
            FailureScope::Address => "address",
            FailureScope::Mail => "mail",
        }
    }
}

/// Wrong codes entered for `target` within the window.
pub fn recent_failures(conn: &mut DbConnection, scope: FailureScope, target: &str) -> QueryResult<i64> {
    notebook_join_failures::table
        .filter(notebook_join_failures::scope.eq(scope.key()))
        .filter(notebook_join_failures::target.eq(target))
        .filter(notebook_join_failures::failed_at.gt(now() - FAILURE_WINDOW))
        .count()
        .get_result(conn)
}

/// Records a wrong code (and forgets those older than the window, whoever they were for).
pub fn record_failure(conn: &mut DbConnection, scope: FailureScope, target: &str) -> QueryResult<()> {
    let at = now();
    diesel::delete(notebook_join_failures::table.filter(notebook_join_failures::failed_at.le(at - FAILURE_WINDOW)))
        .execute(conn)?;
    diesel::insert_into(notebook_join_failures::table)
        .values((
            notebook_join_failures::scope.eq(scope.key()),
            notebook_join_failures::target.eq(target),
            notebook_join_failures::failed_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}
