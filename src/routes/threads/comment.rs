//! `POST …/{thread}/comments`: a member who may write in the place comments on a visible thread and
//! lands on the last page of comments, told so. One a community does not take (not joined, or the
//! community closed) is told why on the thread's page (403).

use super::path::ThreadPath;
use super::place::refusal_text;
use super::show::{render, Done};
use crate::db;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::CommentBody;
use crate::error::AppError;
use crate::routes::request::{redirect, Posted};
use crate::threads;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;

/// Stores the comment and redirects to it, or says why not.
pub async fn create(posted: Posted, at: ThreadPath) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let body = match CommentBody::parse(form.get("body").unwrap_or_default()) {
        Ok(body) => body,
        Err(e) => return render(&visitor, at, Some(e.to_string()), 1).await,
    };
    let profile = visitor.device.profile.id.clone();
    let refused = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let (venue, found) = super::open(conn, at, me, false)?;
                if let Some(refusal) = venue.refusal_for(conn, me)? {
                    return Ok(Some(refusal));
                }
                threads::comment(conn, &found, me, &body, &profile)?;
                Ok(None)
            })
        })
        .await?;
    if let Some(refusal) = refused {
        let mut response = render(&visitor, at, Some(refusal_text(refusal).into()), 1).await?;
        *response.status_mut() = StatusCode::FORBIDDEN;
        return Ok(response);
    }
    Ok(redirect(&visitor, &Done::Commented.location(at)))
}
