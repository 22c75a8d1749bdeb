//! Sending the outbox: claim with a lease, compose per recipient, hand over per carrier session,
//! record each hand-off the moment the relay accepts it.

use super::{pacing, Worker};
use crate::config::MailSettings;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::mail_bounce;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::queue::Lease;
use crate::db::queue::{Queue, Retry};
use crate::db::{now, DbConnection};
use crate::domain::mail_route::verp_address;
use crate::domain::time::jst;
use crate::mail::outbound::compose::{compose, Outgoing};
use crate::mail::outbound::transport::{SendError, Session};
use chrono::{NaiveDateTime, Utc};
use diesel::QueryResult;
use std::collections::BTreeMap;
use std::time::Duration;

/// The most mails one claim takes.
const BATCH: i64 = 200;
/// What a mail is assumed to take before this worker has measured its relay.
const FIRST_GUESS_PER_MAIL: Duration = Duration::from_millis(20);

/// Sends what is due; returns how many mails were dealt with (sent, failed or put back). Only the
/// claim's own failure is an error: a row whose bookkeeping fails is logged and left to its lease,
/// and the rest of the claim is sent.
pub fn send_due(worker: &Worker, conn: &mut DbConnection) -> QueryResult<usize> {
    let settings = &worker.ctx.settings.mail;
    let length = chrono::Duration::from_std(settings.lease).unwrap_or(chrono::Duration::seconds(30));
    let (claimed, lease) = OutboxMail::claim_leased(conn, claim_size(worker), length)?;
    let count = claimed.len();
    let mut by_carrier: BTreeMap<String, Vec<OutboxMail>> = BTreeMap::new();
    for mail in claimed {
        let carrier = worker.ctx.profiles.mail_profile_of_address(&mail.recipient).id.clone();
        by_carrier.entry(carrier).or_default().push(mail);
    }
    // Carriers whose batch holds the most urgent mail go first (claimed mails come sorted).
    let mut by_carrier: Vec<(String, Vec<OutboxMail>)> = by_carrier.into_iter().collect();
    by_carrier.sort_by_key(|(_, mails)| std::cmp::Reverse(mails.first().map_or(0, |m| m.priority)));
    let mut round = Sending {
        worker,
        lease,
        unrecorded: Vec::new(),
        relay_answered: false,
    };
    for (carrier, mails) in by_carrier {
        round.carrier(conn, &carrier, &mails);
    }
    round.finish(conn);
    Ok(count)
}

/// How many mails to claim: what this worker can send within half a lease at the pace its relay
/// answered lately, so that a slow relay does not keep mail from other workers.
fn claim_size(worker: &Worker) -> i64 {
    let per_mail = worker
        .per_mail()
        .unwrap_or(FIRST_GUESS_PER_MAIL)
        .max(Duration::from_millis(1));
    let fits = (worker.ctx.settings.mail.lease / 2).as_millis() / per_mail.as_millis();
    i64::try_from(fits).unwrap_or(BATCH).clamp(1, BATCH)
}

/// One claim being sent.
struct Sending<'w> {
    worker: &'w Worker,
    lease: Lease,
    /// Mails the relay accepted whose hand-off could not be recorded yet: recorded before anything
    /// else is done, kept leased meanwhile, never sent again.
    unrecorded: Vec<i64>,
    /// A mail was accepted in this round (and the outage waits were ended).
    relay_answered: bool,
}

impl Sending<'_> {
    /// One carrier's part of the claim: paced, then sent in sessions of the carrier's size.
    fn carrier(&mut self, conn: &mut DbConnection, carrier: &str, mails: &[OutboxMail]) {
        let ids: Vec<i64> = mails.iter().map(|m| m.id).collect();
        if let Err(e) = OutboxMail::set_carrier(conn, &ids, carrier) {
            log::warn!("mail to {carrier}: recording the carrier: {e}");
        }
        let pacing = self.worker.ctx.settings.mail.pacing_for(carrier);
        let allowance = match pacing::allowance(conn, carrier, mails.len(), pacing.per_minute, now()) {
            Ok(allowance) => allowance,
            Err(e) => {
                // Unknown how much the carrier may take: leave them to the lease (seconds).
                log::warn!("mail to {carrier}: pacing: {e}; left for the next claim");
                ids.iter().for_each(|id| self.lease.release(*id));
                return;
            }
        };
        let (now_mails, later) = mails.split_at(allowance.now);
        for mail in later {
            if let Err(e) = Queue::Outbox.put_back(conn, mail.id, allowance.resume_at) {
                log::warn!("mail {}: putting it back for pacing: {e}", mail.id);
            }
            self.lease.release(mail.id);
        }
        for session_mails in now_mails.chunks(pacing.per_session as usize) {
            self.session(conn, session_mails);
        }
    }

    /// One SMTP session's worth of mail to one carrier.
    fn session(&mut self, conn: &mut DbConnection, mails: &[OutboxMail]) {
        let settings = &self.worker.ctx.settings.mail;
        let ids: Vec<i64> = mails.iter().map(|m| m.id).collect();
        let reply_addresses = match OutboxMail::reply_addresses(conn, &ids) {
            Ok(addresses) => addresses,
            Err(e) => {
                log::warn!("mail {ids:?}: reading reply addresses: {e}; left for the next claim");
                ids.iter().for_each(|id| self.lease.release(*id));
                return;
            }
        };
        let unsubscribe = match OutboxMail::unsubscribe_urls(conn, &ids) {
            Ok(urls) => urls,
            Err(e) => {
                log::warn!("mail {ids:?}: reading unsubscribe addresses: {e}; left for the next claim");
                ids.iter().for_each(|id| self.lease.release(*id));
                return;
            }
        };
        let bounce_key = match crate::mail::bounce_key(conn, settings.bounce_secret.as_deref()) {
            Ok(key) => key,
            Err(e) => {
                log::warn!("mail {ids:?}: reading the bounce key: {e}; left for the next claim");
                ids.iter().for_each(|id| self.lease.release(*id));
                return;
            }
        };
        let mut session = Session::open(&settings.transport, settings.send_timeout);
        let mut second_session = false;
        // Before each mail the lease must cover the send and its bookkeeping.
        let needed = chrono::Duration::from_std(settings.send_timeout * 2).unwrap_or(chrono::Duration::seconds(20));
        for mail in mails {
            self.record_unrecorded(conn);
            if !self.lease.hold(conn, mail.id, needed) {
                log::warn!(
                    "mail {}: its lease could not be renewed; left for the next claim",
                    mail.id
                );
                self.lease.release(mail.id);
                continue;
            }
            match not_worth_sending(conn, mail) {
                Ok(None) => {}
                Ok(Some(reason)) => {
                    if let Err(e) = Queue::Outbox.fail(conn, mail.id, reason) {
                        log::warn!("mail {}: {e}", mail.id);
                    }
                    self.lease.release(mail.id);
                    continue;
                }
                Err(e) => {
                    log::warn!("mail {}: {e}; left for the next claim", mail.id);
                    self.lease.release(mail.id);
                    continue;
                }
            }
            let bytes = render(
                self.worker,
                mail,
                reply_addresses.get(&mail.id).map(String::as_str),
                unsubscribe.get(&mail.id).map(String::as_str),
            );
            let envelope_from = verp_address(mail.id, &mail.recipient, &settings.domain, &bounce_key);
            let mut outcome = hand_over(self.worker, &mut session, mail, &envelope_from, &bytes);
            if outcome.as_ref().is_err_and(|e| e.outage) && mail.is_alert() && !second_session {
                // The relay hung or dropped us: an alert tries once more at once, through a second
                // session, rather than waiting out a backoff behind the hung one. Once per batch:
                // when both hang, the rest waits for its retry instead of a timeout each.
                second_session = true;
                log::warn!(
                    "mail {} (alert): {}; trying a second session",
                    mail.id,
                    error_text(&outcome)
                );
                session = Session::open(&settings.transport, settings.send_timeout);
                outcome = hand_over(self.worker, &mut session, mail, &envelope_from, &bytes);
            }
            match outcome {
                Ok(()) => self.handed_over(conn, mail.id),
                Err(e) => {
                    record_failure(conn, mail, &e);
                    self.lease.release(mail.id);
                }
            }
        }
    }

    /// The relay said 250: record it at once. If that fails (the database is locked, or gone for
    /// a moment), the row stays ours under the lease and is recorded before anything else is
    /// done; it is never handed over again.
    fn handed_over(&mut self, conn: &mut DbConnection, id: i64) {
        match Queue::Outbox.complete(conn, id) {
            Ok(_) => self.lease.release(id),
            Err(e) => {
                log::warn!("mail {id} was accepted by the relay; recording that failed ({e}), trying again");
                self.unrecorded.push(id);
            }
        }
        if !self.relay_answered {
            self.relay_answered = true;
            // The relay takes mail again: what waited out an outage goes now, not after its backoff.
            match OutboxMail::end_outage_waits(conn) {
                Ok(0) => {}
                Ok(n) => log::info!("the relay accepts mail again: {n} waiting mails are due now"),
                Err(e) => log::warn!("ending the outage waits: {e}"),
            }
        }
    }

    /// Records the hand-offs that could not be recorded before.
    fn record_unrecorded(&mut self, conn: &mut DbConnection) {
        let mut still = Vec::new();
        for id in std::mem::take(&mut self.unrecorded) {
            match Queue::Outbox.complete(conn, id) {
                Ok(_) => self.lease.release(id),
                Err(_) => still.push(id),
            }
        }
        self.unrecorded = still;
    }

    /// The end of the claim: every accepted mail is recorded before the worker moves on, for as
    /// long as its lease can be kept (a worker that cannot reach its database for that long has
    /// lost the row to another worker anyway).
    fn finish(mut self, conn: &mut DbConnection) {
        let started = std::time::Instant::now();
        while !self.unrecorded.is_empty() {
            self.record_unrecorded(conn);
            if self.unrecorded.is_empty() {
                break;
            }
            if started.elapsed() > self.worker.ctx.settings.mail.lease {
                log::error!(
                    "mails {:?} were accepted by the relay but could not be recorded as sent",
                    self.unrecorded
                );
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
            if let Err(e) = self.lease.renew(conn) {
                log::warn!("renewing the lease of accepted mails: {e}");
            }
        }
    }
}

/// Hands one mail to the session (opened again if it could not be opened), timing it for the
/// claim size.
fn hand_over(
    worker: &Worker,
    session: &mut Result<Session, SendError>,
    mail: &OutboxMail,
    envelope_from: &str,
    bytes: &[u8],
) -> Result<(), SendError> {
    let session = match session {
        Ok(session) => session,
        Err(e) => return Err(e.clone()),
    };
    let started = std::time::Instant::now();
    let outcome = session.send(envelope_from, &mail.recipient, bytes, &file_name(mail));
    worker.measured(started.elapsed());
    outcome
}

fn error_text(outcome: &Result<(), SendError>) -> String {
    outcome.as_ref().err().map(|e| e.message.clone()).unwrap_or_default()
}

/// Deletes sent and given-up mails past `[mail] outbox_retention_days`, a bounded number per call
/// (maintenance runs every minute); returns how many went.
pub fn purge(settings: &MailSettings, conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    const PER_CALL: i64 = 10_000;
    const PER_STATEMENT: i64 = 1_000;
    let before = now - chrono::Duration::days(settings.outbox_retention_days.into());
    let mut purged = 0;
    while purged < PER_CALL as usize {
        let n = OutboxMail::purge_finished_before(conn, before, PER_STATEMENT)?;
        purged += n;
        if n < PER_STATEMENT as usize {
            break;
        }
    }
    Ok(purged)
}

/// Expired, or to an address that no longer exists. Watch and emergency alerts still go to an
/// address that bounced until it has bounced hard repeatedly over days (one report, true or not,
/// must not silence a guardian).
fn not_worth_sending(conn: &mut DbConnection, mail: &OutboxMail) -> QueryResult<Option<&'static str>> {
    if mail.expires_at.is_some_and(|at| at < now()) {
        return Ok(Some("expired before it could be sent"));
    }
    let mut unknown = MailAddress::find(conn, &mail.recipient)?.is_some_and(|a| a.health == "unknown_user");
    let alert = [MailKind::WatchPass, MailKind::WatchEmergency].map(MailKind::as_str);
    if unknown && alert.contains(&mail.kind.as_str()) {
        unknown = mail_bounce::stops_alerts(&mail_bounce::hard_of(conn, &mail.recipient)?);
    }
    Ok(unknown.then_some("address unknown at the carrier (5.1.1): not sent"))
}

/// Settles a mail that was not handed over. A failed write is logged: the row is left to its lease.
fn record_failure(conn: &mut DbConnection, mail: &OutboxMail, error: &SendError) {
    if error.permanent {
        if let Err(e) = Queue::Outbox.fail(conn, mail.id, &error.message) {
            log::warn!("mail {}: recording the refusal: {e}", mail.id);
        }
        return;
    }
    // 30 s, 1 min, 2 min … at most an hour, 10 attempts (`db::queue`); the lifetime of the kind
    // usually ends it first, and the relay's first acceptance after an outage ends the wait.
    match Queue::Outbox.retry_later(conn, mail.id, mail.attempts, &error.message) {
        Ok(Retry::After(wait)) => {
            log::warn!(
                "mail {} to {}: {}; again in {wait}",
                mail.id,
                mail.recipient,
                error.message
            );
            if error.outage {
                if let Err(e) = OutboxMail::wait_for_relay(conn, mail.id) {
                    log::warn!("mail {}: {e}", mail.id);
                }
            }
        }
        Ok(Retry::GaveUp) => {}
        Err(e) => log::warn!("mail {}: recording the failure: {e}", mail.id),
    }
}

/// The bytes for this recipient's phone, signed when a DKIM key is configured.
/// A magazine carries its one-click unsubscribe address (RFC 8058; the DKIM signature covers both
/// headers, as receivers require).
fn render(worker: &Worker, mail: &OutboxMail, reply_to: Option<&str>, unsubscribe: Option<&str>) -> Vec<u8> {
    let settings = &worker.ctx.settings.mail;
    let profile = worker.ctx.profiles.mail_profile_of_address(&mail.recipient);
    let date = jst(mail.created_at);
    let message_id = format!(
        "{}.{}@{}",
        mail.id,
        mail.created_at.and_utc().timestamp(),
        settings.domain
    );
    // A mail with its own reply address (an offer, a match's confirmation) is from that address, so
    // that a reply reaches it on handsets that ignore Reply-To; Reply-To says it for the others.
    let from_address = reply_to.map_or_else(|| settings.from_address(), str::to_string);
    let list_unsubscribe = unsubscribe.map(|url| format!("<{url}>"));
    let headers: Vec<(&str, &str)> = std::iter::once(("Auto-Submitted", "auto-generated"))
        .chain(reply_to.map(|address| ("Reply-To", address)))
        .chain(list_unsubscribe.as_deref().map(|value| ("List-Unsubscribe", value)))
        .chain(unsubscribe.map(|_| ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")))
        .collect();
    let bytes = compose(
        &Outgoing {
            message_id: &message_id,
            date,
            from_name: &worker.ctx.settings.service_name,
            from_address: &from_address,
            to: &mail.recipient,
            subject: &mail.subject,
            body: &mail.body,
            extra_headers: &headers,
        },
        profile,
        &worker.ctx.codec,
    );
    match &worker.dkim {
        Some(signer) => signer.sign(&bytes, Utc::now().timestamp()),
        None => bytes,
    }
}

/// `0000042-hanako=docomo.ne.jp`: sorted by row, readable, safe as a file name.
fn file_name(mail: &OutboxMail) -> String {
    let recipient: String = mail
        .recipient
        .replace('@', "=")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".=_-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{:07}-{recipient}", mail.id)
}
