//! Registration and address confirmation: the member, the address and its mail in one transaction.

use crate::config::Site;
use crate::db::models::account_mail::{self, Channel};
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
pub fn register(conn: &mut DbConnection, reg: &Registration, site: &Site) -> QueryResult<()> {
    crate::db::write_transaction(conn, |conn| {
        match insert_pending(conn, reg, Claim::Registration, site)? {
            Some(member_id) => add_unconfirmed(
                conn,
                member_id,
                reg.email.as_str(),
                &reg.carrier,
                true,
                Claim::Registration,
                site,
            ),
            None => Ok(()),
        }
    })
}

/// Registers from a 空メール invitation: the address mailed us, so it counts as verified and no
/// confirmation mail is needed. False when the invitation was used up or expired meanwhile.
pub fn register_invited(
    conn: &mut DbConnection,
    reg: &Registration,
    invite_hash: &str,
    site: &Site,
) -> QueryResult<bool> {
    crate::db::write_transaction(conn, |conn| {
        if !registration_invite::use_up(conn, invite_hash)? {
            return Ok(false);
        }
        if let Some(member_id) = insert_pending(conn, reg, Claim::Proven, site)? {
            MailAddress::insert(conn, member_id, reg.email.as_str(), &reg.carrier, true, None)?;
        }
        Ok(true)
    })
}

/// Writes the pending member of a registration; `None` when the address belongs to someone already
/// (its owner is told by mail). An address nobody confirmed is released for the new member.
fn insert_pending(conn: &mut DbConnection, reg: &Registration, claim: Claim, site: &Site) -> QueryResult<Option<i64>> {
    if !claim_address(conn, reg.email.as_str(), claim, site)? {
        return Ok(None);
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

/// Adds an address that must be confirmed by the link mailed to it (`claim` says who asked).
pub fn add_unconfirmed(
    conn: &mut DbConnection,
    member_id: i64,
    address: &str,
    carrier: &str,
    primary: bool,
    claim: Claim,
    site: &Site,
) -> QueryResult<()> {
    let token = random_token();
    MailAddress::insert(conn, member_id, address, carrier, primary, Some(&token_hash(&token)))?;
    let mail = account::confirmation(
        &site.service_name,
        &format!("{}/register/confirm?t={token}", site.base_url),
    );
    queue_limited(conn, MailKind::AddressConfirmation, address, &mail, claim.channel()).map(drop)
}

/// Tells the owner of an address that someone tried to register it (instead of saying so on the page).
pub fn tell_already_registered(
    conn: &mut DbConnection,
    address: &str,
    site: &Site,
    channel: Channel,
) -> QueryResult<()> {
    let mail = account::already_registered(&site.service_name, &format!("{}/login", site.base_url));
    queue_limited(conn, MailKind::AlreadyRegistered, address, &mail, channel).map(drop)
}

/// Account mails anyone can make us write by typing an address or forging a mail: a few a day per
/// address and per way of asking (`account_mail::Channel`), so neither the forms nor forged mails
/// can flood someone's phone, and forged 空メール cannot use up the mails she asks for herself.
/// Other mail to the address (a school's notices, alerts) does not count.
const ACCOUNT_MAILS_PER_DAY: i64 = 5;

/// Queues the mail unless the day's cap is reached; true when it was queued.
pub fn queue_limited(
    conn: &mut DbConnection,
    kind: MailKind,
    address: &str,
    mail: &MailText,
    channel: Channel,
) -> QueryResult<bool> {
    let day = chrono::Duration::days(1);
    if account_mail::count_since(conn, address, channel, now() - day)? >= ACCOUNT_MAILS_PER_DAY {
        log::warn!(
            "account mail to {address} not queued: {ACCOUNT_MAILS_PER_DAY} asked for by {} in the last day already",
            channel.as_str()
        );
        return Ok(false);
    }
    account_mail::record(conn, address, channel, day)?;
    OutboxMail::queue(conn, kind, address, &mail.subject, &mail.body).map(|_| true)
}

/// Who wants an address added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// A signed-in member, from her page.
    Member(i64),
    /// A registration typed on the form: anyone may have typed it.
    Registration,
    /// A registration from a 空メール invitation: the address itself wrote to us.
    Proven,
}

impl Claim {
    /// How the mails of this claim were asked for.
    pub fn channel(self) -> Channel {
        match self {
            Claim::Member(_) => Channel::Member,
            Claim::Registration => Channel::Form,
            Claim::Proven => Channel::Mail,
        }
    }
}

/// Whether `address` may be added for `claim`, freeing it when an earlier unconfirmed claim has
/// run out. A confirmed address stays its owner's, who is told of the attempt by mail. An
/// unconfirmed one whose link is still live stays with the member who added it (unless the address
/// itself proved it is someone else's): releasing it would let anyone take the address over. The
/// page says the same either way.
pub fn claim_address(conn: &mut DbConnection, address: &str, claim: Claim, site: &Site) -> QueryResult<bool> {
    let Some(existing) = MailAddress::find(conn, address)? else {
        return Ok(true);
    };
    if existing.is_verified() {
        tell_already_registered(conn, address, site, claim.channel())?;
        return Ok(false);
    }
    let theirs = match claim {
        Claim::Member(id) => existing.member_id != id,
        Claim::Registration => true,
        Claim::Proven => false,
    };
    if existing.link_is_live() && theirs {
        log::info!("address {address} not released: another member's confirmation link is live");
        return Ok(false);
    }
    release_unconfirmed(conn, &existing)?;
    Ok(true)
}

/// Frees an address nobody confirmed; a pending member left without addresses goes too.
fn release_unconfirmed(conn: &mut DbConnection, existing: &MailAddress) -> QueryResult<()> {
    use crate::db::schema::mail_addresses;
    diesel::delete(mail_addresses::table.find(existing.id)).execute(conn)?;
    if MailAddress::of_member(conn, existing.member_id)?.is_empty() {
        Member::delete_unconfirmed(conn, existing.member_id)?;
    }
    Ok(())
}
