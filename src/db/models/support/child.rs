//! A family's children (`family_children`): name, birth date, notes. Removed children stay for
//! the requests that name them.

use crate::db::schema::family_children;
use crate::db::{now, DbConnection};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = family_children)]
pub struct FamilyChild {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    /// アレルギー, 保育園・学校 and the like.
    pub notes: String,
    pub created_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

impl FamilyChild {
    pub fn add(
        conn: &mut DbConnection,
        member_id: i64,
        name: &str,
        birth_date: NaiveDate,
        notes: &str,
    ) -> QueryResult<i64> {
        diesel::insert_into(family_children::table)
            .values((
                family_children::member_id.eq(member_id),
                family_children::name.eq(name),
                family_children::birth_date.eq(birth_date),
                family_children::notes.eq(notes),
                family_children::created_at.eq(now()),
            ))
            .returning(family_children::id)
            .get_result(conn)
    }

    /// Changes a child of the family's; false when the child is not hers (or removed).
    pub fn update(
        conn: &mut DbConnection,
        member_id: i64,
        id: i64,
        name: &str,
        birth_date: NaiveDate,
        notes: &str,
    ) -> QueryResult<bool> {
        diesel::update(
            family_children::table
                .find(id)
                .filter(family_children::member_id.eq(member_id))
                .filter(family_children::removed_at.is_null()),
        )
        .set((
            family_children::name.eq(name),
            family_children::birth_date.eq(birth_date),
            family_children::notes.eq(notes),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// Removes a child of the family's from her list; false when the child is not hers.
    pub fn remove(conn: &mut DbConnection, member_id: i64, id: i64) -> QueryResult<bool> {
        diesel::update(
            family_children::table
                .find(id)
                .filter(family_children::member_id.eq(member_id))
                .filter(family_children::removed_at.is_null()),
        )
        .set(family_children::removed_at.eq(Some(now())))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// The family's current children, eldest first.
    pub fn of_family(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<FamilyChild>> {
        family_children::table
            .filter(family_children::member_id.eq(member_id))
            .filter(family_children::removed_at.is_null())
            .order((family_children::birth_date, family_children::id))
            .select(FamilyChild::as_select())
            .load(conn)
    }

    /// Children by id, removed ones included (a request's children, whoever asks).
    pub fn by_ids(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<FamilyChild>> {
        family_children::table
            .filter(family_children::id.eq_any(ids))
            .order((family_children::birth_date, family_children::id))
            .select(FamilyChild::as_select())
            .load(conn)
    }
}
