//! Tag assignments: which child carried a tag when. Lost tags are released, history is kept.

use crate::db::schema::tag_assignments;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tag_assignments)]
pub struct TagAssignment {
    pub id: i64,
    pub tag: String,
    pub child_id: i64,
    pub assigned_at: NaiveDateTime,
    pub released_at: Option<NaiveDateTime>,
    pub release_reason: Option<String>,
}

impl TagAssignment {
    /// The child who carried `tag` at `at`.
    pub fn child_at(conn: &mut DbConnection, tag: &str, at: NaiveDateTime) -> QueryResult<Option<i64>> {
        tag_assignments::table
            .filter(tag_assignments::tag.eq(tag))
            .filter(tag_assignments::assigned_at.le(at))
            .filter(
                tag_assignments::released_at
                    .is_null()
                    .or(tag_assignments::released_at.gt(at)),
            )
            .order(tag_assignments::assigned_at.desc())
            .select(tag_assignments::child_id)
            .first(conn)
            .optional()
    }

    /// Gives `tag` to a child from `at` on: the child's previous tag and the tag's previous holder
    /// are released (reason e.g. 「紛失」「再発行」).
    pub fn assign(
        conn: &mut DbConnection,
        tag: &str,
        child_id: i64,
        reason: &str,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        let current = tag_assignments::table
            .filter(tag_assignments::tag.eq(tag))
            .filter(tag_assignments::child_id.eq(child_id))
            .filter(tag_assignments::released_at.is_null())
            .count()
            .get_result::<i64>(conn)?;
        if current > 0 {
            return Ok(());
        }
        diesel::update(
            tag_assignments::table
                .filter(tag_assignments::released_at.is_null())
                .filter(tag_assignments::tag.eq(tag).or(tag_assignments::child_id.eq(child_id))),
        )
        .set((
            tag_assignments::released_at.eq(at),
            tag_assignments::release_reason.eq(reason),
        ))
        .execute(conn)?;
        diesel::insert_into(tag_assignments::table)
            .values((
                tag_assignments::tag.eq(tag),
                tag_assignments::child_id.eq(child_id),
                tag_assignments::assigned_at.eq(at),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Ends a child's current tag (lost, broken) without a new one.
    pub fn release_child(conn: &mut DbConnection, child_id: i64, reason: &str) -> QueryResult<usize> {
        diesel::update(
            tag_assignments::table
                .filter(tag_assignments::child_id.eq(child_id))
                .filter(tag_assignments::released_at.is_null()),
        )
        .set((
            tag_assignments::released_at.eq(now()),
            tag_assignments::release_reason.eq(reason),
        ))
        .execute(conn)
    }

    /// A child's tags, newest first.
    pub fn history(conn: &mut DbConnection, child_id: i64) -> QueryResult<Vec<TagAssignment>> {
        tag_assignments::table
            .filter(tag_assignments::child_id.eq(child_id))
            .order(tag_assignments::assigned_at.desc())
            .select(TagAssignment::as_select())
            .load(conn)
    }
}
