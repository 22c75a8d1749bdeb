//! Secrets shared by every process of one installation, made once at random and kept in the
//! database (which all of them reach), for when the settings give none.

use crate::db::schema::server_secrets;
use crate::db::{now, DbConnection};
use crate::domain::token::random_hex;
use diesel::prelude::*;

/// The key of the tags in bounce (VERP) addresses, when `[mail] bounce_secret` is not set.
pub const VERP: &str = "verp";
/// The key that signs one-click unsubscribe links.
pub const UNSUBSCRIBE: &str = "magazine-unsubscribe";

/// The secret called `name`, made now (32 random bytes as hex) if there is none yet. Two
/// processes making it at once both insert-or-ignore and then read the one that won.
pub fn get_or_create(conn: &mut DbConnection, name: &str) -> QueryResult<String> {
    let found = server_secrets::table
        .find(name)
        .select(server_secrets::value)
        .first::<String>(conn)
        .optional()?;
    if let Some(value) = found {
        return Ok(value);
    }
    let row = (
        server_secrets::name.eq(name),
        server_secrets::value.eq(random_hex::<32>()),
        server_secrets::created_at.eq(now()),
    );
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(server_secrets::table)
            .values(row)
            .execute(c)?,
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(c) => diesel::insert_into(server_secrets::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    server_secrets::table
        .find(name)
        .select(server_secrets::value)
        .first(conn)
}
