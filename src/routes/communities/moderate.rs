//! `POST /communities/{id}/topics/{tid}/moderate`: a coordinator hides or restores a topic with a
//! reason, logged in `community_log`.

use super::topic_show::render;
use crate::db::models::community_log::moderate_topic;
use crate::db::models::community_topic::Topic;
use crate::db::models::moderation::ModAction;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
use crate::error::AppError;
use crate::routes::request::redirect;
use crate::routes::request::Posted;
use actix_web::{web, HttpResponse};

pub async fn moderate(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Moderate)?
        .member_id;
    let (id, topic_id) = path.into_inner();
    let hide = form
        .get("action")
        .and_then(ModAction::parse)
        .ok_or_else(|| AppError::BadInput("action".into()))?
        == ModAction::Hide;
    let reason = match Reason::parse(form.get("reason").unwrap_or_default()) {
        Ok(reason) => reason,
        Err(e) => return render(&visitor, id, topic_id, Some(e.to_string()), 1).await,
    };
    visitor
        .db(move |conn| {
            Topic::visible(conn, id, topic_id, true)?.ok_or(AppError::NotFound)?;
            Ok(moderate_topic(conn, me, id, topic_id, hide, reason.as_str())?)
        })
        .await?;
    Ok(redirect(&visitor, &format!("/communities/{id}/topics/{topic_id}")))
}
