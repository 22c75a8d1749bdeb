//! `POST /posts/{id}/comments`: an approved member comments on a visible post.

use super::show::{render, Done};
use crate::db;
use crate::db::models::thread::Thread;
use crate::db::models::thread_comment::ThreadComment;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::CommentBody;
use crate::domain::thread::Place;
use crate::error::AppError;
use crate::routes::request::redirect;
use crate::routes::request::Posted;
use actix_web::{web, HttpResponse};

pub async fn create(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let id = id.into_inner();
    let profile = visitor.device.profile.id.clone();
    let body = match CommentBody::parse(form.get("body").unwrap_or_default()) {
        Ok(body) => body,
        Err(e) => return render(&visitor, id, Some(e.to_string()), 1).await,
    };
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                Thread::visible(conn, Place::Portal, id, false)?.ok_or(AppError::NotFound)?;
                ThreadComment::insert(conn, id, member_id, &body, &profile)?;
                Ok(())
            })
        })
        .await?;
    Ok(redirect(&visitor, &Done::Commented.location(id)))
}
