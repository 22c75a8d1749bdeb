//! What the monthly statements read (read only): the month's reported activities and late
//! cancellations as statement lines, its requests as the centre counts them, names, and the
//! members by how they take part at the month's end.

use crate::db::schema::{members, support_members, support_progress, support_reports, support_requests};
use crate::db::DbConnection;
use crate::domain::support::ids::{AreaId, FamilyId, SupporterId};
use crate::domain::support::statement::{Entry, Line, RequestRow};
use crate::domain::support::status::{Membership, RequestStatus};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

/// A member's two names: the nickname others see, the real name for coordinators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub nickname: String,
    pub real_name: String,
}

pub struct StatementRows;

type LineRow = (
    i64,
    i64,
    i64,
    String,
    NaiveDate,
    String,
    Option<i64>,
    i32,
    i32,
    i32,
    i32,
);

impl StatementRows {
    /// The activities (reported or confirmed) and late cancellations with a fee whose day is in
    /// `first..=last`, of one supporter or all; by day and time.
    pub fn lines(
        conn: &mut DbConnection,
        first: NaiveDate,
        last: NaiveDate,
        supporter: Option<SupporterId>,
    ) -> QueryResult<Vec<Line>> {
        let counted = [RequestStatus::Reported.as_str(), RequestStatus::Confirmed.as_str()];
        let mut reported = support_requests::table
            .inner_join(support_progress::table)
            .inner_join(support_reports::table)
            .filter(support_requests::day.between(first, last))
            .filter(support_progress::status.eq_any(counted))
            .into_boxed();
        let mut cancelled = support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::day.between(first, last))
            .filter(support_progress::status.eq(RequestStatus::Cancelled.as_str()))
            .filter(support_progress::cancel_fee.gt(0))
            .into_boxed();
        if let Some(id) = supporter {
            reported = reported.filter(support_progress::supporter_id.eq(id.0));
            cancelled = cancelled.filter(support_progress::supporter_id.eq(id.0));
        }
        let reported: Vec<LineRow> = reported
            .select((
                support_requests::id,
                support_requests::family_id,
                support_requests::area_id,
                support_requests::kind,
                support_requests::day,
                support_progress::status,
                support_progress::supporter_id,
                support_reports::start_minute,
                support_reports::end_minute,
                support_reports::fee_yen,
                support_reports::transport_yen,
            ))
            .load(conn)?;
        let cancelled: Vec<LineRow> = cancelled
            .select((
                support_requests::id,
                support_requests::family_id,
                support_requests::area_id,
                support_requests::kind,
                support_requests::day,
                support_progress::status,
                support_progress::supporter_id,
                support_requests::start_minute,
                support_requests::end_minute,
                support_progress::cancel_fee.assume_not_null(),
                0.into_sql::<diesel::sql_types::Integer>(),
            ))
            .load(conn)?;
        let mut lines: Vec<Line> = reported.into_iter().chain(cancelled).map(line).collect();
        lines.sort_by_key(|l| (l.day, l.start_minute, l.request_id));
        Ok(lines)
    }

    /// The requests whose day is in `first..=last`, as the centre counts them.
    pub fn requests(conn: &mut DbConnection, first: NaiveDate, last: NaiveDate) -> QueryResult<Vec<RequestRow>> {
        let rows: Vec<(i64, NaiveDateTime, Option<NaiveDateTime>, String)> = support_requests::table
            .inner_join(support_progress::table)
            .filter(support_requests::day.between(first, last))
            .select((
                support_requests::area_id,
                support_requests::created_at,
                support_progress::matched_at,
                support_progress::status,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(area, created_at, matched_at, status)| {
                let status = RequestStatus::parse(&status);
                RequestRow {
                    area: AreaId(area),
                    created_at,
                    matched_at,
                    unfilled: status == RequestStatus::Unfilled,
                    cancelled: status == RequestStatus::Cancelled,
                }
            })
            .collect())
    }

    /// Nicknames and real names of members, by id.
    pub fn names(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, Names>> {
        let rows: Vec<(i64, String, String)> = members::table
            .filter(members::id.eq_any(ids))
            .select((members::id, members::nickname, members::real_name))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, nickname, real_name)| (id, Names { nickname, real_name }))
            .collect())
    }

    /// 依頼会員, 提供会員 and 両方会員 enrolled before `before` (UTC), by how they take part now.
    pub fn members_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<(i64, i64, i64)> {
        let rows: Vec<(bool, bool)> = support_members::table
            .filter(support_members::created_at.lt(before))
            .select((support_members::asks, support_members::helps))
            .load(conn)?;
        let count = |want: Membership| {
            rows.iter()
                .filter(|(a, h)| Membership::from_flags(*a, *h) == Some(want))
                .count() as i64
        };
        Ok((
            count(Membership::Asks),
            count(Membership::Helps),
            count(Membership::Both),
        ))
    }
}

fn line((request_id, family, area, kind, day, status, supporter, start, end, fee, transport): LineRow) -> Line {
    let entry = match RequestStatus::parse(&status) {
        RequestStatus::Confirmed => Entry::Confirmed,
        RequestStatus::Reported => Entry::Reported,
        _ => Entry::LateCancellation,
    };
    Line {
        request_id,
        day,
        start_minute: start,
        end_minute: end,
        pickup: kind == "pickup",
        family: FamilyId(family),
        area: AreaId(area),
        supporter: supporter.map(SupporterId),
        entry,
        fee_yen: i64::from(fee),
        transport_yen: i64::from(transport),
    }
}
