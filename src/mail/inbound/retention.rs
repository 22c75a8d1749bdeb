//! Inbound mail is kept only as long as it may be needed: a redelivery from Postfix (at most its
//! `maximal_queue_lifetime`, 5 days by default) or an operator looking into a refusal. Then the
//! raw message, with its addresses and photos, goes.

use crate::config::Settings;
use crate::db::models::inbound_mail::InboundMail;
use crate::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

/// Deletes the inbound mails processed more than `mail.inbound_retention_days` before `now`;
/// returns how many.
pub fn purge(conn: &mut DbConnection, settings: &Settings, now: NaiveDateTime) -> QueryResult<usize> {
    let before = now - Duration::days(i64::from(settings.mail.inbound_retention_days));
    InboundMail::delete_processed_before(conn, before)
}
