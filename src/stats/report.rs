//! The coordinators' statistics for a date range, by day, week or month (Japan time).

use super::buckets::Granularity;
use crate::db::models::activity::Activity;
use crate::db::models::page_view::PageViews;
use crate::db::DbConnection;
use crate::domain::thread::Channel;
use crate::domain::time::jst;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::QueryResult;
use std::collections::{BTreeMap, HashSet};

/// One period's numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub start: NaiveDate,
    pub page_views: i64,
    /// Members who opened at least one page in the period.
    pub members: usize,
    pub registrations: usize,
    pub posts_web: usize,
    pub posts_mail: usize,
    pub comments: usize,
    pub mails_sent: usize,
    pub bounces: usize,
}

/// What came from one device profile over the whole range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileRow {
    pub profile: String,
    pub page_views: i64,
    pub posts_web: usize,
    pub posts_mail: usize,
    pub comments: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    pub rows: Vec<Row>,
    /// Per device profile id over the whole range, most page views first.
    pub by_profile: Vec<ProfileRow>,
}

pub fn build(conn: &mut DbConnection, from: NaiveDate, to: NaiveDate, granularity: Granularity) -> QueryResult<Report> {
    let mut rows: BTreeMap<NaiveDate, Row> = granularity
        .periods(from, to)
        .into_iter()
        .map(|start| {
            (
                start,
                Row {
                    start,
                    ..Row::default()
                },
            )
        })
        .collect();
    let period = |day: NaiveDate| granularity.start_of(day);
    let mut by_profile: BTreeMap<String, ProfileRow> = BTreeMap::new();
    for (day, profile, views) in PageViews::between(conn, from, to)? {
        if let Some(row) = rows.get_mut(&period(day)) {
            row.page_views += views;
        }
        of_profile(&mut by_profile, profile).page_views += views;
    }
    let mut seen: HashSet<(NaiveDate, i64)> = HashSet::new();
    for (day, member) in PageViews::members_between(conn, from, to)? {
        if seen.insert((period(day), member)) {
            if let Some(row) = rows.get_mut(&period(day)) {
                row.members += 1;
            }
        }
    }
    // The range in UTC: from 00:00 JST of `from` to 00:00 JST after `to`.
    let (start, end) = (utc_of(from), utc_of(to + Duration::days(1)));
    let mut count = |t: NaiveDateTime, field: fn(&mut Row) -> &mut usize| {
        if let Some(row) = rows.get_mut(&period(jst(t).date_naive())) {
            *field(row) += 1;
        }
    };
    for t in Activity::registrations(conn, start, end)? {
        count(t, |r| &mut r.registrations);
    }
    for t in Activity::mails_sent(conn, start, end)? {
        count(t, |r| &mut r.mails_sent);
    }
    for t in Activity::bounces(conn, start, end)? {
        count(t, |r| &mut r.bounces);
    }
    for (t, profile) in Activity::comments(conn, start, end)? {
        count(t, |r| &mut r.comments);
        of_profile(&mut by_profile, profile).comments += 1;
    }
    for (t, channel, profile) in Activity::threads(conn, start, end)? {
        let from_profile = of_profile(&mut by_profile, profile);
        if channel == Channel::Mail {
            count(t, |r| &mut r.posts_mail);
            from_profile.posts_mail += 1;
        } else {
            count(t, |r| &mut r.posts_web);
            from_profile.posts_web += 1;
        }
    }
    let mut by_profile: Vec<ProfileRow> = by_profile.into_values().collect();
    by_profile.sort_by(|a, b| b.page_views.cmp(&a.page_views).then(a.profile.cmp(&b.profile)));
    Ok(Report {
        from,
        to,
        granularity,
        rows: rows.into_values().collect(),
        by_profile,
    })
}

fn of_profile(rows: &mut BTreeMap<String, ProfileRow>, id: String) -> &mut ProfileRow {
    rows.entry(id.clone()).or_insert_with(|| ProfileRow {
        profile: id,
        ..ProfileRow::default()
    })
}

/// 00:00 Japan time of `day`, as the UTC time the database stores.
fn utc_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) - Duration::hours(9)
}
