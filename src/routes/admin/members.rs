//! 承認待ちの会員: coordinators approve new members (or decline them).

use crate::db::models::area::Area;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::session::SessionRow;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::MemberStatus;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::mail::account;
use hiroba_views::pages::admin::members::{pending, PendingMember};

pub async fn list(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    let rows = visitor
        .db(|conn| {
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
                    addresses: addresses
                        .into_iter()
                        .map(|a| format!("{}{}", a.address, if a.is_verified() { "" } else { "（確認待ち）" }))
                        .collect(),
                    registered: (m.created_at + chrono::Duration::hours(9))
                        .format("%Y/%m/%d")
                        .to_string(),
                });
            }
            Ok(rows)
        })
        .await?;
    Ok(ok(&visitor, &pending(&ctx(&visitor), &rows)))
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
    visitor
        .db(move |conn| {
            Ok(crate::db::write_transaction(conn, |conn| {
                let member = Member::find(conn, id)?;
                if !Member::decide_pending(conn, id, status, by)? {
                    return diesel::QueryResult::Ok(());
                }
                if status == MemberStatus::Approved {
                    // The primary address if confirmed, else the first confirmed one (primary comes first).
                    let addresses = MailAddress::of_member(conn, id)?;
                    if let Some(to) = addresses.iter().find(|a| a.is_verified()) {
                        let mail = account::approved(&member.nickname, &top);
                        OutboxMail::queue(conn, MailKind::Approved, &to.address, &mail.subject, &mail.body)?;
                    }
                } else {
                    SessionRow::delete_for_member(conn, id)?;
                }
                Ok(())
            })?)
        })
        .await?;
    Ok(redirect(&visitor, "/admin/members"))
}
