//! Claiming with a lease: one atomic statement, the same on SQLite and PostgreSQL.
//!
//! SQLite has no `SELECT … FOR UPDATE SKIP LOCKED`, so a claim is a single
//! `UPDATE … WHERE id IN (SELECT … LIMIT n) AND <claimable> RETURNING *`:
//! - SQLite runs one writer at a time, and an `UPDATE` takes the write lock when it starts (waiting
//!   out the busy timeout), so the rows it reads are the rows it writes.
//! - PostgreSQL (READ COMMITTED): the subquery locks the rows it picks, in the queue's order, with
//!   `FOR UPDATE SKIP LOCKED`, so two workers claiming at once take disjoint rows without waiting
//!   for each other. Without it, two `UPDATE`s locked overlapping rows in different orders and
//!   PostgreSQL aborted one as a deadlock (50 support requests at once left 180 mails claimed by
//!   a failed round until their lease ran out). The repeated `<claimable>` still guards a row
//!   whose lease ran out between the subquery and the update.

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
             WHERE id IN (SELECT id FROM {name} WHERE {claimable} ORDER BY {order} LIMIT $3{skip_locked}) \
             AND {claimable} RETURNING *",
            name = table.name,
            claimed = table.claimed,
            order = table.order,
            skip_locked = sql::skip_locked(conn),
        );
        diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(at)
            .bind::<Timestamp, _>(at + table.lease)
            .bind::<BigInt, _>(limit)
            .load(conn)
    }
}
