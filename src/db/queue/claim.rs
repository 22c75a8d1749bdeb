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

use super::{sql, Lease, Queue};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime, Timelike};
use diesel::sql_types::{BigInt, Timestamp};
use diesel::{Connection, QueryResult, QueryableByName, RunQueryDsl};

/// The backend type of `DbConnection`, for rows read by name.
pub type Backend = <DbConnection as Connection>::Backend;

impl Queue {
    /// Claims up to `limit` rows for this worker with the queue's own lease: pending rows that are
    /// due, and claimed rows whose lease has run out (their worker died), in the queue's order.
    /// Each is marked claimed, its attempt counted and stamped `claimed_at`.
    ///
    /// Returns the claimed rows, whole, in no particular order (`RETURNING` keeps none).
    pub fn claim<Row>(self, conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Row>>
    where
        Row: QueryableByName<Backend> + 'static,
    {
        self.claim_rows(conn, limit, self.lease()).map(|(rows, _)| rows)
    }

    /// [`claim`](Self::claim) with a lease of `length`, and the [`Lease`] to renew it while the
    /// rows are worked on.
    pub fn claim_leased<Row>(
        self,
        conn: &mut DbConnection,
        limit: i64,
        length: Duration,
    ) -> QueryResult<(Vec<Row>, Lease)>
    where
        Row: QueryableByName<Backend> + Claimed + 'static,
    {
        let (rows, at) = self.claim_rows::<Row>(conn, limit, length)?;
        let lease = Lease::new(self, at, length, rows.iter().map(Claimed::id));
        Ok((rows, lease))
    }

    /// The claim itself; returns the rows and their `claimed_at`.
    fn claim_rows<Row>(
        self,
        conn: &mut DbConnection,
        limit: i64,
        length: Duration,
    ) -> QueryResult<(Vec<Row>, NaiveDateTime)>
    where
        Row: QueryableByName<Backend> + 'static,
    {
        let table = self.table();
        // The claim's token (see `Lease`): stored as written on both backends (PostgreSQL keeps
        // microseconds), so a renewal can find it again.
        let clock = now();
        let at = clock.with_nanosecond(clock.nanosecond() / 1000 * 1000).unwrap_or(clock);
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
        // Two picks, each fitting an index (`*_claimable` on pending rows in the queue's order,
        // `*_lease` on leases): one `OR` over both made every claim sort every pending row.
        let due = format!(
            "SELECT {columns} FROM {name} WHERE status = 'pending' AND {due} <= $1 ORDER BY {order} LIMIT $3",
            columns = table.order_columns,
            name = table.name,
            due = table.due,
            order = table.order,
        );
        let lapsed = format!(
            "SELECT {columns} FROM {name} WHERE status = '{claimed}' AND lease_until < $1 ORDER BY {order} LIMIT $3",
            columns = table.order_columns,
            name = table.name,
            claimed = table.claimed,
            order = table.order,
        );
        let statement = match conn {
            DbConnection::Sqlite(_) => format!(
                "{update} WHERE id IN (SELECT id FROM (SELECT {columns} FROM ({due}) UNION ALL \
                 SELECT {columns} FROM ({lapsed}) ORDER BY {order} LIMIT $3)) AND {claimable} RETURNING *",
                columns = table.order_columns,
                order = table.order,
            ),
            // Materialized: the rows are picked and locked once (as an `IN` subquery with a lock,
            // PostgreSQL may run it again and claim past the limit).
            #[cfg(feature = "postgres")]
            DbConnection::Postgres(_) => format!(
                "WITH due AS MATERIALIZED ({due} FOR UPDATE SKIP LOCKED), \
                 lapsed AS MATERIALIZED ({lapsed} FOR UPDATE SKIP LOCKED), \
                 picked AS (SELECT {columns} FROM due UNION ALL SELECT {columns} FROM lapsed ORDER BY {order} LIMIT $3) \
                 {update} WHERE id IN (SELECT id FROM picked) AND {claimable} RETURNING *",
                columns = table.order_columns,
                order = table.order,
            ),
        };
        let rows: Vec<Row> = diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(at)
            .bind::<Timestamp, _>(at + length)
            .bind::<BigInt, _>(limit)
            .load(conn)?;
        Ok((rows, at))
    }
}

/// A claimed row's id, for its [`Lease`].
pub trait Claimed {
    fn id(&self) -> i64;
}
