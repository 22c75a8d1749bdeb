//! `POST /posts/{id}/report` (通報する): an approved member flags a post once for the coordinators.

use super::show::{render, Done};
use crate::db;
use crate::db::models::thread::Thread;
use crate::db::models::thread_report::ThreadReport;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Reason;
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
    let reason = match Reason::parse(form.get("reason").unwrap_or_default()) {
        Ok(reason) => reason,
        Err(e) => return render(&visitor, id, Some(e.to_string()), 1).await,
    };
    let recorded = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                Thread::visible(conn, Place::Portal, id, false)?.ok_or(AppError::NotFound)?;
                Ok(ThreadReport::insert(conn, id, member_id, &reason)?)
            })
        })
        .await?;
    let done = if recorded { Done::Reported } else { Done::ReportedBefore };
    Ok(redirect(&visitor, &done.location(id)))
}
