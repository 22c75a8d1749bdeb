//! Comments on community topics.

use crate::db::schema::{community_comments, members};
use crate::db::{now, DbConnection};
use crate::domain::post::CommentBody;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A comment with its author's nickname.
#[derive(Debug, Clone, Queryable)]
pub struct TopicCommentLine {
    pub id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub nickname: String,
}

pub struct TopicComment;

impl TopicComment {
    /// `profile`: the device profile it was written on.
    pub fn insert(
        conn: &mut DbConnection,
        topic_id: i64,
        member_id: i64,
        body: &CommentBody,
        profile: &str,
    ) -> QueryResult<i64> {
        diesel::insert_into(community_comments::table)
            .values((
                community_comments::topic_id.eq(topic_id),
                community_comments::member_id.eq(member_id),
                community_comments::body.eq(body.as_str()),
                community_comments::profile.eq(profile),
                community_comments::created_at.eq(now()),
            ))
            .returning(community_comments::id)
            .get_result(conn)
    }

    /// A topic's visible comments, oldest first.
    pub fn of_topic(conn: &mut DbConnection, topic_id: i64) -> QueryResult<Vec<TopicCommentLine>> {
        community_comments::table
            .inner_join(members::table)
            .filter(community_comments::topic_id.eq(topic_id))
            .filter(community_comments::hidden_at.is_null())
            .select((
                community_comments::id,
                community_comments::body,
                community_comments::created_at,
                members::nickname,
            ))
            .order(community_comments::id)
            .load(conn)
    }
}
