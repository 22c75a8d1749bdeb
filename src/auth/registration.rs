//! Registration and address confirmation: the member, the address and its mail in one transaction.

use crate::db::models::magazine::Subscription;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::{Member, NewMember};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::registration_invite;
use crate::db::{now, DbConnection};
use crate::domain::email::EmailAddress;
use crate::domain::role::{MemberStatus, Role};
use crate::domain::token::{random_token, token_hash};
use diesel::prelude::*;
use hiroba_views::mail::{account, MailText};

/// A registration that passed every check.
#[derive(Debug)]
pub struct Registration {
    pub email: EmailAddress,
    /// The carrier (device profile id) of the address's domain.
    pub carrier: String,
    pub password_hash: String,
    pub nickname: String,
    pub real_name: String,
    pub area_id: Option<i64>,
    pub role: Role,
}

/// Writes a pending member with an unconfirmed address and queues the confirmation mail.
///
/// An address someone already uses gets a mail saying so instead: the page looks the same either
/// way, so the form does not reveal who is a member. An address nobody confirmed yet goes to the
/// new registration: its confirmation mail was lost, or someone else typed the address.
pub fn register(conn: &mut DbConnection, reg: &Registration, base_url: &str) -> QueryResult<()> {
    crate::db::write_transaction(conn, |conn| match insert_pending(conn, reg, base_url)? {
        Some(member_id) => add_unconfirmed(conn, member_id, reg.email.as_str(), &reg.carrier, true, base_url),
        None => Ok(()),
    })
}

/// Registers from a 空メール invitation: the address mailed us, so it counts as verified and no
/// confirmation mail is needed. False when the invitation was used up or expired meanwhile.
pub fn register_invited(
    conn: &mut DbConnection,
    reg: &Registration,
    invite_hash: &str,
    base_url: &str,
) -> QueryResult<bool> {
    crate::db::write_transaction(conn, |conn| {
        if !registration_invite::use_up(conn, invite_hash)? {
            return Ok(false);
        }
        if let Some(member_id) = insert_pending(conn, reg, base_url)? {
            MailAddress::insert(conn, member_id, reg.email.as_str(), &reg.carrier, true, None)?;
        }
        Ok(true)
    })
}

/// Writes the pending member of a registration; `None` when the address belongs to someone already
/// (its owner is told by mail). An address nobody confirmed is released for the new member.
fn insert_pending(conn: &mut DbConnection, reg: &Registration, base_url: &str) -> QueryResult<Option<i64>> {
    let address = reg.email.as_str();
    if let Some(existing) = MailAddress::find(conn, address)? {
        if existing.is_verified() {
            tell_already_registered(conn, address, base_url)?;
            return Ok(None);
        }
        release_unconfirmed(conn, &existing)?;
    }
    let id = Member::insert(
        conn,
        &NewMember {
            nickname: &reg.nickname,
            real_name: &reg.real_name,
            area_id: reg.area_id,
            password_hash: &reg.password_hash,
            status: MemberStatus::Pending,
            roles: &[reg.role],
        },
    )?;
    Subscription::defaults(reg.area_id).save(conn, id)?;
    Ok(Some(id))
}

/// Adds an address that must be confirmed by the link mailed to it.
pub fn add_unconfirmed(
    conn: &mut DbConnection,
    member_id: i64,
    address: &str,
    carrier: &str,
    primary: bool,
    base_url: &str,
) -> QueryResult<()> {
    let token = random_token();
    MailAddress::insert(conn, member_id, address, carrier, primary, Some(&token_hash(&token)))?;
    let mail = account::confirmation(&format!("{base_url}/register/confirm?t={token}"));
    queue_limited(conn, MailKind::AddressConfirmation, address, &mail)
}

/// Tells the owner of an address that someone tried to register it (instead of saying so on the page).
pub fn tell_already_registered(conn: &mut DbConnection, address: &str, base_url: &str) -> QueryResult<()> {
    let mail = account::already_registered(&format!("{base_url}/login"));
    queue_limited(conn, MailKind::AlreadyRegistered, address, &mail)
}

/// Account mails anyone can trigger by typing an address: a few a day per address, so the forms
/// cannot be used to flood someone's phone. Other mail to the address (a school's notices, alerts)
/// does not count: it must not keep her own confirmation from her.
const ACCOUNT_MAILS_PER_DAY: i64 = 5;
const ACCOUNT_MAILS: [MailKind; 2] = [MailKind::AddressConfirmation, MailKind::AlreadyRegistered];

pub fn queue_limited(conn: &mut DbConnection, kind: MailKind, address: &str, mail: &MailText) -> QueryResult<()> {
    let since = now() - chrono::Duration::days(1);
    let mut sent = 0;
    for counted in ACCOUNT_MAILS {
        sent += OutboxMail::count_since(conn, address, Some(counted), since)?;
    }
    if sent >= ACCOUNT_MAILS_PER_DAY {
        log::warn!("account mail to {address} not queued: {ACCOUNT_MAILS_PER_DAY} in the last day already");
        return Ok(());
    }
    OutboxMail::queue(conn, kind, address, &mail.subject, &mail.body).map(drop)
}

/// Frees an address nobody confirmed; a pending member left without addresses goes too.
pub fn release_unconfirmed(conn: &mut DbConnection, existing: &MailAddress) -> QueryResult<()> {
    use crate::db::schema::mail_addresses;
    diesel::delete(mail_addresses::table.find(existing.id)).execute(conn)?;
    if MailAddress::of_member(conn, existing.member_id)?.is_empty() {
        Member::delete_unconfirmed(conn, existing.member_id)?;
    }
    Ok(())
}
