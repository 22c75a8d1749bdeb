//! お知らせ: notices from the city shown on the top page from their publication day on.

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
    /// The newest notices published by `today` first.
    pub fn recent(conn: &mut DbConnection, limit: i64, today: NaiveDate) -> QueryResult<Vec<Notice>> {
        notices::table
            .filter(notices::published_on.le(today))
            .select(Notice::as_select())
            .order((notices::published_on.desc(), notices::id.desc()))
            .limit(limit)
            .load(conn)
    }

    /// Every notice, those to be published later included, newest publication day first.
    pub fn latest(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Notice>> {
        notices::table
            .select(Notice::as_select())
            .order((notices::published_on.desc(), notices::id.desc()))
            .limit(limit)
            .load(conn)
    }

    pub fn is_published(&self, today: NaiveDate) -> bool {
        self.published_on <= today
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

    pub fn update(conn: &mut DbConnection, id: i64, fields: &NewNotice<'_>) -> QueryResult<usize> {
        diesel::update(notices::table.find(id))
            .set((
                notices::title.eq(fields.title),
                notices::body.eq(fields.body),
                notices::published_on.eq(fields.published_on),
            ))
            .execute(conn)
    }

    pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(notices::table.find(id)).execute(conn)
    }
}
