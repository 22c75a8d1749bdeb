//! `/out?u=…`: leaving for another site without the session id in the Referer.

use crate::error::AppError;
use crate::keitai::Device;
use crate::routes::extract::KeitaiQuery;
use crate::routes::render::{ctx, ok};
use crate::state::AppState;
use actix_web::{web, HttpResponse};

pub async fn interstitial(
    state: web::Data<AppState>,
    device: Device,
    query: KeitaiQuery,
) -> Result<HttpResponse, AppError> {
    let url = query.0.get("u").unwrap_or_default();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.chars().any(char::is_control) {
        return Err(AppError::BadInput("not an http(s) URL".into()));
    }
    // The page itself is rendered without a session: its own URL has none to leak.
    let mut view_ctx = ctx(&device);
    view_ctx.sid = None;
    Ok(ok(&state, &device, &hiroba_views::pages::out::leaving(&view_ctx, url)))
}
