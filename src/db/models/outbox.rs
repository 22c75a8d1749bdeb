//! The outbox: mails written in the same transaction as the change that causes them, sent by workers.
//!
//! What a mail is, how it is queued and what is asked of the mails sent; claiming, leases, retries
//! and giving up are the queue mechanism's (`db::queue`, `Queue::Outbox`).

use crate::db::queue::{Claimed, Lease, Queue};
use crate::db::schema::{outbox, outbox_relay_waits, outbox_reply_to, outbox_unsubscribe};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

/// What kind of mail a row is; decides how long it is worth sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Confirms a mail address (registration or a newly added address).
    AddressConfirmation,
    /// Tells the owner of an address that someone tried to register it again.
    AlreadyRegistered,
    /// Tells a member that a coordinator approved the account.
    Approved,
    /// 「パスワードを忘れた方」: the one-time link to set a new password.
    PasswordReset,
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
    /// A guardian's watch address bounced (to the school's staff).
    WatchBounce,
    /// The area mail magazine (地域のお知らせメール).
    Magazine,
    /// Tells a member that a coordinator approved or declined the community she proposed.
    CommunityDecision,
    /// 送迎・あずかり支援: an offer to a supporter.
    SupportOffer,
    /// 送迎・あずかり支援: an offer is closed (ほかの方に決まりました, or the request was withdrawn).
    SupportOfferClosed,
    /// 送迎・あずかり支援: the confirmation of a match, to either side.
    SupportMatched,
    /// 送迎・あずかり支援: the reminder before an activity, to either side.
    SupportReminder,
    /// 送迎・あずかり支援: a matched request was cancelled, to the other side.
    SupportCancelled,
    /// 送迎・あずかり支援: an activity report for the family to confirm.
    SupportReport,
    /// 送迎・あずかり支援: the answer to a reply mail (accepted, declined, code recorded, or how to
    /// answer when the reply could not be read).
    SupportReply,
    /// 送迎・あずかり支援: to the coordinators (unfilled after the last wave, a dispute, a locked code).
    SupportCoordinator,
    /// 連絡帳: a new message (お便り・連絡) for a guardian, with her link.
    NotebookNotice,
    /// 連絡帳: the teacher's reminder to a guardian who has not read a message.
    NotebookReminder,
    /// 連絡帳: the answer to a reply mail (answers recorded, or how to write them).
    NotebookAnswer,
    /// 連絡帳: a join by 申込コード (the link from a 空メール with a code, approved, refused).
    NotebookJoin,
    /// 連絡帳: the answer to an absence mail (recorded, or which child it is for).
    AbsenceReply,
    /// 連絡帳: a teacher marked an absence notice 確認しました.
    AbsenceConfirmed,
    /// 連絡帳: 「まだ登校が確認できません」 to the guardians of a child not arrived with no notice.
    NotArrived,
    /// 伝言板: the child pressed ただいま, or answered a message on the home board.
    HomeBoard,
}

impl MailKind {
    /// The name stored in `outbox.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::AddressConfirmation => "address_confirmation",
            MailKind::AlreadyRegistered => "already_registered",
            MailKind::Approved => "approved",
            MailKind::PasswordReset => "password_reset",
            MailKind::EntryInvite => "entry_invite",
            MailKind::PostAccepted => "post_accepted",
            MailKind::PostRefused => "post_refused",
            MailKind::TestMail => "test_mail",
            MailKind::WatchPass => "watch_pass",
            MailKind::WatchEmergency => "watch_emergency",
            MailKind::ReaderHealth => "reader_health",
            MailKind::WatchBounce => "watch_bounce",
            MailKind::Magazine => "magazine",
            MailKind::CommunityDecision => "community_decision",
            MailKind::SupportOffer => "support_offer",
            MailKind::SupportOfferClosed => "support_offer_closed",
            MailKind::SupportMatched => "support_matched",
            MailKind::SupportReminder => "support_reminder",
            MailKind::SupportCancelled => "support_cancelled",
            MailKind::SupportReport => "support_report",
            MailKind::SupportReply => "support_reply",
            MailKind::SupportCoordinator => "support_coordinator",
            MailKind::NotebookNotice => "notebook_notice",
            MailKind::NotebookReminder => "notebook_reminder",
            MailKind::NotebookAnswer => "notebook_answer",
            MailKind::NotebookJoin => "notebook_join",
            MailKind::AbsenceReply => "absence_reply",
            MailKind::AbsenceConfirmed => "absence_confirmed",
            MailKind::NotArrived => "not_arrived",
            MailKind::HomeBoard => "home_board",
        }
    }

    /// Due mails are claimed highest first: alerts before everything else.
    pub fn priority(self) -> i32 {
        match self {
            MailKind::WatchEmergency => 20,
            MailKind::WatchPass => 10,
            MailKind::ReaderHealth | MailKind::WatchBounce => 5,
            // A family waits for an answer, sometimes for this afternoon.
            MailKind::SupportOffer | MailKind::SupportMatched | MailKind::SupportCancelled => 3,
            // A child who has not arrived, or just came home: as urgent as a pass.
            MailKind::NotArrived | MailKind::HomeBoard => 10,
            // She is locked out and waiting at the form for it.
            MailKind::PasswordReset => 3,
            // A parent who wrote an absence waits to know it was read before school starts.
            MailKind::AbsenceReply | MailKind::AbsenceConfirmed => 3,
            _ => 0,
        }
    }

    /// After this the mail is no longer worth sending and is marked failed.
    pub fn lifetime(self) -> Duration {
        match self {
            // An alert an hour late is no alert: give up and show it to coordinators.
            // The link inside works for an hour (`password_reset::RESET_LIFETIME`).
            MailKind::TestMail
            | MailKind::PasswordReset
            | MailKind::WatchPass
            | MailKind::WatchEmergency
            | MailKind::NotArrived
            | MailKind::HomeBoard => Duration::hours(1),
            MailKind::ReaderHealth => Duration::hours(6),
            // An offer is answered within its wave, or not at all.
            MailKind::SupportOffer | MailKind::SupportOfferClosed => Duration::hours(2),
            MailKind::Magazine | MailKind::NotebookNotice | MailKind::NotebookReminder => Duration::days(2),
            MailKind::Approved | MailKind::CommunityDecision => Duration::days(3),
            _ => Duration::hours(24),
        }
    }
}

/// A queued mail as the sender sees it.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    /// Attempts so far (while claimed: this one included).
    pub attempts: i32,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub priority: i32,
}

impl Claimed for OutboxMail {
    fn id(&self) -> i64 {
        self.id
    }
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
        OutboxMail::queue_replyable(conn, kind, recipient, subject, body, None)
    }

    /// Queues one mail whose replies go to `reply_to` (an offer's or a match's own address, see
    /// `domain::mail_route::support_address`): it is the mail's From and Reply-To.
    pub fn queue_replyable(
        conn: &mut DbConnection,
        kind: MailKind,
        recipient: &str,
        subject: &str,
        body: &str,
        reply_to: Option<&str>,
    ) -> QueryResult<i64> {
        let at = now();
        let id = diesel::insert_into(outbox::table)
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
            .get_result(conn)?;
        if let Some(address) = reply_to {
            diesel::insert_into(outbox_reply_to::table)
                .values((outbox_reply_to::outbox_id.eq(id), outbox_reply_to::address.eq(address)))
                .execute(conn)?;
        }
        Ok(id)
    }

    /// Records a mail's one-click unsubscribe address (a magazine's List-Unsubscribe).
    pub fn set_unsubscribe(conn: &mut DbConnection, id: i64, url: &str) -> QueryResult<()> {
        diesel::insert_into(outbox_unsubscribe::table)
            .values((outbox_unsubscribe::outbox_id.eq(id), outbox_unsubscribe::url.eq(url)))
            .execute(conn)
            .map(drop)
    }

    /// The unsubscribe addresses of these mails, by row (mails without one are not in the map).
    pub fn unsubscribe_urls(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
        outbox_unsubscribe::table
            .filter(outbox_unsubscribe::outbox_id.eq_any(ids))
            .select((outbox_unsubscribe::outbox_id, outbox_unsubscribe::url))
            .load::<(i64, String)>(conn)
            .map(|rows| rows.into_iter().collect())
    }

    /// The reply addresses of these mails, by row (mails without one are not in the map).
    pub fn reply_addresses(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
        outbox_reply_to::table
            .filter(outbox_reply_to::outbox_id.eq_any(ids))
            .select((outbox_reply_to::outbox_id, outbox_reply_to::address))
            .load::<(i64, String)>(conn)
            .map(|rows| rows.into_iter().collect())
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

    /// One mail by its row id.
    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<OutboxMail>> {
        outbox::table
            .find(id)
            .select(OutboxMail::as_select())
            .first(conn)
            .optional()
    }

    /// Claims up to `limit` due mails for this worker (see `db::queue`), highest priority first.
    /// Settle each through `Queue::Outbox`.
    pub fn claim(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<OutboxMail>> {
        OutboxMail::claim_leased(conn, limit, Queue::Outbox.lease()).map(|(mails, _)| mails)
    }

    /// [`claim`](Self::claim) with a lease of `length`, and the lease to renew while sending.
    pub fn claim_leased(
        conn: &mut DbConnection,
        limit: i64,
        length: Duration,
    ) -> QueryResult<(Vec<OutboxMail>, Lease)> {
        let (mut claimed, lease): (Vec<OutboxMail>, Lease) = Queue::Outbox.claim_leased(conn, limit, length)?;
        claimed.sort_by_key(|m| (std::cmp::Reverse(m.priority), m.id));
        Ok((claimed, lease))
    }

    /// An alert (見守り, emergency, not arrived, home board): sent through a second session when
    /// the first one hangs.
    pub fn is_alert(&self) -> bool {
        self.priority >= MailKind::WatchPass.priority()
    }

    /// The row waits out its backoff because the relay was down or hung (noted after
    /// `Queue::Outbox.retry_later`), not because it refused this mail.
    pub fn wait_for_relay(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        // Only the worker holding the row writes its note: no race between the two statements.
        diesel::delete(outbox_relay_waits::table.find(id)).execute(conn)?;
        diesel::insert_into(outbox_relay_waits::table)
            .values((
                outbox_relay_waits::outbox_id.eq(id),
                outbox_relay_waits::since.eq(now()),
            ))
            .execute(conn)
    }

    /// The relay accepts mail again: every row waiting out an outage's backoff is due now. Returns
    /// how many were waiting.
    pub fn end_outage_waits(conn: &mut DbConnection) -> QueryResult<usize> {
        let waiting: Vec<i64> = outbox_relay_waits::table
            .select(outbox_relay_waits::outbox_id)
            .load(conn)?;
        if waiting.is_empty() {
            return Ok(0);
        }
        // Rows sent or claimed since then are left as they are; the notes go either way.
        diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(&waiting))
                .filter(outbox::status.eq("pending")),
        )
        .set(outbox::next_attempt_at.eq(now()))
        .execute(conn)?;
        diesel::delete(outbox_relay_waits::table.filter(outbox_relay_waits::outbox_id.eq_any(&waiting))).execute(conn)
    }

    /// Deletes up to `limit` sent or given-up mails queued before `before` (retention); returns how
    /// many went. Small batches keep each delete short beside the senders.
    pub fn purge_finished_before(conn: &mut DbConnection, before: NaiveDateTime, limit: i64) -> QueryResult<usize> {
        let ids = outbox::table
            .filter(outbox::created_at.lt(before))
            .filter(outbox::status.eq_any(["sent", "failed"]))
            .select(outbox::id)
            .order(outbox::created_at)
            .limit(limit)
            .load::<i64>(conn)?;
        if ids.is_empty() {
            return Ok(0);
        }
        diesel::delete(outbox::table.filter(outbox::id.eq_any(ids))).execute(conn)
    }

    /// Records the carrier that claimed mails are about to be handed to (pacing counts by it, and
    /// coordinators see sent and failed mail by it).
    pub fn set_carrier(conn: &mut DbConnection, ids: &[i64], carrier: &str) -> QueryResult<usize> {
        diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
            .set(outbox::carrier.eq(carrier))
            .execute(conn)
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

    /// Mails waiting or being sent, by kind and status (the queue's depth; sent history is not read).
    pub fn depth(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, i64)>> {
        outbox::table
            .filter(outbox::status.eq_any(["pending", "sending"]))
            .group_by((outbox::kind, outbox::status))
            .select((outbox::kind, outbox::status, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Queue and hand-over times of the alerts (見守り passes and emergencies) sent after `since`.
    pub fn alert_delays_since(
        conn: &mut DbConnection,
        since: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, Option<NaiveDateTime>)>> {
        outbox::table
            .filter(outbox::status.eq("sent"))
            .filter(outbox::sent_at.gt(since))
            .filter(outbox::kind.eq_any([MailKind::WatchPass.as_str(), MailKind::WatchEmergency.as_str()]))
            .select((outbox::created_at, outbox::sent_at))
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
