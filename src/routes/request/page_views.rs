//! Middleware that counts page views for the statistics: a GET answered 200 with a page (HTML
//! or XHTML) for a visitor. The counts gather in memory (`stats::PageViewCounter`).

use super::visitor::Visitor;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::HttpMessage;

/// Middleware: counts the pages a visitor was shown.
pub async fn count_page_views(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let res = next.call(req).await?;
    if res.request().method() == Method::GET && res.status() == StatusCode::OK && is_page(&res) {
        let visitor = res.request().extensions().get::<Visitor>().cloned();
        if let Some(visitor) = visitor {
            let member = visitor.member().map(|m| m.member_id);
            visitor.state().page_views.record(&visitor.device.profile.id, member);
        }
    }
    Ok(res)
}

fn is_page<B>(res: &ServiceResponse<B>) -> bool {
    res.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/xhtml+xml"))
}
