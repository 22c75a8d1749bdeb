//! `community_posting_tokens`: a member's own token for one community's posting address
//! (`c<community>-<token>@`), made when she first needs it. It is not her private posting token,
//! so a community address she shares opens nothing else.

use crate::db::schema::community_posting_tokens;
use crate::db::{now, DbConnection};
use crate::domain::token::posting_token;
use diesel::prelude::*;

pub struct CommunityPostingToken;

impl CommunityPostingToken {
    /// The member's token for the community, made on first use. Two requests at once agree on one
    /// (the second insert is ignored and both read the stored row).
    pub fn of(conn: &mut DbConnection, community_id: i64, member_id: i64) -> QueryResult<String> {
        let row = (
            community_posting_tokens::community_id.eq(community_id),
            community_posting_tokens::member_id.eq(member_id),
            community_posting_tokens::token.eq(posting_token()),
            community_posting_tokens::created_at.eq(now()),
        );
        let existing = community_posting_tokens::table
            .find((community_id, member_id))
            .select(community_posting_tokens::token)
            .first::<String>(conn)
            .optional()?;
        if let Some(token) = existing {
            return Ok(token);
        }
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(community_posting_tokens::table)
                .values(row)
                .execute(c)?,
            #[cfg(feature = "postgres")]
            DbConnection::Postgres(c) => diesel::insert_into(community_posting_tokens::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
        community_posting_tokens::table
            .find((community_id, member_id))
            .select(community_posting_tokens::token)
            .first(conn)
    }

    /// The member whose address for this community carries `token`.
    pub fn member_of(conn: &mut DbConnection, community_id: i64, token: &str) -> QueryResult<Option<i64>> {
        community_posting_tokens::table
            .filter(community_posting_tokens::community_id.eq(community_id))
            .filter(community_posting_tokens::token.eq(token))
            .select(community_posting_tokens::member_id)
            .first(conn)
            .optional()
    }

    /// Forgets all of the member's community tokens (she renewed her addresses): each community
    /// address is made anew when next shown, and the old ones are unknown.
    pub fn forget_member(conn: &mut DbConnection, member_id: i64) -> QueryResult<usize> {
        diesel::delete(community_posting_tokens::table.filter(community_posting_tokens::member_id.eq(member_id)))
            .execute(conn)
    }
}
