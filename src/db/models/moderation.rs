//! The moderation log (モデレーション記録), one for every place: each hide and restore of a thread or
//! a comment, each author's delete of her thread, and each coordinator decision on a community, by
//! whom and why. A line is written in the transaction of the change it records; a change that
//! changes nothing (a second click) is not logged.

use super::place::{place_of, PlaceColumns};
use super::thread::Thread;
use super::thread_comment::ThreadComment;
use super::thread_report::ThreadReport;
use crate::db::schema::{members, moderation_log};
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::moderation::{LogAction, ModAction};
use crate::domain::thread::{Place, PlaceKind};
use diesel::prelude::*;
use diesel::result::Error as DieselError;

/// A thread or a comment on one: what a coordinator hides or restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Thread(i64),
    Comment { thread: i64, comment: i64 },
}

impl Target {
    /// The thread it is, or the comment is on.
    pub fn thread_id(self) -> i64 {
        match self {
            Target::Thread(id) | Target::Comment { thread: id, .. } => id,
        }
    }
}

/// One line of the log.
#[derive(Debug, Clone)]
pub struct LogLine {
    /// Who did it (the coordinator; the author for a delete).
    pub who: String,
    pub place: Place,
    /// The thread it is about; none for a decision on the place, or once the thread was deleted.
    pub thread_id: Option<i64>,
    /// The comment it is about; none once it was deleted.
    pub comment_id: Option<i64>,
    pub action: LogAction,
    pub reason: String,
}

/// A line as stored.
#[derive(Queryable)]
struct Row {
    who: String,
    place: String,
    community_id: Option<i64>,
    thread_id: Option<i64>,
    comment_id: Option<i64>,
    action: String,
    reason: String,
}

impl TryFrom<Row> for LogLine {
    type Error = DieselError;

    fn try_from(row: Row) -> Result<LogLine, DieselError> {
        let action = LogAction::parse(&row.action)
            .ok_or_else(|| DieselError::DeserializationError(format!("unknown action {:?}", row.action).into()))?;
        Ok(LogLine {
            who: row.who,
            place: place_of(&row.place, row.community_id, None)?,
            thread_id: row.thread_id,
            comment_id: row.comment_id,
            action,
            reason: row.reason,
        })
    }
}

/// The queries on `moderation_log`.
pub struct ModerationLog;

impl ModerationLog {
    /// Records an action on a place itself (`about` none) or on a thread or comment in it; call it
    /// in the transaction of the change.
    pub fn record(
        conn: &mut DbConnection,
        member_id: i64,
        place: Place,
        about: Option<Target>,
        action: LogAction,
        reason: &str,
    ) -> QueryResult<()> {
        let columns = PlaceColumns::from(place);
        let comment_id = match about {
            Some(Target::Comment { comment, .. }) => Some(comment),
            _ => None,
        };
        diesel::insert_into(moderation_log::table)
            .values((
                moderation_log::member_id.eq(member_id),
                moderation_log::place.eq(columns.key),
                moderation_log::community_id.eq(columns.community_id),
                moderation_log::thread_id.eq(about.map(Target::thread_id)),
                moderation_log::comment_id.eq(comment_id),
                moderation_log::action.eq(action.as_str()),
                moderation_log::reason.eq(reason),
                moderation_log::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// The latest lines about places of one kind, newest first.
    pub fn recent(conn: &mut DbConnection, kind: PlaceKind, limit: i64) -> QueryResult<Vec<LogLine>> {
        moderation_log::table
            .inner_join(members::table.on(members::id.eq(moderation_log::member_id)))
            .filter(moderation_log::place.eq(kind.key()))
            .order(moderation_log::id.desc())
            .limit(limit)
            .select((
                members::nickname,
                moderation_log::place,
                moderation_log::community_id,
                moderation_log::thread_id,
                moderation_log::comment_id,
                moderation_log::action,
                moderation_log::reason,
            ))
            .load::<Row>(conn)?
            .into_iter()
            .map(LogLine::try_from)
            .collect()
    }
}

/// Hides or restores a thread or a comment of `place` and logs it, in one transaction. Hiding a
/// thread settles its open reports (that is what they asked for). `None` when the target is not
/// there (a form's id may name anything); `Some(false)` when nothing changed (already hidden, or
/// already visible) and nothing was logged.
pub fn moderate(
    conn: &mut DbConnection,
    moderator_id: i64,
    place: Place,
    target: Target,
    action: ModAction,
    reason: &str,
) -> QueryResult<Option<bool>> {
    write_transaction(conn, |conn| {
        let thread_id = target.thread_id();
        if Thread::find(conn, thread_id)?.is_none_or(|t| t.place != place) {
            return Ok(None);
        }
        let hidden = (action == ModAction::Hide).then_some((reason, moderator_id));
        let changed = match target {
            Target::Thread(id) => Thread::set_hidden(conn, id, hidden)?,
            Target::Comment { comment, .. } => {
                if ThreadComment::thread_of(conn, comment)? != Some(thread_id) {
                    return Ok(None);
                }
                ThreadComment::set_hidden(conn, comment, hidden)?
            }
        };
        if let (Target::Thread(id), ModAction::Hide) = (target, action) {
            ThreadReport::resolve(conn, id, moderator_id)?;
        }
        if changed {
            ModerationLog::record(conn, moderator_id, place, Some(target), action.into(), reason)?;
        }
        Ok(Some(changed))
    })
}

/// Deletes a thread at its author's wish, with its photos, comments and reports, and logs it; false
/// when it was gone already. The line keeps the title, since the link would go with the thread.
pub fn delete_by_author(conn: &mut DbConnection, thread: &Thread) -> QueryResult<bool> {
    write_transaction(conn, |conn| {
        let deleted = Thread::delete(conn, thread.id)?;
        if deleted {
            ModerationLog::record(
                conn,
                thread.member_id,
                thread.place,
                None,
                LogAction::Delete,
                &thread.title,
            )?;
        }
        Ok(deleted)
    })
}
