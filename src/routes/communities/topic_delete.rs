//! `/communities/{id}/topics/{tid}/delete`: a member takes back her own topic, after a page that asks
//! once more (a keitai has no confirm dialog). Its photos and comments go with it; the community
//! log keeps its lines.

use super::visible;
use crate::db::models::moderation::delete_by_author;
use crate::db::models::thread::Thread;
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::Place;
use crate::error::AppError;
use crate::routes::request::Posted;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, ok, redirect};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::communities::topic::delete_confirm;

pub async fn confirm(visitor: Visitor, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let (id, topic_id) = path.into_inner();
    let topic = own_topic(&visitor, id, topic_id).await?;
    Ok(ok(
        &visitor,
        &delete_confirm(&ctx(&visitor), id, topic.id, &topic.title),
    ))
}

pub async fn delete(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let (id, topic_id) = path.into_inner();
    let topic = own_topic(&visitor, id, topic_id).await?;
    visitor.db(move |conn| Ok(delete_by_author(conn, &topic)?)).await?;
    Ok(redirect(&visitor, &format!("/communities/{id}?done=deleted")))
}

/// The topic if it is the visitor's own and she can see it: whoever may post may take back what
/// she wrote; anyone else's topic (or a hidden one) is a 404, as if it were not there.
async fn own_topic(visitor: &Visitor, id: i64, topic_id: i64) -> Result<Thread, AppError> {
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    visitor
        .db(move |conn| {
            visible(conn, id, me, moderator)?;
            Thread::visible(conn, Place::Community(id), topic_id, false)?
                .filter(|t| t.member_id == me)
                .ok_or(AppError::NotFound)
        })
        .await
}
