//! The moderation log as the coordinators' pages show it (最近の対応), one sentence a line: who did
//! what to which thread, comment or community, and why.

use crate::db::models::moderation::LogLine;
use crate::domain::moderation::LogAction;
use crate::domain::thread::Place;

/// Lines shown under a list.
pub const LOG_LINES: i64 = 20;

/// e.g. 「コーディネーター：コミュニティ3のトピック12へのコメント40を非表示（電話番号のため）」.
pub fn describe(line: &LogLine) -> String {
    let within = match line.place {
        Place::Portal => String::new(),
        Place::Community(id) => format!("コミュニティ{id}の"),
    };
    let noun = line.place.noun();
    let what = match (line.action, line.thread_id, line.comment_id) {
        // The thread is gone with the line's link; its title is what the line keeps.
        (LogAction::Delete, _, _) => return format!("{}：{within}{noun}「{}」を削除", line.who, line.reason),
        (action, _, _) if action.is_about_place() => match line.place {
            Place::Community(id) => format!("コミュニティ{id}"),
            Place::Portal => "ポータル".to_string(),
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
