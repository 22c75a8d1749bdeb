//! `POST …/{thread}/moderate` and `…/{thread}/comments/{comment}/moderate`: a coordinator hides or
//! restores a thread or a comment on it with a reason, logged in the moderation log, and is sent
//! back to the thread's page. (A portal thread's forms post to `/admin/posts/moderate`, which answers
//! with the page itself; both end in `moderation::moderate`.)

use super::path::{CommentPath, ThreadPath};
use super::show::render;
use crate::db::models::moderation::{self, Target};
use crate::domain::moderation::ModAction;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::error::AppError;
use crate::routes::request::{redirect, Posted};
use actix_web::HttpResponse;

/// `…/{thread}/moderate`.
pub async fn thread(posted: Posted, at: ThreadPath) -> Result<HttpResponse, AppError> {
    apply(posted, at, Target::Thread(at.id)).await
}

/// `…/{thread}/comments/{comment}/moderate`.
pub async fn comment(posted: Posted, at: CommentPath) -> Result<HttpResponse, AppError> {
    let target = Target::Comment {
        thread: at.thread.id,
        comment: at.id,
    };
    apply(posted, at.thread, target).await
}

async fn apply(posted: Posted, at: ThreadPath, target: Target) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Moderate)?
        .member_id;
    let action = form
        .get("action")
        .and_then(ModAction::parse)
        .ok_or_else(|| AppError::BadInput("action".into()))?;
    let reason = match Reason::parse(form.get("reason").unwrap_or_default()) {
        Ok(reason) => reason,
        Err(e) => return render(&visitor, at, Some(e.to_string()), 1).await,
    };
    visitor
        .db(move |conn| {
            moderation::moderate(conn, me, at.place, target, action, reason.as_str())?.ok_or(AppError::NotFound)
        })
        .await?;
    Ok(redirect(&visitor, &at.path()))
}
