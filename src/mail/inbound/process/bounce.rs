//! bounce-…@ (VERP): a delivery report for one outbox row updates its address's health.
//!
//! Believed only with our tag in the address (checked at intake too, but a row stored before may
//! lack it), as a DSN, for the recipient the row was sent to. A hard bounce of a guardian's watch
//! address is told to the school's staff; the alerts themselves stop only after repeated hard
//! bounces over days (`mail_bounce::stops_alerts`, checked when sending).

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::{Health, MailAddress};
use crate::db::models::mail_bounce;
use crate::db::models::outbox::OutboxMail;
use crate::db::queue::Queue;
use crate::db::DbConnection;
use crate::domain::mail_route::verp_tag_matches;
use crate::mail::bounce_key;
use crate::mail::inbound::dsn::{parse_bounce, BounceKind};
use crate::watch::alerts;
use diesel::Connection;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    outbox_id: i64,
    tag: &str,
    address: &str,
) -> Result<(), JobError> {
    let key = bounce_key(conn, ctx.settings.mail.bounce_secret.as_deref())?;
    if !verp_tag_matches(&key, outbox_id, address, tag) {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "bounce address without our tag")?;
        return Ok(());
    }
    let Some(report) = parse_bounce(&mail.raw) else {
        InboundMail::finish(
            conn,
            mail.id,
            Disposition::Refused,
            "not a delivery report (multipart/report)",
        )?;
        return Ok(());
    };
    // The VERP address names a row and its recipient, and the report's Final-Recipient must be
    // that recipient too.
    let sent = OutboxMail::find(conn, outbox_id)?.filter(|row| {
        row.recipient.eq_ignore_ascii_case(address)
            && report
                .recipient
                .as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case(&row.recipient))
    });
    let Some(sent) = sent else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "report for a mail we did not send")?;
        return Ok(());
    };
    let (kind, health) = match report.kind {
        BounceKind::UnknownUser => ("unknown_user", Some(Health::UnknownUser)),
        BounceKind::Filtered => ("filtered", Some(Health::Filtered)),
        BounceKind::MailboxFull => ("mailbox_full", None),
        BounceKind::Transient => ("transient", None),
        BounceKind::Other => ("other", None),
    };
    let carrier = ctx.profiles.mail_profile_of_address(address).id.clone();
    conn.transaction(|conn| {
        mail_bounce::record(
            conn,
            Some(sent.id),
            &sent.recipient,
            &carrier,
            report.status.as_deref(),
            kind,
        )?;
        if let Some(health) = health {
            MailAddress::set_health(conn, &sent.recipient, health)?;
            let why = format!("bounced: {} {}", report.status.as_deref().unwrap_or("-"), kind);
            Queue::Outbox.fail(conn, sent.id, &why)?;
            let hard = mail_bounce::hard_of(conn, &sent.recipient)?;
            alerts::recipient_bounced(conn, &sent.recipient, &hard)?;
        }
        InboundMail::finish(conn, mail.id, Disposition::Processed, kind)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
