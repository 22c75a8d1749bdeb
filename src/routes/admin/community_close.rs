//! `/admin/communities/{id}/close`: the page that asks once more before a community is closed (a
//! closing cannot be undone, and keitai have no confirm dialog). Its form posts to
//! `/admin/communities/decide`, which closes only what this page confirmed.

use crate::db::models::community::Community;
use crate::domain::community::CommunityStatus;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::admin::communities::close_confirm;

pub async fn confirm(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Moderate)?;
    render(&visitor, id.into_inner(), None).await
}

/// The page, with a notice on top after a refused closing (no reason given).
pub async fn render(visitor: &Visitor, id: i64, notice: Option<&str>) -> Result<HttpResponse, AppError> {
    let found = visitor
        .db(move |conn| Ok(Community::find(conn, id)?))
        .await?
        .filter(|c| c.status() == CommunityStatus::Approved)
        .ok_or(AppError::NotFound)?;
    Ok(ok(visitor, &close_confirm(&ctx(visitor), id, &found.name, notice)))
}
