//! The outbox: mails written in the same transaction as the change that causes them, sent by workers.
//!
//! Claiming works like the job queue (see `job.rs`): read due ids, then one
//! `UPDATE … WHERE id IN (…) AND status = 'pending' RETURNING` takes only rows still pending.

use crate::db::schema::outbox;
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// What kind of mail a row is; decides how long it is worth sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Confirms a mail address (registration or a newly added address).
    AddressConfirmation,
    /// Tells the owner of an address that someone tried to register it again.
    AlreadyRegistered,
    /// Tells a member that a coordinator approved the account.
    Approved,
    /// Answers an empty mail to entry@ with a registration link.
    EntryInvite,
    /// Confirms that a mailed post was published.
    PostAccepted,
    /// Explains why a mail to a posting address was not posted.
    PostRefused,
    /// A member's 「テストメールを送る」.
    TestMail,
    /// A child passed a reader (見守り).
    WatchPass,
    /// A tag's emergency button was pressed.
    WatchEmergency,
    /// A reader went silent or came back (to the school's staff).
    ReaderHealth,
    /// The area mail magazine (地域のお知らせメール).
    Magazine,
    /// Tells a member that a coordinator approved or declined the community she proposed.
    CommunityDecision,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::AddressConfirmation => "address_confirmation",
            MailKind::AlreadyRegistered => "already_registered",
            MailKind::Approved => "approved",
            MailKind::EntryInvite => "entry_invite",
            MailKind::PostAccepted => "post_accepted",
            MailKind::PostRefused => "post_refused",
            MailKind::TestMail => "test_mail",
            MailKind::WatchPass => "watch_pass",
            MailKind::WatchEmergency => "watch_emergency",
            MailKind::ReaderHealth => "reader_health",
            MailKind::Magazine => "magazine",
            MailKind::CommunityDecision => "community_decision",
        }
    }

    /// Due mails are claimed highest first: alerts before everything else.
    pub fn priority(self) -> i32 {
        match self {
            MailKind::WatchEmergency => 20,
            MailKind::WatchPass => 10,
            MailKind::ReaderHealth => 5,
            _ => 0,
        }
    }

    /// After this the mail is no longer worth sending and is marked failed.
    pub fn lifetime(self) -> Duration {
        match self {
            // An alert an hour late is no alert: give up and show it to coordinators.
            MailKind::TestMail | MailKind::WatchPass | MailKind::WatchEmergency => Duration::hours(1),
            MailKind::ReaderHealth => Duration::hours(6),
            MailKind::Magazine => Duration::days(2),
            MailKind::Approved | MailKind::CommunityDecision => Duration::days(3),
            _ => Duration::hours(24),
        }
    }
}

/// A queued mail as the sender sees it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub priority: i32,
}

/// Attempts before a mail is given up even within its lifetime.
pub const MAX_ATTEMPTS: i32 = 10;
/// A row claimed longer ago than this belongs to a dead worker and is sent again (same Message-ID).
const STALE_AFTER_MINUTES: i64 = 10;

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
                outbox::expires_at.eq(at + kind.lifetime()),
                outbox::priority.eq(kind.priority()),
            ))
            .returning(outbox::id)
            .get_result(conn)
    }

    /// How many mails were queued to an address since `since` (of one kind, if given).
    pub fn count_since(
        conn: &mut DbConnection,
        recipient: &str,
        kind: Option<MailKind>,
        since: NaiveDateTime,
    ) -> QueryResult<i64> {
        let mut query = outbox::table
            .filter(outbox::recipient.eq(recipient))
            .filter(outbox::created_at.gt(since))
            .into_boxed();
        if let Some(kind) = kind {
            query = query.filter(outbox::kind.eq(kind.as_str()));
        }
        query.count().get_result(conn)
    }

    /// Mails to one address, newest first (for tests and the coordinators' view).
    pub fn to_recipient(conn: &mut DbConnection, recipient: &str) -> QueryResult<Vec<OutboxMail>> {
        outbox::table
            .filter(outbox::recipient.eq(recipient))
            .select(OutboxMail::as_select())
            .order(outbox::id.desc())
            .load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<OutboxMail>> {
        outbox::table
            .find(id)
            .select(OutboxMail::as_select())
            .first(conn)
            .optional()
    }

    /// Claims up to `limit` due mails for this worker.
    pub fn claim(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<OutboxMail>> {
        let at = now();
        diesel::update(outbox::table)
            .filter(outbox::status.eq("sending"))
            .filter(outbox::claimed_at.lt(at - Duration::minutes(STALE_AFTER_MINUTES)))
            .set(outbox::status.eq("pending"))
            .execute(conn)?;
        let due: Vec<i64> = outbox::table
            .filter(outbox::status.eq("pending"))
            .filter(outbox::next_attempt_at.le(at))
            .order((outbox::priority.desc(), outbox::id))
            .select(outbox::id)
            .limit(limit)
            .load(conn)?;
        if due.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(outbox::table)
            .filter(outbox::id.eq_any(due))
            .filter(outbox::status.eq("pending"))
            .set((
                outbox::status.eq("sending"),
                outbox::claimed_at.eq(at),
                outbox::attempts.eq(outbox::attempts + 1),
            ))
            .returning((
                outbox::id,
                outbox::kind,
                outbox::recipient,
                outbox::subject,
                outbox::body,
                outbox::status,
                outbox::attempts,
                outbox::created_at,
                outbox::expires_at,
                outbox::priority,
            ))
            .get_results(conn)
            .map(|mut claimed: Vec<OutboxMail>| {
                // RETURNING keeps no order: the sender goes through them highest priority first.
                claimed.sort_by_key(|m| (std::cmp::Reverse(m.priority), m.id));
                claimed
            })
    }

    /// How many mails went to a carrier after `since`, and when the first of them went.
    pub fn sent_to_carrier_since(
        conn: &mut DbConnection,
        carrier: &str,
        since: NaiveDateTime,
    ) -> QueryResult<(i64, Option<NaiveDateTime>)> {
        outbox::table
            .filter(outbox::status.eq("sent"))
            .filter(outbox::carrier.eq(carrier))
            .filter(outbox::sent_at.gt(since))
            .select((diesel::dsl::count_star(), diesel::dsl::min(outbox::sent_at)))
            .first(conn)
    }

    pub fn mark_sent(conn: &mut DbConnection, id: i64, carrier: &str) -> QueryResult<usize> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq("sent"),
                outbox::sent_at.eq(now()),
                outbox::carrier.eq(carrier),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(conn)
    }

    /// Puts a claimed mail back: to be tried again at `at` (pacing or a transient failure).
    pub fn retry_at(conn: &mut DbConnection, id: i64, at: NaiveDateTime, error: Option<&str>) -> QueryResult<usize> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq("pending"),
                outbox::next_attempt_at.eq(at),
                outbox::last_error.eq(error),
            ))
            .execute(conn)
    }

    /// Puts a claimed mail back untried (pacing): the claim does not count as an attempt.
    pub fn put_back(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq("pending"),
                outbox::next_attempt_at.eq(at),
                outbox::attempts.eq(outbox::attempts - 1),
            ))
            .execute(conn)
    }

    /// Gives a mail up for good (refused by the relay, expired, or too many attempts).
    pub fn mark_failed(conn: &mut DbConnection, id: i64, carrier: &str, error: &str) -> QueryResult<usize> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq("failed"),
                outbox::carrier.eq(carrier),
                outbox::last_error.eq(error),
            ))
            .execute(conn)
    }

    /// Mails not yet sent or given up, for `worker --until-idle`.
    pub fn unfinished(conn: &mut DbConnection) -> QueryResult<i64> {
        outbox::table
            .filter(outbox::status.eq_any(["pending", "sending"]))
            .count()
            .get_result(conn)
    }

    /// When the next pending mail is due, if any.
    pub fn next_due(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
        outbox::table
            .filter(outbox::status.eq("pending"))
            .select(diesel::dsl::min(outbox::next_attempt_at))
            .first(conn)
    }

    /// Queue time, carrier and status of every mail sent or given up that was queued in `[from, to)`.
    pub fn outcomes_between(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, String, String)>> {
        outbox::table
            .filter(outbox::status.eq_any(["sent", "failed"]))
            .filter(outbox::created_at.ge(from))
            .filter(outbox::created_at.lt(to))
            .select((outbox::created_at, outbox::carrier, outbox::status))
            .load(conn)
    }

    /// Mails given up on, newest first (shown to coordinators).
    pub fn failed_recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<(OutboxMail, Option<String>)>> {
        outbox::table
            .filter(outbox::status.eq("failed"))
            .order(outbox::id.desc())
            .limit(limit)
            .select((OutboxMail::as_select(), outbox::last_error))
            .load(conn)
    }
}
