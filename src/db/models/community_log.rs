//! コミュニティの記録: every coordinator decision on a community (approve, reject, close) and every
//! hide or restore of a topic or of a comment on one, by whom and why.

use crate::db::schema::{community_log, members};
use crate::db::{now, DbConnection};
use diesel::prelude::*;

/// What a coordinator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogAction {
    Approve,
    Reject,
    Close,
    Hide,
    Restore,
}

impl LogAction {
    pub fn as_str(self) -> &'static str {
        match self {
            LogAction::Approve => "approve",
            LogAction::Reject => "reject",
            LogAction::Close => "close",
            LogAction::Hide => "hide",
            LogAction::Restore => "restore",
        }
    }

    pub fn label_of(stored: &str) -> &'static str {
        match stored {
            "approve" => "承認",
            "reject" => "見送り",
            "close" => "終了",
            "hide" => "非表示",
            "restore" => "再表示",
            _ => "対応",
        }
    }
}

/// One line of the log.
#[derive(Debug, Clone, Queryable)]
pub struct CommunityLogLine {
    pub moderator: String,
    pub community_id: i64,
    pub topic_id: Option<i64>,
    pub action: String,
    pub reason: String,
    /// Set when a comment (on `topic_id`) was hidden or restored rather than the topic.
    pub comment_id: Option<i64>,
}

pub struct CommunityLog;

/// What a log line is about.
#[derive(Debug, Clone, Copy)]
struct LogTarget {
    community_id: i64,
    topic_id: Option<i64>,
    comment_id: Option<i64>,
}

impl CommunityLog {
    /// Records an action on a community or a topic; call in the transaction of the change itself.
    pub fn record(
        conn: &mut DbConnection,
        moderator_id: i64,
        community_id: i64,
        topic_id: Option<i64>,
        action: LogAction,
        reason: &str,
    ) -> QueryResult<()> {
        let target = LogTarget {
            community_id,
            topic_id,
            comment_id: None,
        };
        Self::insert(conn, moderator_id, target, action, reason)
    }

    fn insert(
        conn: &mut DbConnection,
        moderator_id: i64,
        target: LogTarget,
        action: LogAction,
        reason: &str,
    ) -> QueryResult<()> {
        diesel::insert_into(community_log::table)
            .values((
                community_log::moderator_id.eq(moderator_id),
                community_log::community_id.eq(target.community_id),
                community_log::topic_id.eq(target.topic_id),
                community_log::comment_id.eq(target.comment_id),
                community_log::action.eq(action.as_str()),
                community_log::reason.eq(reason),
                community_log::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// The latest entries, newest first.
    pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<CommunityLogLine>> {
        community_log::table
            .inner_join(members::table.on(members::id.eq(community_log::moderator_id)))
            .order(community_log::id.desc())
            .limit(limit)
            .select((
                members::nickname,
                community_log::community_id,
                community_log::topic_id,
                community_log::action,
                community_log::reason,
                community_log::comment_id,
            ))
            .load(conn)
    }
}

/// Hides or restores a topic and logs it, in one transaction; false when nothing changed (already
/// in that state) and nothing was logged.
pub fn moderate_topic(
    conn: &mut DbConnection,
    moderator_id: i64,
    community_id: i64,
    topic_id: i64,
    hide: bool,
    reason: &str,
) -> QueryResult<bool> {
    use super::community_topic::Topic;
    crate::db::write_transaction(conn, |conn| {
        let hidden = hide.then_some((reason, moderator_id));
        let changed = Topic::set_hidden(conn, topic_id, hidden)?;
        if changed {
            let action = if hide { LogAction::Hide } else { LogAction::Restore };
            CommunityLog::record(conn, moderator_id, community_id, Some(topic_id), action, reason)?;
        }
        Ok(changed)
    })
}

/// Hides or restores a comment on a topic and logs it, in one transaction; false when nothing
/// changed (already in that state) and nothing was logged.
pub fn moderate_comment(
    conn: &mut DbConnection,
    moderator_id: i64,
    community_id: i64,
    topic_id: i64,
    comment_id: i64,
    hide: bool,
    reason: &str,
) -> QueryResult<bool> {
    use super::community_comment::TopicComment;
    crate::db::write_transaction(conn, |conn| {
        let hidden = hide.then_some((reason, moderator_id));
        let changed = TopicComment::set_hidden(conn, comment_id, hidden)?;
        if changed {
            let action = if hide { LogAction::Hide } else { LogAction::Restore };
            let target = LogTarget {
                community_id,
                topic_id: Some(topic_id),
                comment_id: Some(comment_id),
            };
            CommunityLog::insert(conn, moderator_id, target, action, reason)?;
        }
        Ok(changed)
    })
}
