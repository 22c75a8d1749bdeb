//! コミュニティの管理: `/admin/communities` lists proposals first; `POST /admin/communities/decide`
//! approves (the proposer becomes the owner), rejects with a reason, or closes a community. The
//! proposer is mailed in the same transaction; every decision is logged.

use crate::config::Site;
use crate::db;
use crate::db::models::area::Area;
use crate::db::models::community::Community;
use crate::db::models::community_member::CommunityMember;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::moderation::ModerationLog;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::DbConnection;
use crate::domain::community::{Decision, MemberRole};
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::domain::thread::{Place, PlaceKind};
use crate::error::AppError;
use crate::routes::admin::community_close;
use crate::routes::admin::moderation::{self, moderator_and_id};
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::mail::{community as mails, MailText};
use hiroba_views::pages::admin::communities::{community_admin, CommunityAdminLine};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Moderate)?;
    let notice = (query.0.get("done") == Some("closed")).then(|| "コミュニティを終了しました。".to_string());
    render(&visitor, notice).await
}

async fn render(visitor: &Visitor, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let (lines, log) = visitor
        .db(|conn| {
            let areas = Area::all(conn)?;
            let mut lines = Vec::new();
            for c in Community::for_coordinators(conn)? {
                let status = c.status();
                lines.push(CommunityAdminLine {
                    id: c.id,
                    proposer: Member::find(conn, c.created_by)?.nickname,
                    area: c
                        .area_id
                        .and_then(|id| areas.iter().find(|a| a.id == id))
                        .map(|a| a.name.clone()),
                    status: status.as_str().to_string(),
                    status_label: status.label().to_string(),
                    reason: c.decision_reason,
                    name: c.name,
                    description: c.description,
                });
            }
            Ok((lines, moderation::recent(conn, PlaceKind::Community)?))
        })
        .await?;
    Ok(ok(
        visitor,
        &community_admin(&ctx(visitor), &lines, &log, notice.as_deref()),
    ))
}

pub async fn decide(posted: Posted) -> Result<HttpResponse, AppError> {
    let (me, id) = moderator_and_id(&posted)?;
    let Posted { visitor, form } = posted;
    let decision = form
        .get("action")
        .and_then(Decision::parse)
        .ok_or_else(|| AppError::BadInput("action".into()))?;
    // A closing comes only from its confirmation page (it cannot be undone).
    let closing = decision == Decision::Close;
    if closing && form.get("confirmed") != Some("yes") {
        return Ok(redirect(&visitor, &format!("/admin/communities/{id}/close")));
    }
    let reason = match (decision, Reason::parse(form.get("reason").unwrap_or_default())) {
        (_, Ok(reason)) => Some(reason),
        // An approval needs no reason; a refusal or a closing does (the proposer reads it).
        (Decision::Approve, Err(_)) => None,
        (Decision::Close, Err(e)) => return community_close::render(&visitor, id, Some(&e.to_string())).await,
        (_, Err(e)) => return render(&visitor, Some(e.to_string())).await,
    };
    let site = visitor.settings().site();
    let changed = visitor
        .db(move |conn| {
            let reason = reason.as_ref().map(Reason::as_str);
            db::write_transaction(conn, |conn| apply(conn, id, decision, me, reason, &site))
        })
        .await?;
    if !changed {
        return render(&visitor, Some("すでに対応済みです。".into())).await;
    }
    // Said on the page it redirects to, so that a reload sends nothing again.
    let done = if closing { "?done=closed" } else { "" };
    Ok(redirect(&visitor, &format!("/admin/communities{done}")))
}

/// The decision, its log line, the owner's membership on approval and the mail to the proposer.
fn apply(
    conn: &mut DbConnection,
    id: i64,
    decision: Decision,
    by: i64,
    reason: Option<&str>,
    site: &Site,
) -> Result<bool, AppError> {
    let (base, service) = (&site.base_url, &site.service_name);
    let found = Community::find(conn, id)?.ok_or(AppError::NotFound)?;
    if !Community::decide(conn, id, decision, by, reason)? {
        return Ok(false);
    }
    ModerationLog::record(
        conn,
        by,
        Place::Community(id),
        None,
        decision.into(),
        reason.unwrap_or(""),
    )?;
    let mail = match decision {
        Decision::Approve => {
            CommunityMember::join(conn, id, found.created_by, MemberRole::Owner)?;
            Some(mails::approved(
                service,
                &found.name,
                &format!("{base}/communities/{id}"),
            ))
        }
        Decision::Reject => Some(mails::rejected(
            service,
            &found.name,
            reason.unwrap_or(""),
            &format!("{base}/communities/new"),
        )),
        Decision::Close => None,
    };
    // The primary address if confirmed, else the first confirmed one (primary comes first).
    let to = MailAddress::of_member(conn, found.created_by)?
        .into_iter()
        .find(|a| a.is_verified());
    if let (Some(MailText { subject, body }), Some(to)) = (mail, to) {
        OutboxMail::queue(conn, MailKind::CommunityDecision, &to.address, &subject, &body)?;
    }
    Ok(true)
}
