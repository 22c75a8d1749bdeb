//! Page views by day and device profile, and the members seen each day (statistics).

use crate::db::schema::{member_days, page_view_counts};
use crate::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;

pub struct PageViews;

impl PageViews {
    /// Adds counted views (one row per flush; reports add them up).
    pub fn add(conn: &mut DbConnection, day: NaiveDate, profile: &str, views: i64) -> QueryResult<()> {
        diesel::insert_into(page_view_counts::table)
            .values((
                page_view_counts::day.eq(day),
                page_view_counts::profile.eq(profile),
                page_view_counts::views.eq(views),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Notes that a member opened a page that day (once per day and member).
    pub fn member_seen(conn: &mut DbConnection, day: NaiveDate, member_id: i64) -> QueryResult<()> {
        let known: i64 = member_days::table
            .filter(member_days::day.eq(day))
            .filter(member_days::member_id.eq(member_id))
            .count()
            .get_result(conn)?;
        if known == 0 {
            diesel::insert_into(member_days::table)
                .values((member_days::day.eq(day), member_days::member_id.eq(member_id)))
                .execute(conn)?;
        }
        Ok(())
    }

    /// (day, profile, views) rows between two days, both included.
    pub fn between(
        conn: &mut DbConnection,
        from: NaiveDate,
        to: NaiveDate,
    ) -> QueryResult<Vec<(NaiveDate, String, i64)>> {
        page_view_counts::table
            .filter(page_view_counts::day.between(from, to))
            .select((
                page_view_counts::day,
                page_view_counts::profile,
                page_view_counts::views,
            ))
            .load(conn)
    }

    /// (day, member) pairs between two days, both included.
    pub fn members_between(
        conn: &mut DbConnection,
        from: NaiveDate,
        to: NaiveDate,
    ) -> QueryResult<Vec<(NaiveDate, i64)>> {
        member_days::table
            .filter(member_days::day.between(from, to))
            .select((member_days::day, member_days::member_id))
            .load(conn)
    }
}
