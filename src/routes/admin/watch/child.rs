//! `/admin/watch/children/{id}`: a coordinator gives a child a new tag (紛失・再発行) or releases
//! it; the recipients on the same page are set in `recipients`. Not audited: it shows no
//! history.

use super::child_page::render;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::tag::TagAssignment;
use crate::db::now;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::admin::feedback::{short_text, Feedback};
use crate::routes::request::{Posted, Visitor};
use crate::watch::batch::TagId;
use actix_web::{web, HttpResponse};

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::WatchSetup, Action::Read)?;
    render(&visitor, id.into_inner(), Feedback::None).await
}

/// The reason written to a released assignment when none was typed.
const DEFAULT_REASON: &str = "紛失";

pub async fn assign_tag(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let tag = match TagId::parse(form.get("tag").unwrap_or_default()) {
        Ok(tag) => tag,
        Err(e) => return render(&visitor, id, Feedback::refused(e.japanese())).await,
    };
    let reason = short_text(form.get("reason"), 20).unwrap_or_else(|| DEFAULT_REASON.into());
    let feedback = visitor
        .db(move |conn| {
            let child = Child::find(conn, id)?.ok_or(AppError::NotFound)?;
            let at = now();
            match TagAssignment::child_at(conn, tag.as_str(), at)? {
                Some(holder) if holder != child.id => {
                    let name = Child::find(conn, holder)?.map(|c| c.name).unwrap_or_default();
                    return Ok(Feedback::refused(format!(
                        "タグ {} は {name}さんが使っています。先にそちらのタグを解除してください。",
                        tag.as_str()
                    )));
                }
                _ => {}
            }
            TagAssignment::assign(conn, tag.as_str(), child.id, &reason, at)?;
            Ok(Feedback::Done(format!("タグを {} に切り替えました。", tag.as_str())))
        })
        .await?;
    render(&visitor, id, feedback).await
}

pub async fn release_tag(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let reason = short_text(form.get("reason"), 20).unwrap_or_else(|| DEFAULT_REASON.into());
    visitor
        .db(move |conn| {
            Child::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok(TagAssignment::release_child(conn, id, &reason)?)
        })
        .await?;
    render(&visitor, id, Feedback::done("タグを解除しました。")).await
}
