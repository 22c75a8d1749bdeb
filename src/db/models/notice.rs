//! お知らせ: notices from the city shown on the top page.

use crate::db::schema::notices;
use crate::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notices)]
pub struct Notice {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub published_on: NaiveDate,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = notices)]
pub struct NewNotice<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub published_on: NaiveDate,
}

impl Notice {
    /// The newest notices first.
    pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Notice>> {
        notices::table
            .select(Notice::as_select())
            .order((notices::published_on.desc(), notices::id.desc()))
            .limit(limit)
            .load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Notice> {
        notices::table.find(id).select(Notice::as_select()).first(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        notices::table.count().get_result(conn)
    }

    pub fn insert(conn: &mut DbConnection, new: &NewNotice<'_>) -> QueryResult<usize> {
        diesel::insert_into(notices::table).values(new).execute(conn)
    }
}
