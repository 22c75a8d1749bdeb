//! Claiming with a lease: one atomic statement, the same on SQLite and PostgreSQL.
//!
//! SQLite has no `SELECT … FOR UPDATE SKIP LOCKED`, so a claim is a single
//! `UPDATE … WHERE id IN (SELECT … LIMIT n) AND <claimable> RETURNING *`:
//! - SQLite runs one writer at a time, and an `UPDATE` takes the write lock when it starts (waiting
//!   out the busy timeout), so the rows it reads are the rows it writes.
//! - PostgreSQL (READ COMMITTED): two workers' subqueries may pick the same ids. The second
//!   `UPDATE` waits for the first one's row locks, then re-checks its `WHERE` on the new row
//!   version; the repeated `<claimable>` no longer holds, and the row is skipped rather than
//!   claimed twice. That worker gets fewer rows this round, never someone else's.

use super::{sql, Queue};
use crate::db::{now, DbConnection};
use diesel::sql_types::{BigInt, Timestamp};
use diesel::{Connection, QueryResult, QueryableByName, RunQueryDsl};

/// The backend type of `DbConnection`, for rows read by name.
pub type Backend = <DbConnection as Connection>::Backend;

impl Queue {
    /// Claims up to `limit` rows for this worker: pending rows that are due, and claimed rows whose
    /// lease has run out (their worker died), in the queue's order. Each is marked claimed, its
    /// attempt counted, stamped `claimed_at`, and leased for [`Queue::lease`].
    ///
    /// Returns the claimed rows, whole, in no particular order (`RETURNING` keeps none).
    pub fn claim<Row>(self, conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Row>>
    where
        Row: QueryableByName<Backend> + 'static,
    {
        let table = self.table();
        let at = now();
        let claimable = format!(
            "((status = 'pending' AND {due} <= $1) OR (status = '{claimed}' AND lease_until < $1))",
            due = table.due,
            claimed = table.claimed,
        );
        let statement = format!(
            "UPDATE {name} SET status = '{claimed}', attempts = attempts + 1, claimed_at = $1, lease_until = $2 \
             WHERE id IN (SELECT id FROM {name} WHERE {claimable} ORDER BY {order} LIMIT $3) AND {claimable} \
             RETURNING *",
            name = table.name,
            claimed = table.claimed,
            order = table.order,
        );
        diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(at)
            .bind::<Timestamp, _>(at + table.lease)
            .bind::<BigInt, _>(limit)
            .load(conn)
    }
}
