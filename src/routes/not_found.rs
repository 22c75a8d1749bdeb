//! The answer to a URL no route knows: a 404 that loads the visitor first, so that the error page
//! (`request::render::error_page`) keeps a cookieless phone's session in its links.

use crate::error::AppError;
use crate::routes::request::Visitor;
use actix_web::HttpResponse;

pub async fn not_found(_visitor: Visitor) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
