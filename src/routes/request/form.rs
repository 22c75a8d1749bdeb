//! Forms and query strings decoded in the device's charset, and the CSRF check of a posted form.

use super::device::device_of;
use super::state::AppState;
use super::visitor::{visitor_of, Visitor};
use crate::domain::token::same_secret;
use crate::error::AppError;
use crate::keitai::form::{multipart_boundary, parse_multipart, parse_urlencoded, FormData};
use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web, FromRequest, HttpRequest};
use hiroba_views::components::{CHARSET_HINT_FIELD, CHARSET_HINT_VALUE, CSRF_FIELD};
use std::future::{ready, Future, Ready};
use std::pin::Pin;
use std::sync::Arc;

/// A form (urlencoded or multipart) decoded in the device's charset, with carrier emoji made standard.
#[derive(Debug)]
pub struct KeitaiForm(pub FormData);

/// Largest form body accepted (photos come by mail or multipart up to this size).
pub const MAX_FORM_BYTES: usize = 10 * 1024 * 1024;

impl FromRequest for KeitaiForm {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await?;
            Ok(KeitaiForm(decode_form(&req, body).await?))
        })
    }
}

async fn decode_form(req: &HttpRequest, body: web::Bytes) -> Result<FormData, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("no app state"))?;
    let device = device_of(req)?;
    if body.len() > MAX_FORM_BYTES {
        return Err(AppError::BadInput("form too large".into()));
    }
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let target = device.target();
    let ctx = Arc::clone(&state.ctx);
    // Up to 10 MB of decoding is CPU work: off the executor, so one big post cannot stall the
    // other requests of this worker.
    let form = web::block(move || match multipart_boundary(&content_type) {
        Some(boundary) => parse_multipart(&body, &boundary, &ctx.codec, target),
        None => parse_urlencoded(&body, &ctx.codec, target),
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|e| AppError::BadInput(e.to_string()))?;
    // A browser that sent another charset than the page's decodes our hint differently.
    match form.get(CHARSET_HINT_FIELD) {
        Some(hint) if hint != CHARSET_HINT_VALUE => Err(AppError::BadInput("charset hint mismatch".into())),
        _ => Ok(form),
    }
}

/// A numeric id from a form field: what it names is not there (404) when it is missing or no number.
pub fn id_field(form: &FormData, name: &str) -> Result<i64, AppError> {
    form.get(name).and_then(|v| v.parse().ok()).ok_or(AppError::NotFound)
}

/// A POST form from one of our pages: decoded like `KeitaiForm`, and refused with a 403 page unless
/// it carries the CSRF token of the visitor's session.
#[derive(Debug)]
pub struct Posted {
    pub visitor: Visitor,
    pub form: FormData,
}

impl FromRequest for Posted {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let form = KeitaiForm::from_request(&req, payload);
        Box::pin(async move {
            // The visitor first, so that a 400 page for a broken form still carries the session.
            let visitor = visitor_of(&req).await?;
            let KeitaiForm(form) = form.await?;
            let expected = visitor.session.as_ref().map(|s| s.csrf.as_str());
            match (expected, form.get(CSRF_FIELD)) {
                (Some(expected), Some(sent)) if same_secret(expected, sent) => Ok(Posted { visitor, form }),
                _ => Err(AppError::Csrf.into()),
            }
        })
    }
}

/// The query string decoded in the device's charset (a search word typed on a keitai arrives as Shift_JIS).
#[derive(Debug)]
pub struct KeitaiQuery(pub FormData);

impl FromRequest for KeitaiQuery {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(decode_query(req).map(KeitaiQuery))
    }
}

fn decode_query(req: &HttpRequest) -> Result<FormData, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("no app state"))?;
    let device = device_of(req)?;
    parse_urlencoded(req.query_string().as_bytes(), &state.ctx.codec, device.target())
        .map_err(|e| AppError::BadInput(e.to_string()))
}
