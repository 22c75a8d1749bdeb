//! Inbound mail as received: raw bytes first, processing later by a job.

use crate::db::models::job::{Job, JobKind};
use crate::db::schema::{inbound_mails, inbound_messages};
use crate::db::{now, write_transaction, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// One recipient's copy of a message, with the message's bytes (kept once per message in
/// `inbound_messages`, however many of our addresses it was sent to).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = inbound_mails)]
pub struct InboundMail {
    pub id: i64,
    pub message_key: String,
    pub recipient: String,
    pub envelope_sender: Option<String>,
    #[diesel(select_expression = inbound_messages::raw)]
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
    /// Stores a message once for its recipients and queues each one's processing, in one
    /// transaction. Per recipient, the new row's id, or `None` when the same message (same key)
    /// was already stored for that recipient (a redelivery).
    pub fn store(
        conn: &mut DbConnection,
        message_key: &str,
        recipients: &[String],
        envelope_sender: Option<&str>,
        raw: &[u8],
    ) -> QueryResult<Vec<Option<i64>>> {
        let attempt = |conn: &mut DbConnection| {
            write_transaction(conn, |conn| {
                let known: Vec<String> = inbound_mails::table
                    .filter(inbound_mails::message_key.eq(message_key))
                    .filter(inbound_mails::recipient.eq_any(recipients))
                    .select(inbound_mails::recipient)
                    .load(conn)?;
                if recipients.iter().all(|r| known.contains(r)) {
                    return Ok(vec![None; recipients.len()]);
                }
                let received_at = now();
                let message_id: i64 = diesel::insert_into(inbound_messages::table)
                    .values((
                        inbound_messages::raw.eq(raw),
                        inbound_messages::received_at.eq(received_at),
                    ))
                    .returning(inbound_messages::id)
                    .get_result(conn)?;
                let mut ids = Vec::with_capacity(recipients.len());
                for (n, recipient) in recipients.iter().enumerate() {
                    // The same address twice in one envelope is one delivery.
                    if known.contains(recipient) || recipients[..n].contains(recipient) {
                        ids.push(None);
                        continue;
                    }
                    let id = diesel::insert_into(inbound_mails::table)
                        .values((
                            inbound_mails::message_key.eq(message_key),
                            inbound_mails::recipient.eq(recipient),
                            inbound_mails::envelope_sender.eq(envelope_sender),
                            inbound_mails::message_id.eq(message_id),
                            inbound_mails::received_at.eq(received_at),
                        ))
                        .returning(inbound_mails::id)
                        .get_result(conn)?;
                    Job::enqueue(conn, JobKind::ProcessInbound, Some(id))?;
                    ids.push(Some(id));
                }
                Ok(ids)
            })
        };
        match attempt(conn) {
            // A delivery of the same message racing this one (PostgreSQL; SQLite's writers take
            // turns) stored it first: once more, and its rows are seen as redeliveries.
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => attempt(conn),
            other => other,
        }
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<InboundMail> {
        inbound_mails::table
            .inner_join(inbound_messages::table)
            .filter(inbound_mails::id.eq(id))
            .select(InboundMail::as_select())
            .first(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        inbound_mails::table.count().get_result(conn)
    }

    /// Deletes the mails processed (posted, refused or failed) before `before`, and the raw
    /// messages no recipient's row points at any more; what they became keeps no link to them
    /// (`ON DELETE SET NULL`). Pending ones stay, with their message.
    pub fn delete_processed_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
        conn.transaction(|conn| {
            let deleted = diesel::delete(
                inbound_mails::table
                    .filter(inbound_mails::status.ne("pending"))
                    .filter(inbound_mails::processed_at.lt(before)),
            )
            .execute(conn)?;
            let pointed_at = inbound_mails::table
                .filter(inbound_mails::message_id.eq(inbound_messages::id))
                .select(inbound_mails::id);
            diesel::delete(inbound_messages::table.filter(diesel::dsl::not(diesel::dsl::exists(pointed_at))))
                .execute(conn)?;
            Ok(deleted)
        })
    }

    /// How many raw messages are kept (one per message, however many recipients).
    pub fn message_count(conn: &mut DbConnection) -> QueryResult<i64> {
        inbound_messages::table.count().get_result(conn)
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
