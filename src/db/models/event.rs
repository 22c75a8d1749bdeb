//! イベント: the city's and facilities' events, held on a JST day with optional times.

use crate::db::schema::events;
use crate::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct Event {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// The Japanese calendar day the event is held on.
    pub held_on: NaiveDate,
    /// Wall-clock start "HH:MM" (JST), if announced.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub area_id: Option<i64>,
}

/// An event as a coordinator writes it (new or edited).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = events, treat_none_as_null = true)]
pub struct EventFields {
    pub title: String,
    pub body: String,
    pub held_on: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub area_id: Option<i64>,
}

impl Event {
    /// Events held from `from` to `to` (both inclusive), in one area or all, in day and time order.
    pub fn between(
        conn: &mut DbConnection,
        from: NaiveDate,
        to: NaiveDate,
        area: Option<i64>,
    ) -> QueryResult<Vec<Event>> {
        let mut query = events::table
            .filter(events::held_on.ge(from))
            .filter(events::held_on.le(to))
            .select(Event::as_select())
            .order((events::held_on, events::start_time, events::id))
            .into_boxed();
        if let Some(area) = area {
            query = query.filter(events::area_id.eq(area));
        }
        query.load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Event> {
        events::table.find(id).select(Event::as_select()).first(conn)
    }

    /// The newest days first, for the coordinators' list.
    pub fn latest(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Event>> {
        events::table
            .select(Event::as_select())
            .order((events::held_on.desc(), events::id.desc()))
            .limit(limit)
            .load(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        events::table.count().get_result(conn)
    }

    pub fn insert(conn: &mut DbConnection, fields: &EventFields, by: Option<i64>) -> QueryResult<i64> {
        diesel::insert_into(events::table)
            .values((fields, events::created_by.eq(by)))
            .returning(events::id)
            .get_result(conn)
    }

    pub fn update(conn: &mut DbConnection, id: i64, fields: &EventFields) -> QueryResult<usize> {
        diesel::update(events::table.find(id)).set(fields).execute(conn)
    }

    pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(events::table.find(id)).execute(conn)
    }
}
