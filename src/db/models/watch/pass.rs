//! Passes: a child at a reader, one row for the reads within the debounce window.

use crate::db::schema::{passes, readers};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// What a pass at a gate means; waypoints have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassDirection {
    /// 登校
    Arrival,
    /// 下校
    Departure,
}

impl PassDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            PassDirection::Arrival => "arrival",
            PassDirection::Departure => "departure",
        }
    }

    pub fn parse(text: &str) -> Option<PassDirection> {
        match text {
            "arrival" => Some(PassDirection::Arrival),
            "departure" => Some(PassDirection::Departure),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PassDirection::Arrival => "登校",
            PassDirection::Departure => "下校",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = passes)]
pub struct Pass {
    pub id: i64,
    pub child_id: i64,
    pub reader_id: i64,
    /// UTC, as every timestamp in the database.
    pub first_read_at: NaiveDateTime,
    pub last_read_at: NaiveDateTime,
    direction: Option<String>,
}

/// A pass with its reader's name, for histories and the board.
#[derive(Debug, Clone)]
pub struct PassAt {
    pub pass: Pass,
    pub reader_name: String,
}

impl Pass {
    pub fn direction(&self) -> Option<PassDirection> {
        self.direction.as_deref().and_then(PassDirection::parse)
    }

    /// The pass of this child at this reader that a read at `at` belongs to (within `window`).
    pub fn open(
        conn: &mut DbConnection,
        child_id: i64,
        reader_id: i64,
        at: NaiveDateTime,
        window: Duration,
    ) -> QueryResult<Option<Pass>> {
        passes::table
            .filter(passes::child_id.eq(child_id))
            .filter(passes::reader_id.eq(reader_id))
            .filter(passes::last_read_at.ge(at - window))
            .filter(passes::first_read_at.le(at + window))
            .order(passes::last_read_at.desc())
            .select(Pass::as_select())
            .first(conn)
            .optional()
    }

    pub fn create(
        conn: &mut DbConnection,
        child_id: i64,
        reader_id: i64,
        at: NaiveDateTime,
        direction: Option<PassDirection>,
    ) -> QueryResult<i64> {
        diesel::insert_into(passes::table)
            .values((
                passes::child_id.eq(child_id),
                passes::reader_id.eq(reader_id),
                passes::first_read_at.eq(at),
                passes::last_read_at.eq(at),
                passes::direction.eq(direction.map(PassDirection::as_str)),
                passes::created_at.eq(now()),
            ))
            .returning(passes::id)
            .get_result(conn)
    }

    /// Widens a pass to include a read at `at`.
    pub fn extend(conn: &mut DbConnection, pass: &Pass, at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(passes::table.find(pass.id))
            .set((
                passes::first_read_at.eq(pass.first_read_at.min(at)),
                passes::last_read_at.eq(pass.last_read_at.max(at)),
            ))
            .execute(conn)
            .map(drop)
    }

    /// A child's passes between two UTC instants, newest first, with reader names.
    pub fn of_child_between(
        conn: &mut DbConnection,
        child_id: i64,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<PassAt>> {
        let rows: Vec<(Pass, String)> = passes::table
            .inner_join(readers::table)
            .filter(passes::child_id.eq(child_id))
            .filter(passes::first_read_at.ge(from))
            .filter(passes::first_read_at.lt(until))
            .order(passes::first_read_at.desc())
            .select((Pass::as_select(), readers::name))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(pass, reader_name)| PassAt { pass, reader_name })
            .collect())
    }

    /// Every pass at a school's readers since `from` (the board), oldest first.
    pub fn of_school_since(conn: &mut DbConnection, school_id: i64, from: NaiveDateTime) -> QueryResult<Vec<PassAt>> {
        let rows: Vec<(Pass, String)> = passes::table
            .inner_join(readers::table)
            .filter(readers::school_id.eq(school_id))
            .filter(passes::first_read_at.ge(from))
            .order(passes::first_read_at)
            .select((Pass::as_select(), readers::name))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(pass, reader_name)| PassAt { pass, reader_name })
            .collect())
    }

    /// Deletes passes that began before `before`; returns how many.
    pub fn delete_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(passes::table.filter(passes::first_read_at.lt(before))).execute(conn)
    }
}
