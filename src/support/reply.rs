//! Reply mails in 送迎・あずかり支援: which address belongs to what.

use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::SupportRequest;
use crate::db::DbConnection;
use crate::domain::mail_route::SupportSide;
use diesel::QueryResult;

/// Whether a reply address names a live token (SMTP refuses unknown ones at RCPT TO).
pub fn known_token(conn: &mut DbConnection, side: SupportSide, token: &str) -> QueryResult<bool> {
    Ok(match side {
        SupportSide::Offer => Offer::by_token(conn, token)?.is_some(),
        SupportSide::Supporter => SupportRequest::by_side_token(conn, token, true)?.is_some(),
        SupportSide::Family => SupportRequest::by_side_token(conn, token, false)?.is_some(),
    })
}
