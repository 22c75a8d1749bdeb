//! `/communities/{id}`: the description, members, join or leave, the member's mail address for this
//! community (with a QR code), and the topics paged to the device.

use super::area_name;
use crate::db::models::area::Area;
use crate::db::models::community_member::CommunityMember;
use crate::db::models::community_posting_token::CommunityPostingToken;
use crate::db::models::thread::{Thread, ThreadFilter};
use crate::domain::community::{CommunityStatus, MemberRole};
use crate::domain::mail_route::thread_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::Place;
use crate::domain::time::month_day;
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::threads::Venue;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::communities::show::{community, CommunityView, Standing};
use hiroba_views::pages::threads::line::{thread_line, ThreadLineView};

pub async fn show(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let page = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    // After a redirect from an action (a reload sends nothing again).
    let notice = (query.0.get("done") == Some("deleted")).then(|| "トピックを削除しました。".to_string());
    render(&visitor, id.into_inner(), notice, page).await
}

/// The community page with one page of topics and a notice on top (after a refused action, sent
/// with `status`).
pub async fn render_with(
    visitor: &Visitor,
    id: i64,
    notice: &str,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut response = render(visitor, id, Some(notice.to_string()), 1).await?;
    *response.status_mut() = status;
    Ok(response)
}

async fn render(visitor: &Visitor, id: i64, notice: Option<String>, page: usize) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::MemberContent, Action::Read)?.member_id;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    let (found, role, members, owner, area, topics, token) = visitor
        .db(move |conn| {
            let found = Venue::readable(conn, Place::Community(id), me, moderator)?
                .and_then(|venue| venue.community)
                .ok_or(AppError::NotFound)?;
            let role = CommunityMember::role_of(conn, id, me)?;
            let area = area_name(&Area::all(conn)?, found.area_id);
            let token = match role {
                Some(_) if found.is_approved() => CommunityPostingToken::of(conn, id, me).map(Some)?,
                _ => None,
            };
            Ok((
                found,
                role,
                CommunityMember::count(conn, id)?,
                CommunityMember::owner_nickname(conn, id)?,
                area,
                Thread::list(
                    conn,
                    ThreadFilter {
                        with_hidden: moderator,
                        ..ThreadFilter::visible_in(Place::Community(id))
                    },
                )?,
                token,
            ))
        })
        .await?;
    let status = found.status();
    let standing = match (status, role) {
        (CommunityStatus::Approved, None) => Standing::Outsider,
        (CommunityStatus::Approved, Some(MemberRole::Member)) => Standing::Member,
        (CommunityStatus::Approved, Some(MemberRole::Owner)) => Standing::Owner,
        _ => Standing::Closed,
    };
    let status_note = match status {
        CommunityStatus::Approved => None,
        CommunityStatus::Pending => {
            Some("承認待ちです。コーディネーターの承認をお待ちください。承認されるとメールでお知らせします。".into())
        }
        CommunityStatus::Rejected => Some(format!(
            "この提案は見送られました（{}）。",
            found.decision_reason.as_deref().unwrap_or("理由なし")
        )),
        CommunityStatus::Closed => Some("このコミュニティは終了しました。".into()),
    };
    let domain = &visitor.settings().mail.domain;
    let view = CommunityView {
        id,
        description: found.description,
        area,
        owner,
        members,
        status_note,
        standing,
        posting_address: token.map(|t| thread_address(Place::Community(id), &t, domain)),
        notice,
        name: found.name,
    };
    let ctx = ctx(visitor);
    let items: Vec<_> = topics
        .into_iter()
        .map(|t| {
            let line = ThreadLineView {
                path: Place::Community(id).thread_path(t.id),
                meta: format!("{} {}", t.nickname, month_day(t.created_at)),
                title: t.title,
                hidden: t.hidden,
            };
            thread_line(&ctx, &line)
        })
        .collect();
    Ok(paged_list(visitor, &items, page, |list| community(&ctx, &view, list)))
}
