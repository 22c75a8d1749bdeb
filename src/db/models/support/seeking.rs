//! The queries of asking and of finding a supporter: a child's other live requests, each
//! supporter's month and history with a family, the wave on a request, a cancellation, and the
//! offers waiting for one supporter.

use super::offer::Offer;
use super::request::{Asked, Progress, SupportRequest};
use crate::db::schema::{support_offers, support_progress, support_request_children, support_requests};
use crate::db::{now, DbConnection};
use crate::domain::support::status::{OfferStatus, RequestStatus};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

/// States in which a request takes a supporter's time (and counts towards her month).
pub const TAKING_TIME: [RequestStatus; 4] = [
    RequestStatus::Matched,
    RequestStatus::Reported,
    RequestStatus::Confirmed,
    RequestStatus::Disputed,
];

/// States of an activity that took place.
pub const DONE: [RequestStatus; 3] = [
    RequestStatus::Reported,
    RequestStatus::Confirmed,
    RequestStatus::Disputed,
];

/// States of a request that still holds its children's time.
pub const LIVE: [RequestStatus; 3] = [RequestStatus::Open, RequestStatus::Unfilled, RequestStatus::Matched];

fn names(states: &[RequestStatus]) -> Vec<&'static str> {
    states.iter().map(|s| s.as_str()).collect()
}

impl SupportRequest {
    /// Live requests naming any of `child_ids` on `day` or the day before or after (the only
    /// ones a slot of at most 24 hours can overlap); the caller checks the times.
    pub fn live_near(conn: &mut DbConnection, child_ids: &[i64], day: NaiveDate) -> QueryResult<Vec<SupportRequest>> {
        let named = support_request_children::table
            .filter(support_request_children::child_id.eq_any(child_ids))
            .select(support_request_children::request_id);
        support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::id.eq_any(named))
            .filter(support_requests::day.between(day - Duration::days(1), day + Duration::days(1)))
            .filter(support_progress::status.eq_any(names(&LIVE)))
            .select((Asked::as_select(), Progress::as_select()))
            .load(conn)
            .map(|rows| {
                rows.into_iter()
                    .map(|(asked, progress)| SupportRequest { asked, progress })
                    .collect()
            })
    }

    /// Each supporter's activities on days `first..=last` (matched ones included).
    pub fn activities_between(
        conn: &mut DbConnection,
        first: NaiveDate,
        last: NaiveDate,
    ) -> QueryResult<HashMap<i64, u32>> {
        let rows: Vec<(Option<i64>, i64)> = support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::day.between(first, last))
            .filter(support_progress::status.eq_any(names(&TAKING_TIME)))
            .group_by(support_progress::supporter_id)
            .select((support_progress::supporter_id, diesel::dsl::count_star()))
            .load(conn)?;
        Ok(counts(rows))
    }

    /// How many activities each supporter has done for a family.
    pub fn helped_family(conn: &mut DbConnection, family_id: i64) -> QueryResult<HashMap<i64, u32>> {
        let rows: Vec<(Option<i64>, i64)> = support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::family_id.eq(family_id))
            .filter(support_progress::status.eq_any(names(&DONE)))
            .group_by(support_progress::supporter_id)
            .select((support_progress::supporter_id, diesel::dsl::count_star()))
            .load(conn)?;
        Ok(counts(rows))
    }

    /// Open requests whose wave deadline has passed (a worker that was down missed their job).
    pub fn overdue_waves(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<Vec<i64>> {
        support_progress::table
            .filter(support_progress::status.eq(RequestStatus::Open.as_str()))
            .filter(support_progress::wave_deadline.le(at))
            .select(support_progress::request_id)
            .load(conn)
    }
}

fn counts(rows: Vec<(Option<i64>, i64)>) -> HashMap<i64, u32> {
    rows.into_iter()
        .filter_map(|(id, n)| Some((id?, u32::try_from(n).unwrap_or(u32::MAX))))
        .collect()
}

impl Progress {
    /// Records that wave `wave` went out and when it gives way, if the request is still open.
    pub fn set_wave(
        conn: &mut DbConnection,
        request_id: i64,
        wave: i32,
        deadline: Option<NaiveDateTime>,
    ) -> QueryResult<bool> {
        diesel::update(
            support_progress::table
                .find(request_id)
                .filter(support_progress::status.eq(RequestStatus::Open.as_str())),
        )
        .set((
            support_progress::wave.eq(wave),
            support_progress::wave_deadline.eq(deadline),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// Cancels a request still in one of `from`: who (None: the family herself is `by` too, so
    /// always a member), why, and the late-cancellation fee in yen. True when it was cancelled.
    pub fn cancel(
        conn: &mut DbConnection,
        request_id: i64,
        from: &[RequestStatus],
        by: i64,
        reason: &str,
        fee: Option<i64>,
    ) -> QueryResult<bool> {
        if !Progress::transition(conn, request_id, from, RequestStatus::Cancelled)? {
            return Ok(false);
        }
        diesel::update(support_progress::table.find(request_id))
            .set((
                support_progress::cancelled_at.eq(Some(now())),
                support_progress::cancelled_by.eq(Some(by)),
                support_progress::cancel_reason.eq(Some(reason)),
                support_progress::cancel_fee.eq(fee.map(|f| i32::try_from(f).unwrap_or(i32::MAX))),
                support_progress::wave_deadline.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        Ok(true)
    }
}

impl Offer {
    /// A supporter's offers still waiting for her answer, on requests still open, newest first.
    pub fn waiting_for(conn: &mut DbConnection, supporter_id: i64) -> QueryResult<Vec<Offer>> {
        support_offers::table
            .inner_join(support_progress::table.on(support_progress::request_id.eq(support_offers::request_id)))
            .filter(support_offers::supporter_id.eq(supporter_id))
            .filter(support_offers::status.eq(OfferStatus::Sent.as_str()))
            .filter(support_progress::status.eq(RequestStatus::Open.as_str()))
            .order(support_offers::id.desc())
            .select(Offer::as_select())
            .load(conn)
    }

    /// One offer by id.
    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Offer>> {
        support_offers::table
            .find(id)
            .select(Offer::as_select())
            .first(conn)
            .optional()
    }

    /// Unanswered offers of a request.
    pub fn unanswered(conn: &mut DbConnection, request_id: i64) -> QueryResult<i64> {
        support_offers::table
            .filter(support_offers::request_id.eq(request_id))
            .filter(support_offers::status.eq(OfferStatus::Sent.as_str()))
            .count()
            .get_result(conn)
    }
}
