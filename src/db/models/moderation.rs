//! モデレーション記録: every hide and restore of a post or comment, by whom and why.

use crate::db::schema::{members, moderation_log};
use crate::db::{now, DbConnection};
use diesel::prelude::*;

/// What was moderated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Post(i64),
    Comment(i64),
}

/// Hide or restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModAction {
    Hide,
    Restore,
}

impl ModAction {
    /// The `action` field of a hide/restore form.
    pub fn parse(key: &str) -> Option<ModAction> {
        [ModAction::Hide, ModAction::Restore]
            .into_iter()
            .find(|a| a.as_str() == key)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ModAction::Hide => "hide",
            ModAction::Restore => "restore",
        }
    }
}

/// One line of the log.
#[derive(Debug, Clone, Queryable)]
pub struct LogLine {
    pub moderator: String,
    pub post_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub action: String,
    pub reason: String,
}

pub struct ModerationLog;

impl ModerationLog {
    pub fn record(
        conn: &mut DbConnection,
        moderator_id: i64,
        target: Target,
        action: ModAction,
        reason: &str,
    ) -> QueryResult<()> {
        let (post_id, comment_id) = match target {
            Target::Post(id) => (Some(id), None),
            Target::Comment(id) => (None, Some(id)),
        };
        diesel::insert_into(moderation_log::table)
            .values((
                moderation_log::moderator_id.eq(moderator_id),
                moderation_log::post_id.eq(post_id),
                moderation_log::comment_id.eq(comment_id),
                moderation_log::action.eq(action.as_str()),
                moderation_log::reason.eq(reason),
                moderation_log::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// The latest entries, newest first.
    pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<LogLine>> {
        moderation_log::table
            .inner_join(members::table.on(members::id.eq(moderation_log::moderator_id)))
            .order(moderation_log::id.desc())
            .limit(limit)
            .select((
                members::nickname,
                moderation_log::post_id,
                moderation_log::comment_id,
                moderation_log::action,
                moderation_log::reason,
            ))
            .load(conn)
    }
}

/// Hides or restores a post or comment and logs it, in one transaction; false when nothing changed
/// (already hidden, already visible, or no such row) and nothing was logged.
pub fn moderate(
    conn: &mut DbConnection,
    moderator_id: i64,
    target: Target,
    action: ModAction,
    reason: &str,
) -> QueryResult<bool> {
    use super::post::Post;
    use super::post_comment::PostComment;
    use super::post_report::PostReport;
    crate::db::write_transaction(conn, |conn| {
        let hidden = (action == ModAction::Hide).then_some((reason, moderator_id));
        let changed = match target {
            Target::Post(id) => Post::set_hidden(conn, id, hidden)?,
            Target::Comment(id) => PostComment::set_hidden(conn, id, hidden)?,
        };
        if let (Target::Post(id), ModAction::Hide) = (target, action) {
            // Hiding is what the post's reports asked for.
            PostReport::resolve(conn, id, moderator_id)?;
        }
        if changed {
            ModerationLog::record(conn, moderator_id, target, action, reason)?;
        }
        Ok(changed)
    })
}
