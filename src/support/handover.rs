//! The handover check: the supporter enters the family's 受け渡しコード on her phone or in a reply
//! mail. The right code records the handover time once; wrong codes are counted, and after the
//! configured number the code is locked and the coordinators are told. Every entry is logged.

use super::notify;
use crate::config::Settings;
use crate::db::models::member::Member;
use crate::db::models::support::log::SupportLog;
use crate::db::models::support::request::{Progress, SupportRequest};
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::support::report::times_label;
use crate::domain::support::status::RequestStatus;
use crate::domain::time::{day_label, jst};
use crate::domain::token::same_secret;
use chrono::NaiveDateTime;
use diesel::QueryResult;
use hiroba_views::mail::support::handover as mails;

/// How a code was entered (for the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Mail,
}

impl Channel {
    fn label(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Mail => "mail",
        }
    }
}

/// What an entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Recorded at this time (UTC).
    Recorded(NaiveDateTime),
    /// Recorded before, at this time (UTC).
    AlreadyRecorded(NaiveDateTime),
    /// Wrong; `left` more wrong entries are allowed.
    Wrong { left: u32 },
    /// Too many wrong entries (this one may have been the last).
    Locked,
    /// The match no longer stands (cancelled) or no code was made.
    Closed,
}

/// Checks `code` for request `request_id` and records what it did. `actor` is the signed-in
/// supporter (None for the token link and reply mail, which the token authenticates).
pub fn enter(
    settings: &Settings,
    conn: &mut DbConnection,
    request_id: i64,
    code: &str,
    channel: Channel,
    actor: Option<i64>,
) -> QueryResult<Outcome> {
    let limit = settings.support.handover_attempts;
    write_transaction(conn, |conn| {
        let Some(request) = SupportRequest::find(conn, request_id)? else {
            return Ok(Outcome::Closed);
        };
        let progress = &request.progress;
        let outcome = if let Some(at) = progress.handed_over_at {
            Outcome::AlreadyRecorded(at)
        } else if progress.status() != RequestStatus::Matched {
            Outcome::Closed
        } else if progress.handover_attempts >= i32::try_from(limit).unwrap_or(i32::MAX) {
            Outcome::Locked
        } else if progress
            .handover_code
            .as_deref()
            .is_some_and(|right| same_secret(right, code))
        {
            if Progress::record_handover(conn, request_id)? {
                Outcome::Recorded(now())
            } else {
                Outcome::Closed
            }
        } else {
            match Progress::count_wrong_code(conn, request_id, limit)? {
                Some(count) => {
                    let left = limit.saturating_sub(u32::try_from(count).unwrap_or(limit));
                    if left == 0 {
                        alert_coordinators(settings, conn, &request, limit)?;
                        Outcome::Locked
                    } else {
                        Outcome::Wrong { left }
                    }
                }
                None => Outcome::Locked,
            }
        };
        let (action, detail) = match outcome {
            Outcome::Recorded(_) => ("handover", "正しいコード：受け渡しを記録".to_string()),
            Outcome::AlreadyRecorded(_) => ("handover_again", "記録済みのあとの入力".to_string()),
            Outcome::Wrong { left } => ("handover_wrong", format!("違うコード（残り{left}回）")),
            Outcome::Locked => ("handover_locked", "ロック中の入力".to_string()),
            Outcome::Closed => ("handover_closed", "取り消し・報告済みのあとの入力".to_string()),
        };
        let detail = format!("{}：{detail}", channel.label());
        SupportLog::record(conn, Some(request_id), actor, action, &detail)?;
        Ok(outcome)
    })
}

/// 「12/07（月） 10:00〜12:00」
pub fn activity_label(request: &SupportRequest) -> String {
    let asked = &request.asked;
    let times = times_label(
        u32::try_from(asked.start_minute).unwrap_or_default(),
        u32::try_from(asked.end_minute).unwrap_or_default(),
    );
    format!("{} {times}", day_label(asked.day))
}

/// 「14:05」: a stored time as people read it.
pub fn clock_of(at: NaiveDateTime) -> String {
    jst(at).format("%H:%M").to_string()
}

fn alert_coordinators(
    settings: &Settings,
    conn: &mut DbConnection,
    request: &SupportRequest,
    attempts: u32,
) -> QueryResult<()> {
    let family = Member::find(conn, request.asked.family_id)?.real_name;
    let supporter = match request.progress.supporter_id {
        Some(id) => Member::find(conn, id)?.real_name,
        None => String::new(),
    };
    let url = format!("{}/admin/support/requests/{}", settings.base_url, request.asked.id);
    let mail = mails::code_locked(&activity_label(request), &supporter, &family, attempts, &url);
    notify::coordinators(conn, &mail)
}
