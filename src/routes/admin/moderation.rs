//! What the moderation pages (クチコミ, communities) share: the coordinator and the row a form
//! names, and the moderation log as they show it (最近の対応), one sentence a line: who did what to
//! which thread, comment or community, and why.

use crate::db::models::moderation::{LogLine, ModerationLog};
use crate::db::DbConnection;
use crate::domain::moderation::LogAction;
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::{Place, PlaceKind};
use crate::error::AppError;
use crate::routes::request::{id_field, Posted};
use diesel::QueryResult;

/// The coordinator who sent a moderation form and the `id` it names, after the permission check (a
/// missing or malformed id is a 404).
pub fn moderator_and_id(posted: &Posted) -> Result<(i64, i64), AppError> {
    let me = posted
        .visitor
        .require_member(Resource::MemberContent, Action::Moderate)?
        .member_id;
    Ok((me, id_field(&posted.form, "id")?))
}

/// Lines shown under a list.
const LOG_LINES: i64 = 20;

/// The latest lines about places of one kind, newest first, as sentences.
pub fn recent(conn: &mut DbConnection, kind: PlaceKind) -> QueryResult<Vec<String>> {
    Ok(ModerationLog::recent(conn, kind, LOG_LINES)?
        .iter()
        .map(describe)
        .collect())
}

/// e.g. 「コーディネーター：コミュニティ3のトピック12へのコメント40を非表示（電話番号のため）」.
pub fn describe(line: &LogLine) -> String {
    let within = match line.place {
        Place::Portal => String::new(),
        Place::Community(id) => format!("コミュニティ{id}の"),
        Place::Notebook(id) => format!("学校{id}の"),
    };
    let noun = line.place.noun();
    let what = match (line.action, line.thread_id, line.comment_id) {
        // The thread is gone with the line's link; its title is what the line keeps.
        (LogAction::Delete, _, _) => return format!("{}：{within}{noun}「{}」を削除", line.who, line.reason),
        (action, _, _) if action.is_about_place() => match line.place {
            Place::Community(id) => format!("コミュニティ{id}"),
            Place::Portal => "ポータル".to_string(),
            Place::Notebook(id) => format!("学校{id}の連絡帳"),
        },
        (_, Some(thread), Some(comment)) => format!("{within}{noun}{thread}へのコメント{comment}"),
        (_, None, Some(comment)) => format!("{within}コメント{comment}"),
        (_, Some(thread), None) => format!("{within}{noun}{thread}"),
        (_, None, None) => format!("{within}削除済み"),
    };
    format!("{}：{what}を{}（{}）", line.who, line.action.label(), line.reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(place: Place, thread_id: Option<i64>, comment_id: Option<i64>, action: LogAction) -> LogLine {
        LogLine {
            who: "コーディネーター".into(),
            place,
            thread_id,
            comment_id,
            action,
            reason: "理由".into(),
        }
    }

    #[test]
    fn a_line_names_what_was_done_where() {
        let community = Place::Community(3);
        assert_eq!(
            describe(&line(community, Some(12), Some(40), LogAction::Hide)),
            "コーディネーター：コミュニティ3のトピック12へのコメント40を非表示（理由）"
        );
        assert_eq!(
            describe(&line(community, None, None, LogAction::Approve)),
            "コーディネーター：コミュニティ3を承認（理由）"
        );
        assert_eq!(
            describe(&line(Place::Portal, Some(7), None, LogAction::Restore)),
            "コーディネーター：投稿7を再表示（理由）"
        );
        assert_eq!(
            describe(&line(Place::Portal, None, None, LogAction::Hide)),
            "コーディネーター：削除済みを非表示（理由）"
        );
        assert_eq!(
            describe(&line(community, None, None, LogAction::Delete)),
            "コーディネーター：コミュニティ3のトピック「理由」を削除"
        );
    }
}
