//! Reader events as received, keyed by (reader, seq) so that a retried batch creates nothing.

use crate::db::schema::{reader_events, readers};
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One event to store (the parsed batch entry plus what we resolved).
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub seq: i64,
    pub tag: &'a str,
    pub read_at: NaiveDateTime,
    pub direction: Option<&'static str>,
    pub kind: &'static str,
    pub child_id: Option<i64>,
    pub pass_id: Option<i64>,
}

/// A read of a tag no child carried, for coordinators.
#[derive(Debug, Clone, Queryable)]
pub struct UnknownRead {
    pub tag: String,
    pub reader_name: String,
    pub read_at: NaiveDateTime,
}

pub struct ReaderEvent;

impl ReaderEvent {
    /// The sequence numbers among `seqs` this reader already sent.
    pub fn known_seqs(conn: &mut DbConnection, reader_id: i64, seqs: &[i64]) -> QueryResult<Vec<i64>> {
        reader_events::table
            .filter(reader_events::reader_id.eq(reader_id))
            .filter(reader_events::seq.eq_any(seqs))
            .select(reader_events::seq)
            .load(conn)
    }

    /// Whether this tag's emergency button was pressed at this reader between two instants.
    pub fn emergency_between(
        conn: &mut DbConnection,
        reader_id: i64,
        tag: &str,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n: i64 = reader_events::table
            .filter(reader_events::reader_id.eq(reader_id))
            .filter(reader_events::tag.eq(tag))
            .filter(reader_events::kind.eq("emergency"))
            .filter(reader_events::read_at.between(from, until))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    pub fn insert(conn: &mut DbConnection, reader_id: i64, event: &NewEvent) -> QueryResult<()> {
        diesel::insert_into(reader_events::table)
            .values((
                reader_events::reader_id.eq(reader_id),
                reader_events::seq.eq(event.seq),
                reader_events::tag.eq(event.tag),
                reader_events::read_at.eq(event.read_at),
                reader_events::direction.eq(event.direction),
                reader_events::kind.eq(event.kind),
                reader_events::child_id.eq(event.child_id),
                reader_events::pass_id.eq(event.pass_id),
                reader_events::received_at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Reads of unassigned tags at a school's readers since `since`, newest first.
    pub fn unknown_since(
        conn: &mut DbConnection,
        school_id: i64,
        since: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<UnknownRead>> {
        reader_events::table
            .inner_join(readers::table)
            .filter(readers::school_id.eq(school_id))
            .filter(reader_events::child_id.is_null())
            .filter(reader_events::read_at.ge(since))
            .order(reader_events::read_at.desc())
            .limit(limit)
            .select((reader_events::tag, readers::name, reader_events::read_at))
            .load(conn)
    }

    pub fn delete_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(reader_events::table.filter(reader_events::read_at.lt(before))).execute(conn)
    }
}
