//! Members: nickname, real name, area, password hash, approval state and roles.

use crate::db::schema::{member_roles, members};
use crate::db::{now, DbConnection};
use crate::domain::role::{MemberStatus, Role};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = members)]
pub struct Member {
    pub id: i64,
    /// Shown to other members.
    pub nickname: String,
    /// Shown to coordinators only.
    pub real_name: String,
    pub area_id: Option<i64>,
    pub password_hash: String,
    status: String,
    pub created_at: NaiveDateTime,
}

/// A member about to be written.
#[derive(Debug)]
pub struct NewMember<'a> {
    pub nickname: &'a str,
    pub real_name: &'a str,
    pub area_id: Option<i64>,
    pub password_hash: &'a str,
    pub status: MemberStatus,
    pub roles: &'a [Role],
}

impl Member {
    pub fn status(&self) -> MemberStatus {
        MemberStatus::parse(&self.status)
    }

    /// Writes the member and their roles; returns the new id.
    pub fn insert(conn: &mut DbConnection, new: &NewMember<'_>) -> QueryResult<i64> {
        conn.transaction(|conn| {
            let at = now();
            let approved_at = (new.status == MemberStatus::Approved).then_some(at);
            let id = diesel::insert_into(members::table)
                .values((
                    members::nickname.eq(new.nickname),
                    members::real_name.eq(new.real_name),
                    members::area_id.eq(new.area_id),
                    members::password_hash.eq(new.password_hash),
                    members::status.eq(new.status.as_str()),
                    members::created_at.eq(at),
                    members::approved_at.eq(approved_at),
                ))
                .returning(members::id)
                .get_result(conn)?;
            Member::add_roles(conn, id, new.roles)?;
            Ok(id)
        })
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        members::table.count().get_result(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Member> {
        members::table.find(id).select(Member::as_select()).first(conn)
    }

    pub fn roles(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<Role>> {
        let names: Vec<String> = member_roles::table
            .filter(member_roles::member_id.eq(id))
            .select(member_roles::role)
            .load(conn)?;
        let mut roles: Vec<Role> = names.iter().filter_map(|n| Role::parse(n)).collect();
        roles.sort();
        Ok(roles)
    }

    /// Adds roles the member does not hold yet.
    pub fn add_roles(conn: &mut DbConnection, id: i64, roles: &[Role]) -> QueryResult<()> {
        let held = Member::roles(conn, id)?;
        for role in roles.iter().filter(|r| !held.contains(r)) {
            diesel::insert_into(member_roles::table)
                .values((member_roles::member_id.eq(id), member_roles::role.eq(role.as_str())))
                .execute(conn)?;
        }
        Ok(())
    }

    /// Members waiting for a coordinator, oldest first.
    pub fn pending(conn: &mut DbConnection) -> QueryResult<Vec<Member>> {
        members::table
            .filter(members::status.eq(MemberStatus::Pending.as_str()))
            .select(Member::as_select())
            .order((members::created_at, members::id))
            .load(conn)
    }

    /// Decides about a member waiting for approval (approve or decline); `by` is the coordinator.
    /// Returns false when the member was not pending (already decided, or never was).
    pub fn decide_pending(conn: &mut DbConnection, id: i64, status: MemberStatus, by: i64) -> QueryResult<bool> {
        diesel::update(
            members::table
                .find(id)
                .filter(members::status.eq(MemberStatus::Pending.as_str())),
        )
        .set((
            members::status.eq(status.as_str()),
            members::approved_at.eq(Some(now())),
            members::approved_by.eq(Some(by)),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// The member's posting-address token, made on first use.
    pub fn posting_token(conn: &mut DbConnection, id: i64) -> QueryResult<String> {
        let current: Option<String> = members::table.find(id).select(members::posting_token).first(conn)?;
        match current {
            Some(token) => Ok(token),
            None => Member::renew_posting_token(conn, id),
        }
    }

    /// Replaces the posting-address token (after it leaked); the old address stops working.
    pub fn renew_posting_token(conn: &mut DbConnection, id: i64) -> QueryResult<String> {
        let token = crate::domain::token::posting_token();
        diesel::update(members::table.find(id))
            .set(members::posting_token.eq(&token))
            .execute(conn)?;
        Ok(token)
    }

    /// The member a posting-address token belongs to.
    pub fn by_posting_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Member>> {
        members::table
            .filter(members::posting_token.eq(token))
            .select(Member::as_select())
            .first(conn)
            .optional()
    }

    /// Replaces the password hash (a reset or a change; the caller ends the other sessions).
    pub fn set_password_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<usize> {
        diesel::update(members::table.find(id))
            .set(members::password_hash.eq(hash))
            .execute(conn)
    }

    /// Renames the member: pages read the nickname from here, so every page shows the new one.
    pub fn set_nickname(conn: &mut DbConnection, id: i64, nickname: &str) -> QueryResult<usize> {
        diesel::update(members::table.find(id))
            .set(members::nickname.eq(nickname))
            .execute(conn)
    }

    /// Deletes a registration nobody confirmed (its address was typed by someone else, or mistyped).
    pub fn delete_unconfirmed(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(
            members::table
                .find(id)
                .filter(members::status.eq(MemberStatus::Pending.as_str())),
        )
        .execute(conn)
    }
}
