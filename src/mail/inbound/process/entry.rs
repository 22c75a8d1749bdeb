//! entry@: an empty mail (空メール) earns a one-time registration link for the sender's address.
//! A 申込コード in its subject or body carries on to joining that child: a member's address gets a
//! link straight to `/notebook/join?code=…`, a new one the registration link and that link.

use super::JobError;
use crate::auth::registration::{queue_limited, tell_already_registered};
use crate::context::Context;
use crate::db::models::account_mail::Channel;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::outbox::MailKind;
use crate::db::models::registration_invite;
use crate::db::DbConnection;
use crate::domain::mail_route::entry_address;
use crate::domain::notebook::join::JoinCode;
use crate::domain::token::{random_token, token_hash};
use crate::mail::inbound::decode::DecodedMail;
use crate::notebook::join::{check_code, Attempt};
use hiroba_views::mail::inbound;
use hiroba_views::mail::notebook::families;

/// Codes looked at in one mail (each wrong one counts against the sender).
const CODES_PER_MAIL: usize = 3;

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
    let codes = JoinCode::find_in(&format!("{}\n{}", decoded.subject, decoded.body), CODES_PER_MAIL);
    if !codes.is_empty() {
        return with_code(ctx, conn, mail, &address, &codes);
    }
    crate::db::write_transaction(conn, |conn| {
        // The link goes to the sender's own address, so a forged From only sends the owner a
        // link they did not ask for; the daily cap keeps that from becoming a flood.
        match MailAddress::find(conn, &address)? {
            Some(existing) if existing.is_verified() => {
                tell_already_registered(conn, &address, &ctx.settings.site(), Channel::Mail)?;
                InboundMail::finish(conn, mail.id, Disposition::Processed, "already registered: told so")?;
            }
            _ => {
                let token = random_token();
                registration_invite::create(conn, &token_hash(&token), &address)?;
                let text = inbound::entry_invite(
                    &ctx.settings.service_name,
                    &format!("{base_url}/register?invite={token}"),
                );
                queue_limited(conn, MailKind::EntryInvite, &address, &text, Channel::Mail)?;
                InboundMail::finish(conn, mail.id, Disposition::Processed, "registration link sent")?;
            }
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// A 空メール with something that reads as a 申込コード: the first right one leads on to joining;
/// wrong ones count against the sender's address (as typed ones count against a member).
fn with_code(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    address: &str,
    codes: &[JoinCode],
) -> Result<(), JobError> {
    let base_url = &ctx.settings.base_url;
    let per_hour = ctx.settings.notebook.join_attempts_per_hour;
    let attempt = Attempt {
        mail_from: Some(address.to_string()),
        ..Attempt::default()
    };
    crate::db::write_transaction(conn, |conn| {
        let mut right = None;
        for code in codes {
            if let Ok(_child) = check_code(conn, per_hour, &attempt, code.as_str())? {
                right = Some(code);
                break;
            }
        }
        let Some(code) = right else {
            let text = families::entry_wrong_code(&entry_address(&ctx.settings.mail.domain));
            queue_limited(conn, MailKind::NotebookJoin, address, &text, Channel::Mail)?;
            InboundMail::finish(conn, mail.id, Disposition::Processed, "wrong join code: told so")?;
            return Ok(());
        };
        let join_url = format!("{base_url}/notebook/join?code={}", code.as_str());
        match MailAddress::find(conn, address)? {
            Some(existing) if existing.is_verified() => {
                queue_limited(
                    conn,
                    MailKind::NotebookJoin,
                    address,
                    &families::entry_member_join(&join_url),
                    Channel::Mail,
                )?;
                InboundMail::finish(conn, mail.id, Disposition::Processed, "join link sent to a member")?;
            }
            _ => {
                let token = random_token();
                registration_invite::create(conn, &token_hash(&token), address)?;
                let text = families::entry_with_code(
                    &ctx.settings.service_name,
                    &format!("{base_url}/register?invite={token}"),
                    &join_url,
                );
                queue_limited(conn, MailKind::EntryInvite, address, &text, Channel::Mail)?;
                InboundMail::finish(
                    conn,
                    mail.id,
                    Disposition::Processed,
                    "registration and join links sent",
                )?;
            }
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
