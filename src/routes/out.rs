//! `/out?u=…`: leaving for another site without the session id in the Referer.

use crate::auth::session::SID_PARAM;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, KeitaiQuery, Visitor};
use actix_web::http::header::LOCATION;
use actix_web::HttpResponse;
use hiroba_views::ctx::percent_encode;

pub async fn interstitial(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let url = query.0.get("u").unwrap_or_default();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.chars().any(char::is_control) {
        return Err(AppError::BadInput("not an http(s) URL".into()));
    }
    // A sid in this page's own URL would reach the next site in the Referer: go round once more
    // without it (the Location is written by hand, as our redirects add the sid for such phones).
    if query.0.get(SID_PARAM).is_some() {
        let location = format!("{}/out?u={}", visitor.settings().base_url, percent_encode(url));
        return Ok(HttpResponse::Found().insert_header((LOCATION, location)).finish());
    }
    // The page itself is rendered without a session: its own URL has none to leak.
    let mut view_ctx = ctx(&visitor);
    view_ctx.sid = None;
    Ok(ok(&visitor, &hiroba_views::pages::out::leaving(&view_ctx, url)))
}
