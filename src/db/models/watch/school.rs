//! Schools and their staff (teachers and coordinators who see the board and get reader notices).

use crate::db::schema::{school_staff, schools};
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

impl School {
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

    /// The schools a member works at.
    pub fn of_staff(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<i64>> {
        school_staff::table
            .filter(school_staff::member_id.eq(member_id))
            .select(school_staff::school_id)
            .load(conn)
    }

    pub fn staff_ids(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<i64>> {
        school_staff::table
            .filter(school_staff::school_id.eq(school_id))
            .select(school_staff::member_id)
            .load(conn)
    }
}
