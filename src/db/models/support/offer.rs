//! Offers: one per supporter per request, sent in waves, answered once.

use crate::db::schema::support_offers;
use crate::db::{now, DbConnection};
use crate::domain::support::status::OfferStatus;
use crate::domain::token::posting_token;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = support_offers)]
pub struct Offer {
    pub id: i64,
    pub request_id: i64,
    pub supporter_id: i64,
    pub wave: i32,
    /// Her place in the ranking when the wave went out (1 = best).
    pub position: i32,
    pub score: i32,
    /// The ranking's explanation, as the coordinator saw it then.
    pub reason: String,
    /// Whether her 事前打合せ with the family was done when the offer went out.
    pub met_family: bool,
    /// The secret of her link and reply address.
    pub token: String,
    status: String,
    pub sent_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub channel: Option<String>,
}

/// An offer about to be sent.
#[derive(Debug, Clone)]
pub struct NewOffer<'a> {
    pub request_id: i64,
    pub supporter_id: i64,
    pub wave: i32,
    pub position: i32,
    pub score: i32,
    pub reason: &'a str,
    pub met_family: bool,
}

impl Offer {
    pub fn status(&self) -> OfferStatus {
        OfferStatus::parse(&self.status)
    }

    /// Writes an offer with a fresh token; returns (id, token).
    pub fn insert(conn: &mut DbConnection, new: &NewOffer<'_>) -> QueryResult<(i64, String)> {
        let token = posting_token();
        let id = diesel::insert_into(support_offers::table)
            .values((
                support_offers::request_id.eq(new.request_id),
                support_offers::supporter_id.eq(new.supporter_id),
                support_offers::wave.eq(new.wave),
                support_offers::position.eq(new.position),
                support_offers::score.eq(new.score),
                support_offers::reason.eq(new.reason),
                support_offers::met_family.eq(new.met_family),
                support_offers::token.eq(&token),
                support_offers::status.eq(OfferStatus::Sent.as_str()),
                support_offers::sent_at.eq(now()),
            ))
            .returning(support_offers::id)
            .get_result(conn)?;
        Ok((id, token))
    }

    pub fn by_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Offer>> {
        support_offers::table
            .filter(support_offers::token.eq(token))
            .select(Offer::as_select())
            .first(conn)
            .optional()
    }

    /// A request's offers, by wave and rank.
    pub fn of_request(conn: &mut DbConnection, request_id: i64) -> QueryResult<Vec<Offer>> {
        support_offers::table
            .filter(support_offers::request_id.eq(request_id))
            .order((support_offers::wave, support_offers::position))
            .select(Offer::as_select())
            .load(conn)
    }

    /// Records her answer if the offer is still unanswered; true when it was.
    pub fn answer(conn: &mut DbConnection, id: i64, status: OfferStatus, channel: &str) -> QueryResult<bool> {
        diesel::update(
            support_offers::table
                .find(id)
                .filter(support_offers::status.eq(OfferStatus::Sent.as_str())),
        )
        .set((
            support_offers::status.eq(status.as_str()),
            support_offers::answered_at.eq(Some(now())),
            support_offers::channel.eq(Some(channel)),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// Closes a request's unanswered offers (`Lost` after a match, `Withdrawn` after a
    /// cancellation); returns the closed offers, to tell each supporter.
    pub fn close_unanswered(conn: &mut DbConnection, request_id: i64, status: OfferStatus) -> QueryResult<Vec<Offer>> {
        let open = support_offers::table
            .filter(support_offers::request_id.eq(request_id))
            .filter(support_offers::status.eq(OfferStatus::Sent.as_str()));
        let offers: Vec<Offer> = open.select(Offer::as_select()).load(conn)?;
        diesel::update(open)
            .set((
                support_offers::status.eq(status.as_str()),
                support_offers::answered_at.eq(Some(now())),
            ))
            .execute(conn)?;
        Ok(offers)
    }
}
