//! `/metrics` for Prometheus, only to the addresses in `metrics_allow`; everyone else gets the
//! ordinary 404 page, so the page's existence is not announced.

use crate::db;
use crate::error::AppError;
use crate::metrics::{render, Snapshot};
use crate::routes::request::Visitor;
use actix_web::HttpResponse;

pub async fn metrics(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let state = visitor.state();
    if !state.settings().metrics_allow.contains(visitor.client_ip) {
        return Err(AppError::NotFound);
    }
    let snapshot = db::run(&state.pool, |conn| Snapshot::read(conn).map_err(AppError::internal)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(render(&state.metrics, &snapshot)))
}
