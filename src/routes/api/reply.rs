//! JSON answers of the API: `{"error": code, "message": …}` with a precise status.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde_json::{json, Value};

/// A refusal: status, machine code, English message, extra fields (batch position).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub extra: Option<Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            extra: None,
        }
    }

    /// The database is busy or down: nothing was stored, send the same events again later.
    pub fn try_again(cause: impl std::fmt::Display) -> Self {
        log::warn!("reader API: {cause}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "try_again",
            "temporarily unavailable; nothing was stored, retry later with the same seq values",
        )
    }

    pub fn response(&self) -> HttpResponse {
        let mut body = json!({"error": self.code, "message": self.message});
        if let (Some(Value::Object(extra)), Value::Object(map)) = (&self.extra, &mut body) {
            map.extend(extra.clone());
        }
        let mut response = HttpResponse::build(self.status);
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.insert_header(("Retry-After", "5"));
        }
        response.json(body)
    }
}
