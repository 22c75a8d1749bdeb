//! Middleware that counts every answered request for `/metrics` (`metrics::RequestCounts`).

use super::visitor::Visitor;
use super::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};

/// Middleware: counts every answered request. The route is the matched pattern
/// (`/watch/schools/{id}`), never the path, so that ids and tokens make no series of their own.
pub async fn count_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let request = res.request();
    if let Some(state) = request.app_data::<web::Data<AppState>>() {
        let route = request.match_pattern().unwrap_or_else(|| "unmatched".into());
        let profile = request
            .extensions()
            .get::<Visitor>()
            .map(|v| v.device.profile.id.clone())
            .unwrap_or_else(|| "none".into());
        state.metrics.record(&route, &profile, res.status().as_u16());
    }
    Ok(res)
}
