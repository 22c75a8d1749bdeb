//! Failed logins per account and per source address, and the locks they cause.

use crate::db::schema::{login_failures, login_locks};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// Failures within this window count toward a lock.
pub const WINDOW: Duration = Duration::minutes(15);
/// This many failures within the window lock the account or address.
pub const MAX_FAILURES: i64 = 10;
/// How long a lock lasts.
pub const LOCK: Duration = Duration::minutes(15);

/// What is being limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A typed mail address, known or not (so a lock reveals nothing about who is a member).
    Account,
    /// The client's network address.
    Address,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::Address => "address",
        }
    }
}

/// Until when `target` is locked, if it is.
pub fn locked_until(conn: &mut DbConnection, scope: Scope, target: &str) -> QueryResult<Option<NaiveDateTime>> {
    let until: Option<NaiveDateTime> = login_locks::table
        .find((scope.as_str(), target))
        .select(login_locks::locked_until)
        .first(conn)
        .optional()?;
    Ok(until.filter(|u| *u > now()))
}

/// Records a failure; returns the lock's end when this failure reached the limit.
pub fn record_failure(conn: &mut DbConnection, scope: Scope, target: &str) -> QueryResult<Option<NaiveDateTime>> {
    conn.transaction(|conn| {
        let at = now();
        // Failures older than the window count for nothing any more, whoever they were for.
        diesel::delete(login_failures::table.filter(login_failures::failed_at.le(at - WINDOW))).execute(conn)?;
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::scope.eq(scope.as_str()),
                login_failures::target.eq(target),
                login_failures::failed_at.eq(at),
            ))
            .execute(conn)?;
        let recent: i64 = login_failures::table
            .filter(login_failures::scope.eq(scope.as_str()))
            .filter(login_failures::target.eq(target))
            .filter(login_failures::failed_at.gt(at - WINDOW))
            .count()
            .get_result(conn)?;
        if recent < MAX_FAILURES {
            return Ok(None);
        }
        let until = at + LOCK;
        // No upsert: diesel's MultiConnection has no ON CONFLICT, and this runs in a transaction.
        diesel::delete(login_locks::table.find((scope.as_str(), target))).execute(conn)?;
        diesel::insert_into(login_locks::table)
            .values((
                login_locks::scope.eq(scope.as_str()),
                login_locks::target.eq(target),
                login_locks::locked_until.eq(until),
            ))
            .execute(conn)?;
        // The failures that caused the lock are spent; after it, the count starts again.
        diesel::delete(
            login_failures::table
                .filter(login_failures::scope.eq(scope.as_str()))
                .filter(login_failures::target.eq(target)),
        )
        .execute(conn)?;
        Ok(Some(until))
    })
}

/// A successful login forgets the account's failures.
pub fn clear(conn: &mut DbConnection, scope: Scope, target: &str) -> QueryResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::scope.eq(scope.as_str()))
            .filter(login_failures::target.eq(target)),
    )
    .execute(conn)
    .map(drop)
}
