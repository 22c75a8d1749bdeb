//! A request: what a family asked for (`support_requests`) and where it stands
//! (`support_progress`), read together.

use crate::db::schema::{support_progress, support_request_children, support_requests};
use crate::db::{now, DbConnection};
use crate::domain::support::ids::{AreaId, FamilyId, SupporterId};
use crate::domain::support::request::{CarePlace, Kind};
use crate::domain::support::slot::Slot;
use crate::domain::support::status::RequestStatus;
use crate::domain::token::posting_token;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// What was asked, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = support_requests)]
pub struct Asked {
    pub id: i64,
    pub family_id: i64,
    kind: String,
    pub area_id: i64,
    from_area_id: Option<i64>,
    to_area_id: Option<i64>,
    /// 送迎: where the children are picked up and taken to (「さくら保育園」→「自宅」); told to the
    /// matched supporter only.
    pub from_place: String,
    pub to_place: String,
    by_car: bool,
    care_place: Option<String>,
    pub day: NaiveDate,
    pub start_minute: i32,
    pub end_minute: i32,
    pub urgent: bool,
    pub note: String,
    pub created_at: NaiveDateTime,
}

/// Where a request stands, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = support_progress)]
pub struct Progress {
    pub request_id: i64,
    status: String,
    pub wave: i32,
    pub wave_deadline: Option<NaiveDateTime>,
    pub supporter_id: Option<i64>,
    pub matched_at: Option<NaiveDateTime>,
    pub matched_by: Option<i64>,
    pub handover_code: Option<String>,
    pub handover_attempts: i32,
    pub handed_over_at: Option<NaiveDateTime>,
    pub supporter_token: String,
    pub family_token: String,
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancelled_by: Option<i64>,
    pub cancel_reason: Option<String>,
    pub cancel_fee: Option<i32>,
}

/// A request with its progress.
#[derive(Debug, Clone)]
pub struct SupportRequest {
    pub asked: Asked,
    pub progress: Progress,
}

/// A child named in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestChild {
    pub child_id: i64,
    pub after_illness: bool,
}

/// A request about to be written (already checked by the caller: its children are the family's,
/// the slot is not in the past and does not overlap the children's other requests).
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub family: FamilyId,
    pub area: AreaId,
    pub kind: Kind,
    pub from_place: &'a str,
    pub to_place: &'a str,
    pub slot: Slot,
    pub urgent: bool,
    pub note: &'a str,
    pub children: &'a [RequestChild],
}

impl Asked {
    pub fn kind(&self) -> Kind {
        match (self.kind.as_str(), self.from_area_id, self.to_area_id) {
            ("pickup", Some(from), Some(to)) => Kind::Pickup {
                from: AreaId(from),
                to: AreaId(to),
                by_car: self.by_car,
            },
            _ => Kind::Care {
                at: match self.care_place.as_deref() {
                    Some("supporter_home") => CarePlace::SupporterHome,
                    _ => CarePlace::FamilyHome,
                },
            },
        }
    }

    /// The slot as asked (the table's CHECK is `Slot`'s rule).
    pub fn slot(&self) -> Slot {
        Slot::from_stored(self.day, self.start_minute, self.end_minute)
    }

    pub fn family(&self) -> FamilyId {
        FamilyId(self.family_id)
    }
}

impl Progress {
    pub fn status(&self) -> RequestStatus {
        RequestStatus::parse(&self.status)
    }

    pub fn supporter(&self) -> Option<SupporterId> {
        self.supporter_id.map(SupporterId)
    }
}

impl SupportRequest {
    fn from_pair((asked, progress): (Asked, Progress)) -> SupportRequest {
        SupportRequest { asked, progress }
    }

    /// Writes the request, its children and its progress (open, no wave yet); returns the id.
    /// Call inside the write transaction that also ranks and sends the first wave.
    pub fn insert(conn: &mut DbConnection, new: &NewRequest<'_>) -> QueryResult<i64> {
        let (kind, from, to, by_car, care_place) = match new.kind {
            Kind::Pickup { from, to, by_car } => ("pickup", Some(from.0), Some(to.0), by_car, None),
            Kind::Care { at } => (
                "care",
                None,
                None,
                false,
                Some(match at {
                    CarePlace::SupporterHome => "supporter_home",
                    CarePlace::FamilyHome => "family_home",
                }),
            ),
        };
        let (start, end) = (new.slot.start_minute(), new.slot.end_minute());
        let id: i64 = diesel::insert_into(support_requests::table)
            .values((
                support_requests::family_id.eq(new.family.0),
                support_requests::kind.eq(kind),
                support_requests::area_id.eq(new.area.0),
                support_requests::from_area_id.eq(from),
                support_requests::to_area_id.eq(to),
                support_requests::from_place.eq(new.from_place),
                support_requests::to_place.eq(new.to_place),
                support_requests::by_car.eq(by_car),
                support_requests::care_place.eq(care_place),
                support_requests::day.eq(new.slot.date()),
                support_requests::start_minute.eq(start as i32),
                support_requests::end_minute.eq(end as i32),
                support_requests::urgent.eq(new.urgent),
                support_requests::note.eq(new.note),
                support_requests::created_at.eq(now()),
            ))
            .returning(support_requests::id)
            .get_result(conn)?;
        diesel::insert_into(support_progress::table)
            .values((
                support_progress::request_id.eq(id),
                support_progress::status.eq(RequestStatus::Open.as_str()),
                support_progress::supporter_token.eq(posting_token()),
                support_progress::family_token.eq(posting_token()),
            ))
            .execute(conn)?;
        for child in new.children {
            diesel::insert_into(support_request_children::table)
                .values((
                    support_request_children::request_id.eq(id),
                    support_request_children::child_id.eq(child.child_id),
                    support_request_children::after_illness.eq(child.after_illness),
                ))
                .execute(conn)?;
        }
        Ok(id)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<SupportRequest>> {
        support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::id.eq(id))
            .select((Asked::as_select(), Progress::as_select()))
            .first(conn)
            .optional()
            .map(|row| row.map(SupportRequest::from_pair))
    }

    /// The request whose supporter's or family's reply token this is.
    pub fn by_side_token(
        conn: &mut DbConnection,
        token: &str,
        supporter_side: bool,
    ) -> QueryResult<Option<SupportRequest>> {
        let query = support_requests::table.inner_join(support_progress::table).into_boxed();
        let query = if supporter_side {
            query.filter(support_progress::supporter_token.eq(token))
        } else {
            query.filter(support_progress::family_token.eq(token))
        };
        query
            .select((Asked::as_select(), Progress::as_select()))
            .first(conn)
            .optional()
            .map(|row| row.map(SupportRequest::from_pair))
    }

    /// A family's requests, latest day first.
    pub fn of_family(conn: &mut DbConnection, family_id: i64, limit: i64) -> QueryResult<Vec<SupportRequest>> {
        support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::family_id.eq(family_id))
            .order((
                support_requests::day.desc(),
                support_requests::start_minute.desc(),
                support_requests::id.desc(),
            ))
            .limit(limit)
            .select((Asked::as_select(), Progress::as_select()))
            .load(conn)
            .map(|rows| rows.into_iter().map(SupportRequest::from_pair).collect())
    }

    /// The requests a supporter is (or was) matched with, latest day first.
    pub fn of_supporter(conn: &mut DbConnection, supporter_id: i64, limit: i64) -> QueryResult<Vec<SupportRequest>> {
        support_requests::table
            .inner_join(support_progress::table)
            .filter(support_progress::supporter_id.eq(supporter_id))
            .order((
                support_requests::day.desc(),
                support_requests::start_minute.desc(),
                support_requests::id.desc(),
            ))
            .limit(limit)
            .select((Asked::as_select(), Progress::as_select()))
            .load(conn)
            .map(|rows| rows.into_iter().map(SupportRequest::from_pair).collect())
    }

    /// Requests in the given states, earliest day first (the coordinators' lists).
    pub fn in_states(
        conn: &mut DbConnection,
        states: &[RequestStatus],
        limit: i64,
    ) -> QueryResult<Vec<SupportRequest>> {
        let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
        support_requests::table
            .inner_join(support_progress::table)
            .filter(support_progress::status.eq_any(names))
            .order((
                support_requests::day,
                support_requests::start_minute,
                support_requests::id,
            ))
            .limit(limit)
            .select((Asked::as_select(), Progress::as_select()))
            .load(conn)
            .map(|rows| rows.into_iter().map(SupportRequest::from_pair).collect())
    }

    /// The children named in a request.
    pub fn children(conn: &mut DbConnection, request_id: i64) -> QueryResult<Vec<RequestChild>> {
        support_request_children::table
            .filter(support_request_children::request_id.eq(request_id))
            .order(support_request_children::child_id)
            .select((
                support_request_children::child_id,
                support_request_children::after_illness,
            ))
            .load::<(i64, bool)>(conn)
            .map(|rows| {
                rows.into_iter()
                    .map(|(child_id, after_illness)| RequestChild {
                        child_id,
                        after_illness,
                    })
                    .collect()
            })
    }
}

impl Progress {
    /// The one way a request gets its supporter: by her acceptance (`by` None) or a coordinator's
    /// assignment. A conditional UPDATE: true for the one caller that found the request still
    /// seeking, false for everyone after (on PostgreSQL the second UPDATE waits for the first's
    /// row lock and then sees the status it wrote). Makes the 受け渡しコード.
    pub fn win(conn: &mut DbConnection, request_id: i64, supporter: SupporterId, by: Option<i64>) -> QueryResult<bool> {
        let seeking = [RequestStatus::Open.as_str(), RequestStatus::Unfilled.as_str()];
        diesel::update(
            support_progress::table
                .find(request_id)
                .filter(support_progress::status.eq_any(seeking)),
        )
        .set((
            support_progress::status.eq(RequestStatus::Matched.as_str()),
            support_progress::supporter_id.eq(Some(supporter.0)),
            support_progress::matched_at.eq(Some(now())),
            support_progress::matched_by.eq(by),
            support_progress::handover_code.eq(Some(handover_code())),
            support_progress::wave_deadline.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// Moves a request from one state to another if it is still in `from`; true when it was.
    pub fn transition(
        conn: &mut DbConnection,
        request_id: i64,
        from: &[RequestStatus],
        to: RequestStatus,
    ) -> QueryResult<bool> {
        let names: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
        diesel::update(
            support_progress::table
                .find(request_id)
                .filter(support_progress::status.eq_any(names)),
        )
        .set(support_progress::status.eq(to.as_str()))
        .execute(conn)
        .map(|n| n == 1)
    }
}

/// Four random digits (0000–9999), read aloud or typed on a keypad.
fn handover_code() -> String {
    format!("{:04}", OsRng.next_u32() % 10_000)
}
