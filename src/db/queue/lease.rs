//! A worker's hold on the rows of one claim: renewed while the worker works through them, so that
//! a lease can be short (a dead worker's rows are taken over within seconds) and still never run
//! out under a live worker whose relay is slow.

use super::{sql, Queue};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::sql_types::{BigInt, Timestamp};
use diesel::{QueryResult, QueryableByName, RunQueryDsl};
use std::collections::BTreeSet;

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// The rows one claim took, and until when they are ours.
#[derive(Debug)]
pub struct Lease {
    queue: Queue,
    /// The claim's `claimed_at`: the token of this claim. A worker that takes a row over after the
    /// lease ran out stamps a later time, so a renewal never extends someone else's claim.
    claimed_at: NaiveDateTime,
    length: Duration,
    /// Until when the rows are ours, as last written.
    until: NaiveDateTime,
    renewed_at: NaiveDateTime,
    /// Claimed, not settled yet, and not taken over as far as the last renewal knows.
    held: BTreeSet<i64>,
}

impl Lease {
    pub(super) fn new(
        queue: Queue,
        claimed_at: NaiveDateTime,
        length: Duration,
        ids: impl IntoIterator<Item = i64>,
    ) -> Self {
        Lease {
            queue,
            claimed_at,
            length,
            until: claimed_at + length,
            renewed_at: claimed_at,
            held: ids.into_iter().collect(),
        }
    }

    /// Whether row `id` is still ours for at least `needed` more: the lease is renewed first when a
    /// third of it has passed. A renewal that fails (the database is busy) keeps what is left of
    /// the lease; `false` means the row must not be worked on now (another worker may take it).
    pub fn hold(&mut self, conn: &mut DbConnection, id: i64, needed: Duration) -> bool {
        if now() - self.renewed_at >= self.length / 3 {
            if let Err(e) = self.renew(conn) {
                log::warn!("{:?}: renewing a lease: {e}", self.queue);
            }
        }
        self.held.contains(&id) && self.until - now() >= needed
    }

    /// The row is settled (or left to run out): no longer renewed.
    pub fn release(&mut self, id: i64) {
        self.held.remove(&id);
    }

    /// Rows still held.
    pub fn held(&self) -> impl Iterator<Item = i64> + '_ {
        self.held.iter().copied()
    }

    /// Extends the lease of every held row that is still this claim's; forgets the others.
    pub fn renew(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        if self.held.is_empty() {
            return Ok(());
        }
        let table = self.queue.table();
        let at = now();
        // Ids are numbers from our own claim: written into the statement, not read from input.
        let ids: Vec<String> = self.held.iter().map(i64::to_string).collect();
        let statement = format!(
            "UPDATE {name} SET lease_until = $1 WHERE status = '{claimed}' AND claimed_at = $2 \
             AND id IN ({ids}) RETURNING id",
            name = table.name,
            claimed = table.claimed,
            ids = ids.join(", "),
        );
        let kept: Vec<Id> = diesel::sql_query(sql::for_backend(conn, statement))
            .bind::<Timestamp, _>(at + self.length)
            .bind::<Timestamp, _>(self.claimed_at)
            .load(conn)?;
        self.held = kept.into_iter().map(|row| row.id).collect();
        self.until = at + self.length;
        self.renewed_at = at;
        Ok(())
    }
}
