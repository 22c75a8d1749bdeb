//! Changes a signed-in member makes to her own account: the password (after the current one, in
//! the route) and the nickname.

use crate::auth::audit::{self, AccountEvent};
use crate::db::models::member::Member;
use crate::db::models::session::SessionRow;
use crate::db::{write_transaction, DbConnection};
use crate::domain::nickname::Nickname;
use crate::domain::token::token_hash;
use diesel::QueryResult;

/// Replaces the password (already hashed) and ends every other session of the member: whoever
/// used the old password elsewhere is signed out. The session `keep_token` stays.
pub fn change_password(
    conn: &mut DbConnection,
    member_id: i64,
    password_hash: &str,
    keep_token: &str,
) -> QueryResult<()> {
    write_transaction(conn, |conn| {
        Member::set_password_hash(conn, member_id, password_hash)?;
        SessionRow::delete_others_of_member(conn, member_id, &token_hash(keep_token))
    })?;
    audit::record(AccountEvent::PasswordChanged, member_id);
    Ok(())
}

/// Renames the member. Pages read the nickname from the member's row on every request, so the
/// new one shows everywhere at once.
pub fn change_nickname(conn: &mut DbConnection, member_id: i64, nickname: &Nickname) -> QueryResult<()> {
    Member::set_nickname(conn, member_id, nickname.as_str())?;
    audit::record(AccountEvent::NicknameChanged, member_id);
    Ok(())
}
