//! Claiming with a lease: one atomic statement,
//! `UPDATE … WHERE id IN (<the first n claimable ids>) AND <claimable> RETURNING *`.
//! - SQLite runs one writer at a time, and an `UPDATE` takes the write lock when it starts (waiting
//!   out the busy timeout), so the rows it reads are the rows it writes.
//! - PostgreSQL (READ COMMITTED): the ids are picked in a materialized CTE that locks them in the
//!   queue's order with `FOR UPDATE SKIP LOCKED`, so two workers claiming at once take disjoint
//!   rows and never wait for each other. Without it, two `UPDATE`s locked overlapping rows in
//!   different orders and PostgreSQL aborted one as a deadlock (50 support requests at once left
//!   180 mails claimed by a failed round until their lease ran out). The repeated `<claimable>`
//!   still guards a row whose lease ran out between the pick and the update.

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
        let update = format!(
            "UPDATE {name} SET status = '{claimed}', attempts = attempts + 1, claimed_at = $1, lease_until = $2",
            name = table.name,
            claimed = table.claimed,
        );
        let pick = format!(
            "SELECT id FROM {name} WHERE {claimable} ORDER BY {order} LIMIT $3",
            name = table.name,
            order = table.order,
        );
        let statement = match conn {
            DbConnection::Sqlite(_) => format!("{update} WHERE id IN ({pick}) AND {claimable} RETURNING *"),
            // Materialized: the rows are picked and locked once (as an `IN` subquery with a lock,
            // PostgreSQL may run it again and claim past the limit).
            #[cfg(feature = "postgres")]
            DbConnection::Postgres(_) => format!(
                "WITH picked AS MATERIALIZED ({pick} FOR UPDATE SKIP LOCKED) \
                 {update} WHERE id IN (SELECT id FROM picked) AND {claimable} RETURNING *"
            ),
        };
        diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(at)
            .bind::<Timestamp, _>(at + table.lease)
            .bind::<BigInt, _>(limit)
            .load(conn)
    }
}
