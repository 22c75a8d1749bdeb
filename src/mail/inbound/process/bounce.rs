//! bounce-…@ (VERP): a delivery report for one outbox row updates its address's health.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::{Health, MailAddress};
use crate::db::models::mail_bounce;
use crate::db::models::outbox::OutboxMail;
use crate::db::queue::Queue;
use crate::db::DbConnection;
use crate::mail::inbound::dsn::{parse_bounce, BounceKind};
use diesel::Connection;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    outbox_id: i64,
    address: &str,
) -> Result<(), JobError> {
    let Some(report) = parse_bounce(&mail.raw) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "not a delivery report")?;
        return Ok(());
    };
    // The VERP address names a row and its recipient; both must match what we sent, so a forged
    // report cannot switch off somebody's address by guessing.
    let sent = OutboxMail::find(conn, outbox_id)?.filter(|row| row.recipient.eq_ignore_ascii_case(address));
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
        }
        InboundMail::finish(conn, mail.id, Disposition::Processed, kind)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
