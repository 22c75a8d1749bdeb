//! Settling a claimed row: done, tried again later, put back untried, or given up. Each ends the
//! row's lease.

use super::{sql, Queue};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use diesel::{QueryResult, RunQueryDsl};

/// What [`Queue::retry_later`] did with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Pending again, due after this wait.
    After(Duration),
    /// That was its last attempt: failed.
    GaveUp,
}

impl Queue {
    /// The claimed row's work is done: stamped with the time, its last error cleared.
    pub fn complete(self, conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        let table = self.table();
        let statement = format!(
            "UPDATE {name} SET status = '{done}', {done_at} = $1, last_error = NULL, lease_until = NULL \
             WHERE id = $2",
            name = table.name,
            done = table.done,
            done_at = table.done_at,
        );
        diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(now())
            .bind::<BigInt, _>(id)
            .execute(conn)
    }

    /// A transient failure after `attempts` attempts: pending again after the queue's
    /// [`backoff`](Queue::backoff), or failed when that was the last attempt.
    pub fn retry_later(self, conn: &mut DbConnection, id: i64, attempts: i32, error: &str) -> QueryResult<Retry> {
        let Some(wait) = self.table().backoff.after(attempts) else {
            self.fail(conn, id, error)?;
            return Ok(Retry::GaveUp);
        };
        self.pending_again(conn, id, now() + wait, Some(error), false)?;
        Ok(Retry::After(wait))
    }

    /// Puts a claimed row back untried, due at `at` (carrier pacing): the claim does not count as
    /// an attempt.
    pub fn put_back(self, conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<usize> {
        self.pending_again(conn, id, at, None, true)
    }

    /// Gives the row up for good, with the reason. Also for a row already done whose outcome
    /// turned out otherwise (a mail that bounced).
    pub fn fail(self, conn: &mut DbConnection, id: i64, error: &str) -> QueryResult<usize> {
        let table = self.table();
        let stamp = table
            .failed_at
            .map(|column| format!(", {column} = $3"))
            .unwrap_or_default();
        let statement = format!(
            "UPDATE {name} SET status = 'failed', last_error = $1, lease_until = NULL{stamp} WHERE id = $2",
            name = table.name,
        );
        let query = diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Text, _>(error)
            .bind::<BigInt, _>(id);
        match table.failed_at {
            Some(_) => query.bind::<Timestamp, _>(now()).execute(conn),
            None => query.execute(conn),
        }
    }

    /// Back to pending, due at `at`. `untried`: the claim gives its attempt back. The last error
    /// is replaced only when there is a new one.
    fn pending_again(
        self,
        conn: &mut DbConnection,
        id: i64,
        at: NaiveDateTime,
        error: Option<&str>,
        untried: bool,
    ) -> QueryResult<usize> {
        let table = self.table();
        let attempts = if untried { "attempts - 1" } else { "attempts" };
        let statement = format!(
            "UPDATE {name} SET status = 'pending', {due} = $1, attempts = {attempts}, \
             last_error = COALESCE($2, last_error), lease_until = NULL WHERE id = $3",
            name = table.name,
            due = table.due,
        );
        diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(at)
            .bind::<Nullable<Text>, _>(error)
            .bind::<BigInt, _>(id)
            .execute(conn)
    }
}
