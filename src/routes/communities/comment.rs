//! `POST /communities/{id}/topics/{tid}/comments`: a joined member comments on a visible topic.

use super::may_post;
use super::topic_show::render;
use crate::db;
use crate::db::models::community::Community;
use crate::db::models::thread::Thread;
use crate::db::models::thread_comment::ThreadComment;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::CommentBody;
use crate::domain::thread::Place;
use crate::error::AppError;
use crate::routes::request::redirect;
use crate::routes::request::Posted;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

/// A page number past any real one: the list shows its last page.
const LAST_PAGE: usize = 9999;

pub async fn create(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let (id, topic_id) = path.into_inner();
    let body = match CommentBody::parse(form.get("body").unwrap_or_default()) {
        Ok(body) => body,
        Err(e) => return render(&visitor, id, topic_id, Some(e.to_string()), 1).await,
    };
    let profile = visitor.device.profile.id.clone();
    let refused = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let community = Community::find(conn, id)?.ok_or(AppError::NotFound)?;
                Thread::visible(conn, Place::Community(id), topic_id, false)?.ok_or(AppError::NotFound)?;
                if let Some(why) = may_post(conn, &community, me)? {
                    return Ok(Some(why));
                }
                ThreadComment::insert(conn, topic_id, me, &body, &profile)?;
                Community::touch(conn, id)?;
                Ok(None)
            })
        })
        .await?;
    if let Some(why) = refused {
        let mut response = render(&visitor, id, topic_id, Some(why.to_string()), 1).await?;
        *response.status_mut() = StatusCode::FORBIDDEN;
        return Ok(response);
    }
    // The last page of comments, where the new one is (the page number is clamped to the last).
    Ok(redirect(
        &visitor,
        &format!("/communities/{id}/topics/{topic_id}?page={LAST_PAGE}"),
    ))
}
