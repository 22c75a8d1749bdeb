//! Who belongs to a community: its owner (the proposer, from approval on) and the members who joined.

use crate::db::schema::{community_members, members};
use crate::db::{now, DbConnection};
use crate::domain::community::MemberRole;
use diesel::prelude::*;

pub struct CommunityMember;

/// What leaving a community did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    Left,
    NotJoined,
    /// The owner stays while she is the owner.
    IsOwner,
}

impl CommunityMember {
    /// Adds a member with a role; false when she had joined already.
    pub fn join(conn: &mut DbConnection, community_id: i64, member_id: i64, role: MemberRole) -> QueryResult<bool> {
        if CommunityMember::role_of(conn, community_id, member_id)?.is_some() {
            return Ok(false);
        }
        diesel::insert_into(community_members::table)
            .values((
                community_members::community_id.eq(community_id),
                community_members::member_id.eq(member_id),
                community_members::role.eq(role.as_str()),
                community_members::joined_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(true)
    }

    /// Removes an ordinary member; the owner cannot leave.
    pub fn leave(conn: &mut DbConnection, community_id: i64, member_id: i64) -> QueryResult<Left> {
        match CommunityMember::role_of(conn, community_id, member_id)? {
            None => Ok(Left::NotJoined),
            Some(MemberRole::Owner) => Ok(Left::IsOwner),
            Some(MemberRole::Member) => {
                diesel::delete(
                    community_members::table
                        .filter(community_members::community_id.eq(community_id))
                        .filter(community_members::member_id.eq(member_id)),
                )
                .execute(conn)?;
                Ok(Left::Left)
            }
        }
    }

    /// The member's role in the community, `None` when she has not joined.
    pub fn role_of(conn: &mut DbConnection, community_id: i64, member_id: i64) -> QueryResult<Option<MemberRole>> {
        let role: Option<String> = community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::member_id.eq(member_id))
            .select(community_members::role)
            .first(conn)
            .optional()?;
        Ok(role.as_deref().map(MemberRole::parse))
    }

    pub fn count(conn: &mut DbConnection, community_id: i64) -> QueryResult<i64> {
        community_members::table
            .filter(community_members::community_id.eq(community_id))
            .count()
            .get_result(conn)
    }

    /// The owner's nickname, if the community has one yet (from approval on).
    pub fn owner_nickname(conn: &mut DbConnection, community_id: i64) -> QueryResult<Option<String>> {
        community_members::table
            .inner_join(members::table)
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::role.eq(MemberRole::Owner.as_str()))
            .select(members::nickname)
            .first(conn)
            .optional()
    }
}
