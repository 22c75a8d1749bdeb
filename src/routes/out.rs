//! `/out?u=…`: leaving for another site without the session id in the Referer.

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, KeitaiQuery, Visitor};
use actix_web::HttpResponse;

pub async fn interstitial(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let url = query.0.get("u").unwrap_or_default();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.chars().any(char::is_control) {
        return Err(AppError::BadInput("not an http(s) URL".into()));
    }
    // The page itself is rendered without a session: its own URL has none to leak.
    let mut view_ctx = ctx(&visitor);
    view_ctx.sid = None;
    Ok(ok(&visitor, &hiroba_views::pages::out::leaving(&view_ctx, url)))
}
