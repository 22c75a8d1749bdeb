//! Where the mails of a matched request go: a member's own address, and every coordinator.

use crate::db::models::mail_address::MailAddress;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::DbConnection;
use crate::domain::role::Role;
use diesel::QueryResult;
use hiroba_views::mail::MailText;

/// The address a member reads: her primary address if confirmed, else her first confirmed one.
pub fn address_of(conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<String>> {
    Ok(MailAddress::of_member(conn, member_id)?
        .into_iter()
        .find(MailAddress::is_verified)
        .map(|a| a.address))
}

/// Whether `sender` is one of the member's confirmed addresses (replies are taken only from them).
pub fn is_address_of(conn: &mut DbConnection, member_id: i64, sender: &str) -> QueryResult<bool> {
    Ok(MailAddress::find(conn, sender)?.is_some_and(|a| a.member_id == member_id && a.is_verified()))
}

/// Queues `mail` to every coordinator (`SupportCoordinator`); call in the change's transaction.
pub fn coordinators(conn: &mut DbConnection, mail: &MailText) -> QueryResult<()> {
    for address in MailAddress::of_role(conn, Role::Coordinator)? {
        OutboxMail::queue(conn, MailKind::SupportCoordinator, &address, &mail.subject, &mail.body)?;
    }
    Ok(())
}
