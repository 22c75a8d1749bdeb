//! The coordinators' statistics for a date range, by day, week or month (Japan time).

use super::buckets::Granularity;
use crate::db::models::activity::Activity;
use crate::db::models::page_view::PageViews;
use crate::db::DbConnection;
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    pub rows: Vec<Row>,
    /// Page views per device profile id over the whole range, most first.
    pub by_profile: Vec<(String, i64)>,
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
    let mut by_profile: BTreeMap<String, i64> = BTreeMap::new();
    for (day, profile, views) in PageViews::between(conn, from, to)? {
        if let Some(row) = rows.get_mut(&period(day)) {
            row.page_views += views;
        }
        *by_profile.entry(profile).or_default() += views;
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
    let mut count = |times: Vec<NaiveDateTime>, field: fn(&mut Row) -> &mut usize| {
        for t in times {
            if let Some(row) = rows.get_mut(&period(jst(t).date_naive())) {
                *field(row) += 1;
            }
        }
    };
    count(Activity::registrations(conn, start, end)?, |r| &mut r.registrations);
    count(Activity::comments(conn, start, end)?, |r| &mut r.comments);
    count(Activity::mails_sent(conn, start, end)?, |r| &mut r.mails_sent);
    count(Activity::bounces(conn, start, end)?, |r| &mut r.bounces);
    let posts = Activity::posts(conn, start, end)?;
    let (web, mail): (Vec<_>, Vec<_>) = posts.into_iter().partition(|(_, channel)| channel == "web");
    count(web.into_iter().map(|p| p.0).collect(), |r| &mut r.posts_web);
    count(mail.into_iter().map(|p| p.0).collect(), |r| &mut r.posts_mail);
    let mut by_profile: Vec<(String, i64)> = by_profile.into_iter().collect();
    by_profile.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Report {
        from,
        to,
        granularity,
        rows: rows.into_values().collect(),
        by_profile,
    })
}

/// 00:00 Japan time of `day`, as the UTC time the database stores.
fn utc_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) - Duration::hours(9)
}
