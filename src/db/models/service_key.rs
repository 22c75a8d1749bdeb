//! Keys the service makes for itself on first use, shared by every process on the database.

use crate::db::schema::service_keys;
use crate::db::DbConnection;
use crate::domain::token::random_hex;
use diesel::prelude::*;

/// The key that signs one-click unsubscribe links.
pub const UNSUBSCRIBE: &str = "magazine-unsubscribe";

/// The secret named `name`, made (256 random bits) if there is none yet. Two processes making it
/// at once both end with the one stored first.
pub fn get_or_create(conn: &mut DbConnection, name: &str) -> QueryResult<String> {
    if let Some(secret) = find(conn, name)? {
        return Ok(secret);
    }
    let made = diesel::insert_into(service_keys::table)
        .values((service_keys::name.eq(name), service_keys::secret.eq(random_hex::<32>())))
        .execute(conn);
    match made {
        Ok(_) | Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            find(conn, name)?.ok_or(diesel::result::Error::NotFound)
        }
        Err(e) => Err(e),
    }
}

fn find(conn: &mut DbConnection, name: &str) -> QueryResult<Option<String>> {
    service_keys::table
        .find(name)
        .select(service_keys::secret)
        .first(conn)
        .optional()
}
