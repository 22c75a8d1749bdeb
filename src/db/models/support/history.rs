//! Past times for rows written after the fact (the demo's month of history): the service itself
//! only ever writes "now".

use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::{Progress, SupportRequest};
use crate::db::schema::{support_offers, support_progress, support_requests};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

impl SupportRequest {
    /// When the family asked (UTC).
    pub fn backdate(conn: &mut DbConnection, id: i64, created_at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(support_requests::table.find(id))
            .set(support_requests::created_at.eq(created_at))
            .execute(conn)
            .map(drop)
    }
}

impl Progress {
    /// When the supporter was matched (UTC).
    pub fn backdate_match(conn: &mut DbConnection, request_id: i64, matched_at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(support_progress::table.find(request_id))
            .set(support_progress::matched_at.eq(Some(matched_at)))
            .execute(conn)
            .map(drop)
    }
}

impl Offer {
    /// When the offer went out and was answered (UTC).
    pub fn backdate(
        conn: &mut DbConnection,
        id: i64,
        sent_at: NaiveDateTime,
        answered_at: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(support_offers::table.find(id))
            .set((
                support_offers::sent_at.eq(sent_at),
                support_offers::answered_at.eq(Some(answered_at)),
            ))
            .execute(conn)
            .map(drop)
    }
}
