//! 「パスワードを忘れた方」: a one-time link mailed to a confirmed address, and the new password set
//! with it. Whoever types an address learns nothing about whether it belongs to a member.

use crate::auth::audit::{self, AccountEvent};
use crate::auth::registration::queue_limited;
use crate::db::models::account_mail::Channel;
use crate::db::models::login_limit::{self, Scope};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::outbox::MailKind;
use crate::db::models::password_reset::{self, ResetLink, RESET_LIFETIME};
use crate::db::models::session::SessionRow;
use crate::db::{write_transaction, DbConnection};
use crate::domain::email::EmailAddress;
use crate::domain::role::MemberStatus;
use crate::domain::token::{random_token, token_hash};
use chrono::NaiveDateTime;
use diesel::QueryResult;
use hiroba_views::mail::account;

/// The key the login limiter counts reset requests from one client address under: its own key,
/// so asking for links never locks anyone out of the login form (and failed logins never block a
/// reset).
fn client_key(client: &str) -> String {
    format!("reset:{client}")
}

/// Asks for a reset link for `address`. `client` is the source address to limit (None for a
/// carrier gateway, as at login). `Err(until)` while the client is locked; otherwise the request
/// was taken, whatever came of it: a link is mailed only to a confirmed address of a member who
/// is not suspended, within the daily cap of account mails asked for on a form.
pub fn request_reset(
    conn: &mut DbConnection,
    address: &EmailAddress,
    client: Option<&str>,
    base_url: &str,
) -> QueryResult<Result<(), NaiveDateTime>> {
    let key = client.map(client_key);
    if let Some(key) = &key {
        if let Some(until) = login_limit::locked_until(conn, Scope::Account, key)? {
            return Ok(Err(until));
        }
    }
    let mailed = write_transaction(conn, |conn| {
        let mailed = mail_link(conn, address, base_url)?;
        // Each request counts; the tenth within the window locks the client for the next ones.
        if let Some(key) = &key {
            login_limit::record_failure(conn, Scope::Account, key)?;
        }
        Ok::<_, diesel::result::Error>(mailed)
    })?;
    if let Some(member_id) = mailed {
        audit::record(AccountEvent::ResetRequested, member_id);
    }
    Ok(Ok(()))
}

/// Queues the link mail and stores its hash, when the address is a member's confirmed one; the
/// member when it did. The row is written only with the mail: a request over the daily cap must
/// not void the link already sent.
fn mail_link(conn: &mut DbConnection, address: &EmailAddress, base_url: &str) -> QueryResult<Option<i64>> {
    let Some(found) = MailAddress::find(conn, address.as_str())?.filter(MailAddress::is_verified) else {
        return Ok(None);
    };
    let member = Member::find(conn, found.member_id)?;
    if member.status() == MemberStatus::Suspended {
        return Ok(None);
    }
    let token = random_token();
    let mail = account::password_reset(
        &format!("{base_url}/password/reset?t={token}"),
        RESET_LIFETIME.num_minutes(),
    );
    if !queue_limited(conn, MailKind::PasswordReset, address.as_str(), &mail, Channel::Form)? {
        return Ok(None);
    }
    password_reset::create(conn, member.id, &token_hash(&token))?;
    Ok(Some(member.id))
}

/// What using a link came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetOutcome {
    /// The password is set and every session of the member ended.
    Done { member_id: i64, suspended: bool },
    /// Nothing changed: the link is used, expired or unknown.
    Refused(ResetLink),
}

/// Sets the new password (already hashed) with the link whose token hashes to `token_hash`, in one
/// write transaction: the link is used up, the password replaced and every session of the member
/// ended (someone may know the old password and be signed in with it). Of two concurrent uses of
/// one link, one succeeds and the other is refused as used.
pub fn reset_password(conn: &mut DbConnection, token_hash: &str, password_hash: &str) -> QueryResult<ResetOutcome> {
    let outcome = write_transaction(conn, |conn| -> QueryResult<ResetOutcome> {
        let Some(member_id) = password_reset::use_up(conn, token_hash)? else {
            return Ok(ResetOutcome::Refused(match password_reset::state(conn, token_hash)? {
                // Not usable a moment ago, so not live now either.
                ResetLink::Live { .. } => ResetLink::Expired,
                other => other,
            }));
        };
        Member::set_password_hash(conn, member_id, password_hash)?;
        SessionRow::delete_for_member(conn, member_id)?;
        let suspended = Member::find(conn, member_id)?.status() == MemberStatus::Suspended;
        Ok(ResetOutcome::Done { member_id, suspended })
    })?;
    if let ResetOutcome::Done { member_id, .. } = outcome {
        audit::record(AccountEvent::ResetUsed, member_id);
    }
    Ok(outcome)
}
