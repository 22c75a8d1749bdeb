//! クチコミの管理: `/admin/posts` lists reported posts first; `POST /admin/posts/moderate` hides or
//! restores a post or a comment with a reason, logged.

use crate::db::models::moderation::{moderate, ModAction, ModerationLog, Target};
use crate::db::models::post::Post;
use crate::db::models::post_comment::PostComment;
use crate::db::models::post_report::PostReport;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::error::AppError;
use crate::routes::posts::show;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, ok, redirect};
use crate::routes::request::{id_field, KeitaiQuery, Posted};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::posts::{post_admin, ModerationLine};

/// Log lines shown under the list.
const LOG_LINES: i64 = 20;

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Moderate)?;
    let notice =
        (query.0.get("done") == Some("resolved")).then_some("通報を確認済みにしました。投稿は表示したままです。");
    let (lines, log) = visitor
        .db(|conn| {
            let mut lines = Vec::new();
            for (post, author, reports) in Post::for_moderation(conn)? {
                let reasons = if reports > 0 {
                    PostReport::open_reasons(conn, post.id)?
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
            let mut log = Vec::new();
            for entry in ModerationLog::recent(conn, LOG_LINES)? {
                let what = match (entry.post_id, entry.comment_id) {
                    (Some(id), _) => format!("投稿{id}"),
                    (_, Some(id)) => format!("コメント{id}"),
                    _ => "削除済み".into(),
                };
                let action = if entry.action == ModAction::Hide.as_str() {
                    "非表示"
                } else {
                    "再表示"
                };
                log.push(format!("{}：{what}を{action}（{}）", entry.moderator, entry.reason));
            }
            Ok((lines, log))
        })
        .await?;
    Ok(ok(&visitor, &post_admin(&ctx(&visitor), notice, &lines, &log)))
}

/// `POST /admin/posts/reports/resolve`: the coordinator looked at a reported post and keeps it up;
/// its open reports are settled (kept for the record) and it leaves the top of the list.
pub async fn resolve_reports(posted: Posted) -> Result<HttpResponse, AppError> {
    let me = posted
        .visitor
        .require_member(Resource::MemberContent, Action::Moderate)?
        .member_id;
    let id = id_field(&posted.form, "id")?;
    let visitor = posted.visitor;
    visitor.db(move |conn| Ok(PostReport::resolve(conn, id, me)?)).await?;
    Ok(redirect(&visitor, "/admin/posts?done=resolved"))
}

pub async fn moderate_post(posted: Posted) -> Result<HttpResponse, AppError> {
    let me = posted
        .visitor
        .require_member(Resource::MemberContent, Action::Moderate)?
        .member_id;
    let id = id_field(&posted.form, "id")?;
    let Posted { visitor, form } = posted;
    let target = match form.get("target") {
        Some("post") => Target::Post(id),
        Some("comment") => Target::Comment(id),
        _ => return Err(AppError::BadInput("target".into())),
    };
    let action = form
        .get("action")
        .and_then(ModAction::parse)
        .ok_or_else(|| AppError::BadInput("action".into()))?;
    let reason = Reason::parse(form.get("reason").unwrap_or_default());
    let (post_id, notice) = visitor
        .db(move |conn| {
            let post_id = match target {
                Target::Post(id) => Some(id),
                Target::Comment(id) => PostComment::post_of(conn, id)?,
            }
            .ok_or(AppError::NotFound)?;
            let notice = match reason {
                Err(e) => e.to_string(),
                Ok(reason) => match moderate(conn, me, target, action, reason.as_str())? {
                    true if action == ModAction::Hide => "非表示にしました。".into(),
                    true => "再表示しました。".into(),
                    false => "すでにその状態です。".into(),
                },
            };
            Ok((post_id, notice))
        })
        .await?;
    show::render(&visitor, post_id, Some(notice), 1).await
}
