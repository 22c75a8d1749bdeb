//! クチコミの管理: `/admin/posts` lists reported posts first; `POST /admin/posts/moderate` hides or
//! restores a post or a comment with a reason, logged.

use crate::db::models::moderation::{moderate, Target};
use crate::db::models::thread::Thread;
use crate::db::models::thread_comment::ThreadComment;
use crate::db::models::thread_report::ThreadReport;
use crate::domain::moderation::ModAction;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::domain::thread::{Place, PlaceKind};
use crate::error::AppError;
use crate::routes::admin::moderation::{self, moderator_and_id};
use crate::routes::request::{ctx, ok, redirect, KeitaiQuery, Posted, Visitor};
use crate::routes::threads::path::ThreadPath;
use crate::routes::threads::show;
use actix_web::HttpResponse;
use hiroba_views::pages::admin::posts::{post_admin, ModerationLine};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Moderate)?;
    let notice =
        (query.0.get("done") == Some("resolved")).then_some("通報を確認済みにしました。投稿は表示したままです。");
    let (lines, log) = visitor
        .db(|conn| {
            let mut lines = Vec::new();
            for (post, author, reports) in Thread::for_moderation(conn, Place::Portal)? {
                let reasons = if reports > 0 {
                    ThreadReport::open_reasons(conn, post.id)?
                } else {
                    Vec::new()
                };
                lines.push(ModerationLine {
                    id: post.id,
                    author,
                    hidden: post.is_hidden(),
                    title: post.title,
                    reports,
                    reasons,
                });
            }
            Ok((lines, moderation::recent(conn, PlaceKind::Portal)?))
        })
        .await?;
    Ok(ok(&visitor, &post_admin(&ctx(&visitor), notice, &lines, &log)))
}

/// `POST /admin/posts/reports/resolve`: the coordinator looked at a reported post and keeps it up;
/// its open reports are settled (kept for the record) and it leaves the top of the list.
pub async fn resolve_reports(posted: Posted) -> Result<HttpResponse, AppError> {
    let (me, id) = moderator_and_id(&posted)?;
    let visitor = posted.visitor;
    visitor.db(move |conn| Ok(ThreadReport::resolve(conn, id, me)?)).await?;
    Ok(redirect(&visitor, "/admin/posts?done=resolved"))
}

pub async fn moderate_post(posted: Posted) -> Result<HttpResponse, AppError> {
    let (me, id) = moderator_and_id(&posted)?;
    let Posted { visitor, form } = posted;
    let comment = match form.get("target") {
        Some("post") => false,
        Some("comment") => true,
        _ => return Err(AppError::BadInput("target".into())),
    };
    let action = form
        .get("action")
        .and_then(ModAction::parse)
        .ok_or_else(|| AppError::BadInput("action".into()))?;
    let reason = Reason::parse(form.get("reason").unwrap_or_default());
    let (post_id, notice) = visitor
        .db(move |conn| {
            let target = if comment {
                let thread = ThreadComment::thread_of(conn, id)?.ok_or(AppError::NotFound)?;
                Target::Comment { thread, comment: id }
            } else {
                Target::Thread(id)
            };
            let post_id = target.thread_id();
            let notice = match reason {
                Err(e) => e.to_string(),
                Ok(reason) => match moderate(conn, me, Place::Portal, target, action, reason.as_str())? {
                    None => return Err(AppError::NotFound),
                    Some(true) if action == ModAction::Hide => "非表示にしました。".into(),
                    Some(true) => "再表示しました。".into(),
                    Some(false) => "すでにその状態です。".into(),
                },
            };
            Ok((post_id, notice))
        })
        .await?;
    let at = ThreadPath {
        place: Place::Portal,
        id: post_id,
    };
    show::render(&visitor, at, Some(notice), 1).await
}
