//! Sending the outbox: claim, compose per recipient, hand over per carrier session, record.

use super::{pacing, Worker};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::outbox::OutboxMail;
use crate::db::queue::{Queue, Retry};
use crate::db::{now, DbConnection};
use crate::domain::mail_route::verp_address;
use crate::domain::time::jst;
use crate::mail::outbound::compose::{compose, Outgoing};
use crate::mail::outbound::transport::{SendError, Session};
use chrono::Utc;
use diesel::QueryResult;
use std::collections::BTreeMap;

/// Mails claimed per round.
const BATCH: i64 = 200;

/// Sends what is due; returns how many mails were dealt with (sent, failed or put back).
pub fn send_due(worker: &Worker, conn: &mut DbConnection) -> QueryResult<usize> {
    let claimed = OutboxMail::claim(conn, BATCH)?;
    let count = claimed.len();
    let mut by_carrier: BTreeMap<String, Vec<OutboxMail>> = BTreeMap::new();
    for mail in claimed {
        let carrier = worker.ctx.profiles.mail_profile_of_address(&mail.recipient).id.clone();
        by_carrier.entry(carrier).or_default().push(mail);
    }
    // Carriers whose batch holds the most urgent mail go first (claimed mails come sorted).
    let mut by_carrier: Vec<(String, Vec<OutboxMail>)> = by_carrier.into_iter().collect();
    by_carrier.sort_by_key(|(_, mails)| std::cmp::Reverse(mails.first().map_or(0, |m| m.priority)));
    for (carrier, mails) in by_carrier {
        let ids: Vec<i64> = mails.iter().map(|m| m.id).collect();
        OutboxMail::set_carrier(conn, &ids, &carrier)?;
        let pacing = worker.ctx.settings.mail.pacing_for(&carrier);
        let allowance = pacing::allowance(conn, &carrier, mails.len(), pacing.per_minute, now())?;
        let (now_mails, later) = mails.split_at(allowance.now);
        for mail in later {
            Queue::Outbox.put_back(conn, mail.id, allowance.resume_at)?;
        }
        for session_mails in now_mails.chunks(pacing.per_session as usize) {
            send_session(worker, conn, session_mails)?;
        }
    }
    Ok(count)
}

/// One SMTP session's worth of mail to one carrier.
fn send_session(worker: &Worker, conn: &mut DbConnection, mails: &[OutboxMail]) -> QueryResult<()> {
    let mut session = match Session::open(&worker.ctx.settings.mail.transport) {
        Ok(session) => session,
        Err(e) => {
            for mail in mails {
                record_failure(conn, mail, &e)?;
            }
            return Ok(());
        }
    };
    let ids: Vec<i64> = mails.iter().map(|m| m.id).collect();
    let reply_addresses = OutboxMail::reply_addresses(conn, &ids)?;
    let unsubscribe = OutboxMail::unsubscribe_urls(conn, &ids)?;
    for mail in mails {
        if let Some(reason) = not_worth_sending(conn, mail)? {
            Queue::Outbox.fail(conn, mail.id, reason)?;
            continue;
        }
        let settings = &worker.ctx.settings.mail;
        let bytes = render(
            worker,
            mail,
            reply_addresses.get(&mail.id).map(String::as_str),
            unsubscribe.get(&mail.id).map(String::as_str),
        );
        let envelope_from = verp_address(mail.id, &mail.recipient, &settings.domain);
        match session.send(&envelope_from, &mail.recipient, &bytes, &file_name(mail)) {
            Ok(()) => {
                Queue::Outbox.complete(conn, mail.id)?;
            }
            Err(e) => record_failure(conn, mail, &e)?,
        }
    }
    Ok(())
}

/// Expired, or to an address that no longer exists.
fn not_worth_sending(conn: &mut DbConnection, mail: &OutboxMail) -> QueryResult<Option<&'static str>> {
    if mail.expires_at.is_some_and(|at| at < now()) {
        return Ok(Some("expired before it could be sent"));
    }
    let unknown = MailAddress::find(conn, &mail.recipient)?.is_some_and(|a| a.health == "unknown_user");
    Ok(unknown.then_some("address unknown at the carrier (5.1.1): not sent"))
}

fn record_failure(conn: &mut DbConnection, mail: &OutboxMail, error: &SendError) -> QueryResult<()> {
    if error.permanent {
        Queue::Outbox.fail(conn, mail.id, &error.message)?;
        return Ok(());
    }
    // 30 s, 1 min, 2 min … at most an hour, 10 attempts (`db::queue`); the lifetime of the kind
    // usually ends it first.
    if let Retry::After(wait) = Queue::Outbox.retry_later(conn, mail.id, mail.attempts, &error.message)? {
        log::warn!(
            "mail {} to {}: {}; again in {wait}",
            mail.id,
            mail.recipient,
            error.message
        );
    }
    Ok(())
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
            from_name: &settings.from_name,
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
