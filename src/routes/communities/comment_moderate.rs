//! `POST /communities/{id}/topics/{tid}/comments/{cid}/moderate`: a coordinator hides or restores a
//! comment on a topic with a reason, logged in `community_log`, as she does a topic.

use super::topic_show::render;
use crate::db::models::moderation::{self, Target};
use crate::domain::moderation::ModAction;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::domain::thread::Place;
use crate::error::AppError;
use crate::routes::request::redirect;
use crate::routes::request::Posted;
use actix_web::{web, HttpResponse};

pub async fn moderate(posted: Posted, path: web::Path<(i64, i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Moderate)?
        .member_id;
    let (id, topic_id, comment_id) = path.into_inner();
    let action = form
        .get("action")
        .and_then(ModAction::parse)
        .ok_or_else(|| AppError::BadInput("action".into()))?;
    let reason = match Reason::parse(form.get("reason").unwrap_or_default()) {
        Ok(reason) => reason,
        Err(e) => return render(&visitor, id, topic_id, Some(e.to_string()), 1).await,
    };
    visitor
        .db(move |conn| {
            let target = Target::Comment {
                thread: topic_id,
                comment: comment_id,
            };
            moderation::moderate(conn, me, Place::Community(id), target, action, reason.as_str())?
                .ok_or(AppError::NotFound)
        })
        .await?;
    Ok(redirect(&visitor, &format!("/communities/{id}/topics/{topic_id}")))
}
