//! The key of the tags in our bounce (VERP) addresses: the configured secret, or else one made
//! at random and kept in the database, so that every process of the installation agrees.

use crate::db::models::server_secret;
use crate::db::DbConnection;
use diesel::QueryResult;

/// The key for [`crate::domain::mail_route::verp_tag`].
/// `configured` is `MailSettings::bounce_secret`.
pub fn bounce_key(conn: &mut DbConnection, configured: Option<&str>) -> QueryResult<Vec<u8>> {
    Ok(match configured {
        Some(secret) => secret.trim().as_bytes().to_vec(),
        None => server_secret::get_or_create(conn, server_secret::VERP)?.into_bytes(),
    })
}
