//! Comments on posts; a coordinator may hide one like a post.

use crate::db::schema::{members, post_comments};
use crate::db::{now, DbConnection};
use crate::domain::post::CommentBody;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A comment with its author's nickname.
#[derive(Debug, Clone, Queryable)]
pub struct CommentLine {
    pub id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub hidden_at: Option<NaiveDateTime>,
    pub nickname: String,
}

pub struct PostComment;

impl PostComment {
    /// Stores a comment written from a browser of device profile `profile`.
    pub fn insert(
        conn: &mut DbConnection,
        post_id: i64,
        member_id: i64,
        body: &CommentBody,
        profile: &str,
    ) -> QueryResult<i64> {
        diesel::insert_into(post_comments::table)
            .values((
                post_comments::post_id.eq(post_id),
                post_comments::member_id.eq(member_id),
                post_comments::body.eq(body.as_str()),
                post_comments::profile.eq(profile),
                post_comments::created_at.eq(now()),
            ))
            .returning(post_comments::id)
            .get_result(conn)
    }

    /// A post's comments, oldest first; hidden ones only when `with_hidden` (coordinators).
    pub fn of_post(conn: &mut DbConnection, post_id: i64, with_hidden: bool) -> QueryResult<Vec<CommentLine>> {
        let mut query = post_comments::table
            .inner_join(members::table)
            .filter(post_comments::post_id.eq(post_id))
            .select((
                post_comments::id,
                post_comments::body,
                post_comments::created_at,
                post_comments::hidden_at,
                members::nickname,
            ))
            .order(post_comments::id)
            .into_boxed();
        if !with_hidden {
            query = query.filter(post_comments::hidden_at.is_null());
        }
        query.load(conn)
    }

    /// The post a comment belongs to.
    pub fn post_of(conn: &mut DbConnection, id: i64) -> QueryResult<Option<i64>> {
        post_comments::table
            .find(id)
            .select(post_comments::post_id)
            .first(conn)
            .optional()
    }

    /// Hides (with the reason) or restores a comment; true when it changed.
    pub fn set_hidden(conn: &mut DbConnection, id: i64, hidden: Option<(&str, i64)>) -> QueryResult<bool> {
        let target = post_comments::table.find(id);
        let changed = match hidden {
            Some((reason, by)) => diesel::update(target.filter(post_comments::hidden_at.is_null()))
                .set((
                    post_comments::hidden_at.eq(Some(now())),
                    post_comments::hidden_reason.eq(Some(reason)),
                    post_comments::hidden_by.eq(Some(by)),
                ))
                .execute(conn)?,
            None => diesel::update(target.filter(post_comments::hidden_at.is_not_null()))
                .set((
                    post_comments::hidden_at.eq(None::<NaiveDateTime>),
                    post_comments::hidden_reason.eq(None::<String>),
                    post_comments::hidden_by.eq(None::<i64>),
                ))
                .execute(conn)?,
        };
        Ok(changed > 0)
    }
}
