//! Inbound mail as received: raw bytes first, processing later by a job.

use crate::db::models::job::{Job, JobKind};
use crate::db::schema::inbound_mails;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = inbound_mails)]
pub struct InboundMail {
    pub id: i64,
    pub message_key: String,
    pub recipient: String,
    pub envelope_sender: Option<String>,
    pub raw: Vec<u8>,
    pub received_at: NaiveDateTime,
    pub status: String,
    pub outcome: Option<String>,
}

/// What became of a processed mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Done what the address is for.
    Processed,
    /// Not acted on, for a reason written in `outcome` (e.g. a sender that may not post).
    Refused,
    /// Processing failed for good; kept for an operator.
    Failed,
}

impl Disposition {
    fn as_str(self) -> &'static str {
        match self {
            Disposition::Processed => "processed",
            Disposition::Refused => "refused",
            Disposition::Failed => "failed",
        }
    }
}

impl InboundMail {
    /// Stores a message for one recipient and queues its processing, in one transaction.
    /// `None` when the same message (same key) was already stored for this recipient.
    pub fn store(
        conn: &mut DbConnection,
        message_key: &str,
        recipient: &str,
        envelope_sender: Option<&str>,
        raw: &[u8],
    ) -> QueryResult<Option<i64>> {
        // Insert first, no look beforehand: a redelivery is the unique violation below. On SQLite a
        // transaction that read before writing fails at once ("database is locked") when another
        // process wrote in between, where one that writes first waits its busy timeout.
        let stored = conn.transaction(|conn| {
            let id = diesel::insert_into(inbound_mails::table)
                .values((
                    inbound_mails::message_key.eq(message_key),
                    inbound_mails::recipient.eq(recipient),
                    inbound_mails::envelope_sender.eq(envelope_sender),
                    inbound_mails::raw.eq(raw),
                    inbound_mails::received_at.eq(now()),
                ))
                .returning(inbound_mails::id)
                .get_result(conn)?;
            Job::enqueue(conn, JobKind::ProcessInbound, Some(id))?;
            Ok(Some(id))
        });
        match stored {
            // Stored before (a redelivery), or by a delivery racing this one.
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
            other => other,
        }
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<InboundMail> {
        inbound_mails::table
            .find(id)
            .select(InboundMail::as_select())
            .first(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        inbound_mails::table.count().get_result(conn)
    }

    /// Deletes the mails processed (posted, refused or failed) before `before`, raw bytes and all;
    /// what they became keeps no link to them (`ON DELETE SET NULL`). Pending ones stay.
    pub fn delete_processed_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(
            inbound_mails::table
                .filter(inbound_mails::status.ne("pending"))
                .filter(inbound_mails::processed_at.lt(before)),
        )
        .execute(conn)
    }

    /// Records what processing did.
    pub fn finish(conn: &mut DbConnection, id: i64, disposition: Disposition, outcome: &str) -> QueryResult<usize> {
        diesel::update(inbound_mails::table.find(id))
            .set((
                inbound_mails::status.eq(disposition.as_str()),
                inbound_mails::outcome.eq(outcome),
                inbound_mails::processed_at.eq(now()),
            ))
            .execute(conn)
    }
}
