//! Account mails by how they were asked for (`account_mails`): what the daily caps of
//! `auth::registration::queue_limited` count.

use crate::db::schema::account_mails;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// How an account mail was asked for. Each way is capped on its own, so mails asked for one way
/// (a forged 空メール, say) never use up another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// A mail that says it is from the address (its From can be forged).
    Mail,
    /// The address typed on a public form (registration, 「パスワードを忘れた方」).
    Form,
    /// A signed-in member's own session (adding an address on my page).
    Member,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Mail => "mail",
            Channel::Form => "form",
            Channel::Member => "member",
        }
    }
}

/// Account mails to `address` asked for through `channel` since `since`.
pub fn count_since(conn: &mut DbConnection, address: &str, channel: Channel, since: NaiveDateTime) -> QueryResult<i64> {
    account_mails::table
        .filter(account_mails::address.eq(address))
        .filter(account_mails::channel.eq(channel.as_str()))
        .filter(account_mails::created_at.gt(since))
        .count()
        .get_result(conn)
}

/// Counts one mail (and forgets those older than `keep`, for every address).
pub fn record(conn: &mut DbConnection, address: &str, channel: Channel, keep: chrono::Duration) -> QueryResult<()> {
    let at = now();
    diesel::delete(account_mails::table.filter(account_mails::created_at.lt(at - keep))).execute(conn)?;
    diesel::insert_into(account_mails::table)
        .values((
            account_mails::address.eq(address),
            account_mails::channel.eq(channel.as_str()),
            account_mails::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}
