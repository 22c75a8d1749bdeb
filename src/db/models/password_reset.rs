//! 「パスワードを忘れた方」: one-time links to set a new password. Only the token's hash is kept.

use crate::db::schema::password_resets;
use crate::db::{now, DbConnection};
use chrono::Duration;
use diesel::prelude::*;

/// How long a link works: long enough to find the mail on a phone, short enough that a mail read
/// later by someone else (a shared or lost phone) opens nothing.
pub const RESET_LIFETIME: Duration = Duration::minutes(60);

/// Dead links are kept this long after they expire, so that a late click still reads 「有効期限が
/// 切れています」 rather than 「URLが正しくありません」; then they go.
const KEEP_DEAD: Duration = Duration::days(1);

/// What a link is at the moment it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetLink {
    Live {
        member_id: i64,
    },
    /// Its time ran out, or a newer link replaced it.
    Expired,
    Used,
    /// No such link (mistyped, made up, or long gone).
    Unknown,
}

/// Adds a link for the member. Her older links stop working: only the newest mail counts.
/// Links long dead go too, whoever's they were.
pub fn create(conn: &mut DbConnection, member_id: i64, token_hash: &str) -> QueryResult<()> {
    let at = now();
    diesel::delete(password_resets::table.filter(password_resets::expires_at.lt(at - KEEP_DEAD))).execute(conn)?;
    diesel::update(
        password_resets::table
            .filter(password_resets::member_id.eq(member_id))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::expires_at.gt(at)),
    )
    .set(password_resets::expires_at.eq(at))
    .execute(conn)?;
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::member_id.eq(member_id),
            password_resets::token_hash.eq(token_hash),
            password_resets::created_at.eq(at),
            password_resets::expires_at.eq(at + RESET_LIFETIME),
        ))
        .execute(conn)
        .map(drop)
}

/// What the link with this hash is now (for the page that asks for the new password).
pub fn state(conn: &mut DbConnection, token_hash: &str) -> QueryResult<ResetLink> {
    let row: Option<(i64, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>)> = password_resets::table
        .filter(password_resets::token_hash.eq(token_hash))
        .select((
            password_resets::member_id,
            password_resets::expires_at,
            password_resets::used_at,
        ))
        .first(conn)
        .optional()?;
    Ok(match row {
        None => ResetLink::Unknown,
        Some((_, _, Some(_))) => ResetLink::Used,
        Some((_, expires, None)) if expires <= now() => ResetLink::Expired,
        Some((member_id, _, None)) => ResetLink::Live { member_id },
    })
}

/// Uses a live link up and returns its member; `None` when it was used, expired or unknown. Call
/// it in the `write_transaction` that sets the password: the guarded UPDATE lets exactly one of
/// two concurrent uses through (SQLite serialises the writers; PostgreSQL re-checks `used_at`
/// after the first one commits).
pub fn use_up(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<i64>> {
    let at = now();
    diesel::update(
        password_resets::table
            .filter(password_resets::token_hash.eq(token_hash))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::expires_at.gt(at)),
    )
    .set(password_resets::used_at.eq(at))
    .returning(password_resets::member_id)
    .get_result(conn)
    .optional()
}
