//! 空メール invitations: one-time registration links for an address that mailed entry@.

use crate::db::schema::registration_invites;
use crate::db::{now, DbConnection};
use chrono::Duration;
use diesel::prelude::*;

/// How long an invitation link works.
pub const INVITE_LIFETIME: Duration = Duration::hours(24);

pub fn create(conn: &mut DbConnection, token_hash: &str, address: &str) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(registration_invites::table)
        .values((
            registration_invites::token_hash.eq(token_hash),
            registration_invites::address.eq(address),
            registration_invites::created_at.eq(at),
            registration_invites::expires_at.eq(at + INVITE_LIFETIME),
        ))
        .returning(registration_invites::id)
        .get_result(conn)
}

/// The address of a live, unused invitation.
pub fn address_of(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<String>> {
    registration_invites::table
        .filter(registration_invites::token_hash.eq(token_hash))
        .filter(registration_invites::used_at.is_null())
        .filter(registration_invites::expires_at.gt(now()))
        .select(registration_invites::address)
        .first(conn)
        .optional()
}

/// Uses an invitation up; false when it was already used or has expired (call in the
/// registration's transaction, so that a link registers once).
pub fn use_up(conn: &mut DbConnection, token_hash: &str) -> QueryResult<bool> {
    diesel::update(
        registration_invites::table
            .filter(registration_invites::token_hash.eq(token_hash))
            .filter(registration_invites::used_at.is_null())
            .filter(registration_invites::expires_at.gt(now())),
    )
    .set(registration_invites::used_at.eq(now()))
    .execute(conn)
    .map(|n| n == 1)
}
