//! Loading what the ranking reads for one request: the request as `domain` sees it and every
//! supporter as a `Candidate`, in a fixed number of queries whatever their count (supporters,
//! their areas, their availability, the month's activities, the family's history, 事前打合せ).

use crate::db::models::support::child::FamilyChild;
use crate::db::models::support::distance::AreaDistance;
use crate::db::models::support::pre_meeting::PreMeeting;
use crate::db::models::support::request::SupportRequest;
use crate::db::models::support::supporter::Supporter;
use crate::db::DbConnection;
use crate::domain::support::candidate::Candidate;
use crate::domain::support::ids::{AreaId, SupporterId};
use crate::domain::support::ranking::{rank, Ranking};
use crate::domain::support::request::{Child, Request};
use chrono::{Datelike, Months, NaiveDate};
use diesel::QueryResult;
use std::collections::HashSet;

/// The request as the ranking reads it (children by birth date and 病後児, no names).
pub fn request_of(conn: &mut DbConnection, request: &SupportRequest) -> QueryResult<Request> {
    let named = SupportRequest::children(conn, request.asked.id)?;
    let ids: Vec<i64> = named.iter().map(|c| c.child_id).collect();
    let children = FamilyChild::by_ids(conn, &ids)?;
    Ok(Request {
        family: request.asked.family(),
        area: AreaId(request.asked.area_id),
        slot: request.asked.slot(),
        kind: request.asked.kind(),
        children: children
            .iter()
            .map(|child| Child {
                birth_date: child.birth_date,
                after_illness: named.iter().any(|n| n.child_id == child.id && n.after_illness),
            })
            .collect(),
    })
}

/// Every supporter as a candidate for `request`.
pub fn candidates(conn: &mut DbConnection, request: &Request) -> QueryResult<Vec<Candidate>> {
    let day = request.slot.date();
    let (first, last) = month_of(day);
    let supporters = Supporter::all(conn)?;
    let mut areas = Supporter::all_areas(conn)?;
    let mut availabilities = Supporter::availabilities(conn, None, day)?;
    let month = SupportRequest::activities_between(conn, first, last)?;
    let helped = SupportRequest::helped_family(conn, request.family.0)?;
    let met: HashSet<i64> = PreMeeting::supporters_met_by(conn, request.family.0)?
        .into_iter()
        .collect();
    Ok(supporters
        .into_iter()
        // A member asking for her own children is never offered her own request.
        .filter(|s| s.member_id != request.family.0)
        .map(|s| Candidate {
            id: SupporterId(s.member_id),
            active: s.active,
            vetting: s.vetting(),
            areas: areas.remove(&s.member_id).unwrap_or_default(),
            home_area: AreaId(s.home_area_id),
            skills: s.skills(),
            availability: availabilities.remove(&s.member_id).unwrap_or_default(),
            monthly_limit: u32::try_from(s.monthly_limit).unwrap_or(0),
            activities_this_month: month.get(&s.member_id).copied().unwrap_or(0),
            helped_family: helped.get(&s.member_id).copied().unwrap_or(0),
            met_family: met.contains(&s.member_id),
        })
        .collect())
}

/// The ranking of `request` as of now.
pub fn ranking(conn: &mut DbConnection, request: &SupportRequest) -> QueryResult<(Request, Ranking)> {
    let domain_request = request_of(conn, request)?;
    let candidates = candidates(conn, &domain_request)?;
    let distances = AreaDistance::all(conn)?;
    let ranking = rank(&domain_request, &candidates, &distances);
    Ok((domain_request, ranking))
}

/// The first and last day of `day`'s month.
fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(day);
    (first, last)
}
