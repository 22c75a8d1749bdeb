//! 承認待ちの会員: coordinators approve new members (or decline them), seeing the role each asked
//! for; the list says afterwards what a decision did.

use crate::db::models::area::Area;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::session::SessionRow;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::MemberStatus;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use diesel::OptionalExtension;
use hiroba_views::mail::account;
use hiroba_views::pages::admin::members::{pending, PendingMember};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    let done = query.0.get("done").and_then(Done::parse);
    let decided = query.0.get("id").and_then(|id| id.parse::<i64>().ok());
    let (rows, notice) = visitor
        .db(move |conn| {
            let notice = match (done, decided) {
                (Some(Done::Already), _) => Some(Done::Already.notice("")),
                (Some(done), Some(id)) => Member::find(conn, id).optional()?.map(|m| done.notice(&m.nickname)),
                _ => None,
            };
            let areas = Area::all(conn)?;
            let mut rows = Vec::new();
            for m in Member::pending(conn)? {
                let addresses = MailAddress::of_member(conn, m.id)?;
                let area = areas.iter().find(|a| Some(a.id) == m.area_id).map(|a| a.name.clone());
                rows.push(PendingMember {
                    id: m.id,
                    nickname: m.nickname,
                    real_name: m.real_name,
                    area: area.unwrap_or_else(|| "地域なし".into()),
                    roles: Member::roles(conn, m.id)?
                        .iter()
                        .map(|r| r.label())
                        .collect::<Vec<_>>()
                        .join("・"),
                    addresses: addresses
                        .into_iter()
                        .map(|a| format!("{}{}", a.address, if a.is_verified() { "" } else { "（確認待ち）" }))
                        .collect(),
                    registered: (m.created_at + chrono::Duration::hours(9))
                        .format("%Y/%m/%d")
                        .to_string(),
                });
            }
            Ok((rows, notice))
        })
        .await?;
    Ok(ok(&visitor, &pending(&ctx(&visitor), &rows, notice.as_deref())))
}

/// What a decision did, said on the list it redirects to (so that a reload decides nothing again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    /// Approved, and the approval mail queued.
    Approved,
    /// Approved, but she has no confirmed address to tell it to.
    ApprovedUnmailed,
    Declined,
    /// Not pending any more (a second click, or another coordinator first).
    Already,
}

impl Done {
    const ALL: [Done; 4] = [Done::Approved, Done::ApprovedUnmailed, Done::Declined, Done::Already];

    fn key(self) -> &'static str {
        match self {
            Done::Approved => "approved",
            Done::ApprovedUnmailed => "approved-unmailed",
            Done::Declined => "declined",
            Done::Already => "already",
        }
    }

    fn parse(key: &str) -> Option<Done> {
        Done::ALL.into_iter().find(|d| d.key() == key)
    }

    fn notice(self, nickname: &str) -> String {
        match self {
            Done::Approved => format!("{nickname}さんを承認しました。承認のお知らせをメールで送ります。"),
            Done::ApprovedUnmailed => {
                format!("{nickname}さんを承認しました。確認済みのメールアドレスがないため、お知らせのメールは送っていません。")
            }
            Done::Declined => format!("{nickname}さんを承認しませんでした。"),
            Done::Already => "この会員はすでに対応済みです。".into(),
        }
    }
}

pub async fn approve(posted: Posted) -> Result<HttpResponse, AppError> {
    decide(posted, MemberStatus::Approved).await
}

pub async fn suspend(posted: Posted) -> Result<HttpResponse, AppError> {
    decide(posted, MemberStatus::Suspended).await
}

/// Decides about a pending member: an approval mails the member in the same transaction, a decline
/// ends the member's sessions. A member who is not pending (decided already) is left alone.
async fn decide(posted: Posted, status: MemberStatus) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor.require_member(Resource::Members, Action::Moderate)?.member_id;
    let id = form
        .get("id")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let top = format!("{}/", visitor.settings().base_url);
    let service = visitor.settings().service_name.clone();
    let done = visitor
        .db(move |conn| {
            Ok(crate::db::write_transaction(conn, |conn| {
                let member = Member::find(conn, id)?;
                if !Member::decide_pending(conn, id, status, by)? {
                    return diesel::QueryResult::Ok(Done::Already);
                }
                if status != MemberStatus::Approved {
                    SessionRow::delete_for_member(conn, id)?;
                    return Ok(Done::Declined);
                }
                // The primary address if confirmed, else the first confirmed one (primary comes first).
                let addresses = MailAddress::of_member(conn, id)?;
                let Some(to) = addresses.iter().find(|a| a.is_verified()) else {
                    return Ok(Done::ApprovedUnmailed);
                };
                let mail = account::approved(&service, &member.nickname, &top);
                OutboxMail::queue(conn, MailKind::Approved, &to.address, &mail.subject, &mail.body)?;
                Ok(Done::Approved)
            })?)
        })
        .await?;
    Ok(redirect(
        &visitor,
        &format!("/admin/members?done={}&id={id}", done.key()),
    ))
}
