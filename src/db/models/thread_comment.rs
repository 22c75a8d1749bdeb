//! Comments on threads; a coordinator may hide one with a reason, as she does a thread.

use super::hidden::set_hidden_fn;
use crate::db::schema::{members, thread_comments};
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

/// The queries on `thread_comments`.
pub struct ThreadComment;

impl ThreadComment {
    /// Stores a comment written on a device of profile `profile`.
    pub fn insert(
        conn: &mut DbConnection,
        thread_id: i64,
        member_id: i64,
        body: &CommentBody,
        profile: &str,
    ) -> QueryResult<i64> {
        diesel::insert_into(thread_comments::table)
            .values((
                thread_comments::thread_id.eq(thread_id),
                thread_comments::member_id.eq(member_id),
                thread_comments::body.eq(body.as_str()),
                thread_comments::profile.eq(profile),
                thread_comments::created_at.eq(now()),
            ))
            .returning(thread_comments::id)
            .get_result(conn)
    }

    /// A thread's comments, oldest first; hidden ones only when `with_hidden` (coordinators).
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64, with_hidden: bool) -> QueryResult<Vec<CommentLine>> {
        let mut query = thread_comments::table
            .inner_join(members::table)
            .filter(thread_comments::thread_id.eq(thread_id))
            .select((
                thread_comments::id,
                thread_comments::body,
                thread_comments::created_at,
                thread_comments::hidden_at,
                members::nickname,
            ))
            .order(thread_comments::id)
            .into_boxed();
        if !with_hidden {
            query = query.filter(thread_comments::hidden_at.is_null());
        }
        query.load(conn)
    }

    /// The thread a comment belongs to.
    pub fn thread_of(conn: &mut DbConnection, id: i64) -> QueryResult<Option<i64>> {
        thread_comments::table
            .find(id)
            .select(thread_comments::thread_id)
            .first(conn)
            .optional()
    }

    set_hidden_fn!(thread_comments);
}
