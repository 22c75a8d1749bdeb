//! Families: their children (the watch roster's) and guardians (each with her own account). A
//! guardian belongs to one family; a child to at most one.

use crate::db::models::mail_address::MailAddress;
use crate::db::models::watch::child::Child;
use crate::db::schema::{children, members, notebook_families, notebook_family_children, notebook_guardians};
use crate::db::{now, DbConnection};
use crate::domain::token::posting_token;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = notebook_families)]
pub struct Family {
    pub id: i64,
    /// Makes the family's absence address (`domain::mail_route::absence_address`).
    pub mail_token: String,
}

/// A guardian as her family's pages show her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guardian {
    pub member_id: i64,
    pub nickname: String,
}

impl Family {
    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Family>> {
        notebook_families::table
            .find(id)
            .select(Family::as_select())
            .first(conn)
            .optional()
    }

    /// The family of a guardian, if she has joined one.
    pub fn of_guardian(conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<Family>> {
        notebook_families::table
            .inner_join(notebook_guardians::table)
            .filter(notebook_guardians::member_id.eq(member_id))
            .select(Family::as_select())
            .first(conn)
            .optional()
    }

    /// The family a child belongs to, if any guardian has joined her.
    pub fn of_child(conn: &mut DbConnection, child_id: i64) -> QueryResult<Option<Family>> {
        notebook_families::table
            .inner_join(notebook_family_children::table)
            .filter(notebook_family_children::child_id.eq(child_id))
            .select(Family::as_select())
            .first(conn)
            .optional()
    }

    /// The family whose absence address has this token.
    pub fn by_mail_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Family>> {
        notebook_families::table
            .filter(notebook_families::mail_token.eq(token))
            .select(Family::as_select())
            .first(conn)
            .optional()
    }

    /// A new family with no one in it yet.
    pub fn create(conn: &mut DbConnection) -> QueryResult<Family> {
        let mail_token = posting_token();
        let id = diesel::insert_into(notebook_families::table)
            .values((
                notebook_families::mail_token.eq(&mail_token),
                notebook_families::created_at.eq(now()),
            ))
            .returning(notebook_families::id)
            .get_result(conn)?;
        Ok(Family { id, mail_token })
    }

    /// The family's children, by grade, class and name.
    pub fn children(conn: &mut DbConnection, family_id: i64) -> QueryResult<Vec<Child>> {
        children::table
            .inner_join(notebook_family_children::table)
            .filter(notebook_family_children::family_id.eq(family_id))
            .order((children::grade, children::class_name, children::id))
            .select(Child::as_select())
            .load(conn)
    }

    /// The children of a guardian's family (none when she has not joined one).
    pub fn children_of_guardian(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<Child>> {
        children::table
            .inner_join(notebook_family_children::table)
            .inner_join(
                notebook_guardians::table.on(notebook_guardians::family_id.eq(notebook_family_children::family_id)),
            )
            .filter(notebook_guardians::member_id.eq(member_id))
            .order((children::grade, children::class_name, children::id))
            .select(Child::as_select())
            .load(conn)
    }

    /// The family's guardians, in the order they joined.
    pub fn guardians(conn: &mut DbConnection, family_id: i64) -> QueryResult<Vec<Guardian>> {
        Ok(notebook_guardians::table
            .inner_join(members::table)
            .filter(notebook_guardians::family_id.eq(family_id))
            .order((notebook_guardians::joined_at, notebook_guardians::member_id))
            .select((notebook_guardians::member_id, members::nickname))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .map(|(member_id, nickname)| Guardian { member_id, nickname })
            .collect())
    }

    /// The address each guardian of the family takes mail at (`MailAddress::reachable_of_members`),
    /// in the order they joined; guardians with none are left out.
    pub fn guardian_addresses(conn: &mut DbConnection, family_id: i64) -> QueryResult<Vec<String>> {
        let ids: Vec<i64> = Family::guardians(conn, family_id)?
            .iter()
            .map(|g| g.member_id)
            .collect();
        let mut reachable = MailAddress::reachable_of_members(conn, &ids)?;
        Ok(ids.iter().filter_map(|id| reachable.remove(id)).collect())
    }

    /// Puts a guardian in the family (she must not be in another one).
    pub fn add_guardian(conn: &mut DbConnection, family_id: i64, member_id: i64) -> QueryResult<()> {
        diesel::insert_into(notebook_guardians::table)
            .values((
                notebook_guardians::member_id.eq(member_id),
                notebook_guardians::family_id.eq(family_id),
                notebook_guardians::joined_at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Puts a child in the family (she must not be in another one).
    pub fn add_child(conn: &mut DbConnection, family_id: i64, child_id: i64) -> QueryResult<()> {
        diesel::insert_into(notebook_family_children::table)
            .values((
                notebook_family_children::child_id.eq(child_id),
                notebook_family_children::family_id.eq(family_id),
                notebook_family_children::joined_at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Moves everyone of family `from` into `into` and deletes `from` (two guardians who each
    /// joined a sibling first turn out to be one family). Call inside a `write_transaction`.
    pub fn merge(conn: &mut DbConnection, from: i64, into: i64) -> QueryResult<()> {
        diesel::update(notebook_family_children::table.filter(notebook_family_children::family_id.eq(from)))
            .set(notebook_family_children::family_id.eq(into))
            .execute(conn)?;
        diesel::update(notebook_guardians::table.filter(notebook_guardians::family_id.eq(from)))
            .set(notebook_guardians::family_id.eq(into))
            .execute(conn)?;
        diesel::delete(notebook_families::table.find(from))
            .execute(conn)
            .map(drop)
    }

    /// The guardians (member ids) of each of these children, as (child, guardian) pairs.
    pub fn guardians_of_children(conn: &mut DbConnection, child_ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
        notebook_family_children::table
            .inner_join(
                notebook_guardians::table.on(notebook_guardians::family_id.eq(notebook_family_children::family_id)),
            )
            .filter(notebook_family_children::child_id.eq_any(child_ids))
            .order((notebook_family_children::child_id, notebook_guardians::member_id))
            .select((notebook_family_children::child_id, notebook_guardians::member_id))
            .load(conn)
    }
}
