//! Schools and their staff (teachers and coordinators who see the board and get reader notices).

use crate::db::schema::{members, school_staff, schools};
use crate::db::{now, DbConnection};
use diesel::prelude::*;

/// Times of day are minutes after midnight, Japan time.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = schools)]
pub struct School {
    pub id: i64,
    pub name: String,
    /// A gate read without a direction before this is 登校, after it 下校.
    pub arrival_until: i32,
    /// The board lists children not through a gate by this time.
    pub late_after: i32,
    pub hours_from: i32,
    pub hours_until: i32,
    pub offline_after_minutes: i32,
}

/// A school's times of day (minutes after midnight, JST), as a coordinator sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolTimes {
    pub arrival_until: i32,
    pub late_after: i32,
    pub hours_from: i32,
    pub hours_until: i32,
    pub offline_after_minutes: i32,
}

impl School {
    pub fn times(&self) -> SchoolTimes {
        SchoolTimes {
            arrival_until: self.arrival_until,
            late_after: self.late_after,
            hours_from: self.hours_from,
            hours_until: self.hours_until,
            offline_after_minutes: self.offline_after_minutes,
        }
    }

    pub fn update_times(conn: &mut DbConnection, id: i64, times: &SchoolTimes) -> QueryResult<()> {
        diesel::update(schools::table.find(id))
            .set((
                schools::arrival_until.eq(times.arrival_until),
                schools::late_after.eq(times.late_after),
                schools::hours_from.eq(times.hours_from),
                schools::hours_until.eq(times.hours_until),
                schools::offline_after_minutes.eq(times.offline_after_minutes),
            ))
            .execute(conn)
            .map(drop)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<School>> {
        schools::table
            .find(id)
            .select(School::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_name(conn: &mut DbConnection, name: &str) -> QueryResult<Option<School>> {
        schools::table
            .filter(schools::name.eq(name))
            .select(School::as_select())
            .first(conn)
            .optional()
    }

    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<School>> {
        schools::table.order(schools::id).select(School::as_select()).load(conn)
    }

    /// The school of this name, created with default times if new.
    pub fn ensure(conn: &mut DbConnection, name: &str) -> QueryResult<School> {
        if let Some(school) = School::by_name(conn, name)? {
            return Ok(school);
        }
        diesel::insert_into(schools::table)
            .values((schools::name.eq(name), schools::created_at.eq(now())))
            .execute(conn)?;
        schools::table
            .filter(schools::name.eq(name))
            .select(School::as_select())
            .first(conn)
    }

    pub fn add_staff(conn: &mut DbConnection, school_id: i64, member_id: i64) -> QueryResult<()> {
        if School::of_staff(conn, member_id)?.contains(&school_id) {
            return Ok(());
        }
        diesel::insert_into(school_staff::table)
            .values((
                school_staff::school_id.eq(school_id),
                school_staff::member_id.eq(member_id),
            ))
            .execute(conn)
            .map(drop)
    }

    pub fn remove_staff(conn: &mut DbConnection, school_id: i64, member_id: i64) -> QueryResult<bool> {
        diesel::delete(
            school_staff::table
                .filter(school_staff::school_id.eq(school_id))
                .filter(school_staff::member_id.eq(member_id)),
        )
        .execute(conn)
        .map(|n| n == 1)
    }

    /// The schools a member works at.
    pub fn of_staff(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<i64>> {
        school_staff::table
            .filter(school_staff::member_id.eq(member_id))
            .select(school_staff::school_id)
            .load(conn)
    }

    /// A school's staff with their real names, for coordinators: (member id, real name).
    pub fn staff_names(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<(i64, String)>> {
        school_staff::table
            .inner_join(members::table)
            .filter(school_staff::school_id.eq(school_id))
            .order(members::real_name)
            .select((members::id, members::real_name))
            .load(conn)
    }

    pub fn staff_ids(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<i64>> {
        school_staff::table
            .filter(school_staff::school_id.eq(school_id))
            .select(school_staff::member_id)
            .load(conn)
    }
}
