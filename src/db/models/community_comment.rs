//! Comments on community topics; a coordinator may hide one with a reason.

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
    pub hidden_at: Option<NaiveDateTime>,
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

    /// A topic's comments, oldest first; hidden ones only for coordinators.
    pub fn of_topic(conn: &mut DbConnection, topic_id: i64, with_hidden: bool) -> QueryResult<Vec<TopicCommentLine>> {
        let mut query = community_comments::table
            .inner_join(members::table)
            .filter(community_comments::topic_id.eq(topic_id))
            .select((
                community_comments::id,
                community_comments::body,
                community_comments::created_at,
                community_comments::hidden_at,
                members::nickname,
            ))
            .order(community_comments::id)
            .into_boxed();
        if !with_hidden {
            query = query.filter(community_comments::hidden_at.is_null());
        }
        query.load(conn)
    }

    /// Whether the comment is one of that topic's.
    pub fn is_on_topic(conn: &mut DbConnection, topic_id: i64, id: i64) -> QueryResult<bool> {
        let found = community_comments::table
            .find(id)
            .filter(community_comments::topic_id.eq(topic_id))
            .count()
            .get_result::<i64>(conn)?;
        Ok(found > 0)
    }

    /// Hides (with the reason and the coordinator) or restores a comment; true when it changed.
    pub fn set_hidden(conn: &mut DbConnection, id: i64, hidden: Option<(&str, i64)>) -> QueryResult<bool> {
        let target = community_comments::table.find(id);
        let changed = match hidden {
            Some((reason, by)) => diesel::update(target.filter(community_comments::hidden_at.is_null()))
                .set((
                    community_comments::hidden_at.eq(Some(now())),
                    community_comments::hidden_reason.eq(Some(reason)),
                    community_comments::hidden_by.eq(Some(by)),
                ))
                .execute(conn)?,
            None => diesel::update(target.filter(community_comments::hidden_at.is_not_null()))
                .set((
                    community_comments::hidden_at.eq(None::<NaiveDateTime>),
                    community_comments::hidden_reason.eq(None::<String>),
                    community_comments::hidden_by.eq(None::<i64>),
                ))
                .execute(conn)?,
        };
        Ok(changed > 0)
    }
}
