//! entry@: an empty mail (空メール) earns a one-time registration link for the sender's address.

use super::JobError;
use crate::auth::registration::{queue_limited, tell_already_registered};
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::outbox::MailKind;
use crate::db::models::registration_invite;
use crate::db::DbConnection;
use crate::domain::token::{random_token, token_hash};
use crate::mail::inbound::decode::DecodedMail;
use hiroba_views::mail::inbound;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
) -> Result<(), JobError> {
    let Some(from) = &decoded.from else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no sender address")?;
        return Ok(());
    };
    let address = from.as_str().to_string();
    let base_url = &ctx.settings.base_url;
    crate::db::write_transaction(conn, |conn| {
        // The link goes to the sender's own address, so a forged From only sends the owner a
        // link they did not ask for; the daily cap keeps that from becoming a flood.
        match MailAddress::find(conn, &address)? {
            Some(existing) if existing.is_verified() => {
                tell_already_registered(conn, &address, base_url)?;
                InboundMail::finish(conn, mail.id, Disposition::Processed, "already registered: told so")?;
            }
            _ => {
                let token = random_token();
                registration_invite::create(conn, &token_hash(&token), &address)?;
                let text = inbound::entry_invite(&format!("{base_url}/register?invite={token}"));
                queue_limited(conn, MailKind::EntryInvite, &address, &text)?;
                InboundMail::finish(conn, mail.id, Disposition::Processed, "registration link sent")?;
            }
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
