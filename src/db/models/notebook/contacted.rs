//! The not-arrived list's queries: today's arrivals at the gates of a school, the 保護者に連絡済み
//! marks (`notebook_contacted`) and the day's mail, once per school (`notebook_nudges`).

use crate::db::schema::{children, notebook_contacted, notebook_nudges, passes, readers};
use crate::db::{now, DbConnection};
use crate::domain::notebook::not_arrived::day_bounds;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// The children of a school who arrived through one of its gates on `day` (JST): a pass stored as
/// 'arrival', or without a direction before `arrival_until`. A 下校 pass never counts.
pub fn arrived_children(
    conn: &mut DbConnection,
    school_id: i64,
    day: NaiveDate,
    arrival_until: i32,
) -> QueryResult<Vec<i64>> {
    let (from, to, until) = day_bounds(day, arrival_until);
    passes::table
        .inner_join(readers::table)
        .inner_join(children::table.on(children::id.eq(passes::child_id)))
        .filter(children::school_id.eq(school_id))
        .filter(readers::school_id.eq(school_id))
        .filter(readers::kind.eq("gate"))
        .filter(passes::first_read_at.ge(from))
        .filter(passes::first_read_at.lt(to))
        .filter(
            passes::direction
                .eq("arrival")
                .or(passes::direction.is_null().and(passes::first_read_at.lt(until))),
        )
        .select(passes::child_id)
        .distinct()
        .load(conn)
}

/// A 保護者に連絡済み mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contacted {
    pub child_id: i64,
    pub at: chrono::NaiveDateTime,
}

impl Contacted {
    /// Marks the child contacted on `day`; false if someone had already (the first mark stays).
    pub fn mark(conn: &mut DbConnection, child_id: i64, day: NaiveDate, member_id: i64) -> QueryResult<bool> {
        let inserted = diesel::insert_into(notebook_contacted::table)
            .values((
                notebook_contacted::child_id.eq(child_id),
                notebook_contacted::day.eq(day),
                notebook_contacted::member_id.eq(member_id),
                notebook_contacted::at.eq(now()),
            ))
            .execute(conn);
        done_already(inserted)
    }

    /// The marks of a school's children on `day`.
    pub fn of_school_day(conn: &mut DbConnection, school_id: i64, day: NaiveDate) -> QueryResult<Vec<Contacted>> {
        Ok(notebook_contacted::table
            .inner_join(children::table.on(children::id.eq(notebook_contacted::child_id)))
            .filter(children::school_id.eq(school_id))
            .filter(notebook_contacted::day.eq(day))
            .select((notebook_contacted::child_id, notebook_contacted::at))
            .load::<(i64, chrono::NaiveDateTime)>(conn)?
            .into_iter()
            .map(|(child_id, at)| Contacted { child_id, at })
            .collect())
    }
}

/// Claims the school's not-arrived mail of `day`: true for the one caller that inserted the row
/// (its primary key makes it once, even with two workers at the same minute).
pub fn claim_nudge(conn: &mut DbConnection, school_id: i64, day: NaiveDate) -> QueryResult<bool> {
    let inserted = diesel::insert_into(notebook_nudges::table)
        .values((
            notebook_nudges::school_id.eq(school_id),
            notebook_nudges::day.eq(day),
            notebook_nudges::queued_at.eq(now()),
        ))
        .execute(conn);
    done_already(inserted)
}

/// An insert whose primary key says "done already": true when this call inserted the row. On
/// PostgreSQL the violation ends the transaction, so callers insert first and do nothing else
/// after a false.
fn done_already(inserted: QueryResult<usize>) -> QueryResult<bool> {
    match inserted {
        Ok(n) => Ok(n == 1),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(e) => Err(e),
    }
}
