//! The outbox: mails written in the same transaction as the change that causes them, sent by workers.

use crate::db::schema::outbox;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// What kind of mail a row is (decides its lifetime and priority when sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Confirms a mail address (registration or a newly added address).
    AddressConfirmation,
    /// Tells the owner of an address that someone tried to register it again.
    AlreadyRegistered,
    /// Tells a member that a coordinator approved the account.
    Approved,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::AddressConfirmation => "address_confirmation",
            MailKind::AlreadyRegistered => "already_registered",
            MailKind::Approved => "approved",
        }
    }
}

/// A queued mail as the sender will see it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
}

impl OutboxMail {
    /// Queues one mail; call inside the transaction of the change that causes it.
    pub fn queue(
        conn: &mut DbConnection,
        kind: MailKind,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> QueryResult<i64> {
        let at = now();
        diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq(kind.as_str()),
                outbox::recipient.eq(recipient),
                outbox::subject.eq(subject),
                outbox::body.eq(body),
                outbox::created_at.eq(at),
                outbox::next_attempt_at.eq(at),
            ))
            .returning(outbox::id)
            .get_result(conn)
    }

    /// How many mails were queued to an address since `since`.
    pub fn count_since(conn: &mut DbConnection, recipient: &str, since: NaiveDateTime) -> QueryResult<i64> {
        outbox::table
            .filter(outbox::recipient.eq(recipient))
            .filter(outbox::created_at.gt(since))
            .count()
            .get_result(conn)
    }

    /// Mails to one address, newest first (for tests and the coordinators' view).
    pub fn to_recipient(conn: &mut DbConnection, recipient: &str) -> QueryResult<Vec<OutboxMail>> {
        outbox::table
            .filter(outbox::recipient.eq(recipient))
            .select(OutboxMail::as_select())
            .order(outbox::id.desc())
            .load(conn)
    }
}
