//! Children watched by the readers, and who may see them.

use crate::db::schema::{children, tag_assignments};
use crate::db::{now, DbConnection};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = children)]
pub struct Child {
    pub id: i64,
    pub school_id: i64,
    /// 児童番号, the school's own id.
    pub code: String,
    pub name: String,
    /// What mails call the child; never the full name.
    pub short_name: String,
    pub grade: i32,
    pub class_name: String,
}

/// A child as the roster gives it.
#[derive(Debug, Clone)]
pub struct NewChild<'a> {
    pub school_id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub grade: i32,
    pub class_name: &'a str,
}

impl Child {
    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Child>> {
        children::table
            .find(id)
            .select(Child::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_code(conn: &mut DbConnection, school_id: i64, code: &str) -> QueryResult<Option<Child>> {
        children::table
            .filter(children::school_id.eq(school_id))
            .filter(children::code.eq(code))
            .select(Child::as_select())
            .first(conn)
            .optional()
    }

    /// A school's children by grade, class and 児童番号.
    pub fn of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<Child>> {
        children::table
            .filter(children::school_id.eq(school_id))
            .order((children::grade, children::class_name, children::code))
            .select(Child::as_select())
            .load(conn)
    }

    /// Adds the child, or updates name, grade and class of the one with this 児童番号.
    pub fn upsert(conn: &mut DbConnection, child: &NewChild) -> QueryResult<i64> {
        if let Some(existing) = Child::by_code(conn, child.school_id, child.code)? {
            diesel::update(children::table.find(existing.id))
                .set((
                    children::name.eq(child.name),
                    children::short_name.eq(child.short_name),
                    children::grade.eq(child.grade),
                    children::class_name.eq(child.class_name),
                ))
                .execute(conn)?;
            return Ok(existing.id);
        }
        diesel::insert_into(children::table)
            .values((
                children::school_id.eq(child.school_id),
                children::code.eq(child.code),
                children::name.eq(child.name),
                children::short_name.eq(child.short_name),
                children::grade.eq(child.grade),
                children::class_name.eq(child.class_name),
                children::created_at.eq(now()),
            ))
            .returning(children::id)
            .get_result(conn)
    }

    /// The tags a school's children carry now: (child id, tag).
    pub fn current_tags_of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<(i64, String)>> {
        tag_assignments::table
            .inner_join(children::table)
            .filter(children::school_id.eq(school_id))
            .filter(tag_assignments::released_at.is_null())
            .select((tag_assignments::child_id, tag_assignments::tag))
            .load(conn)
    }

    /// The tag the child carries now, if any.
    pub fn current_tag(conn: &mut DbConnection, id: i64) -> QueryResult<Option<String>> {
        tag_assignments::table
            .filter(tag_assignments::child_id.eq(id))
            .filter(tag_assignments::released_at.is_null())
            .select(tag_assignments::tag)
            .first(conn)
            .optional()
    }
}
