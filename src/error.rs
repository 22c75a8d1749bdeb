//! The one error type of the HTTP layer.
//!
//! Handlers return `AppError`. User-facing variants carry a Japanese message; `Internal` shows an
//! opaque message while its cause goes to the log. The message page itself is rendered for the
//! requesting device by `routes::render::error_page` (wired as an error handler in `startup`).
//! Start-up code uses the typed errors of `config`, `db` and `keitai::profile` instead.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that could not be read (bad charset, malformed form).
    #[error("bad input: {0}")]
    BadInput(String),
    #[error("not found")]
    NotFound,
    #[error("internal error: {0}")]
    Internal(String),
}

/// The Japanese message a person sees, attached to the response for the error page renderer.
#[derive(Debug, Clone)]
pub struct UserMessage {
    pub title: &'static str,
    pub text: &'static str,
}

impl AppError {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }

    pub fn user_message(&self) -> UserMessage {
        match self {
            AppError::BadInput(_) => UserMessage {
                title: "送信内容を読み取れません",
                text: "送信された文字を読み取れませんでした。お手数ですが、前の画面に戻って入力し直してください。",
            },
            AppError::NotFound => UserMessage {
                title: "ページが見つかりません",
                text: "お探しのページは見つかりませんでした。削除されたか、アドレスが違う可能性があります。",
            },
            AppError::Internal(_) => UserMessage {
                title: "ただいま表示できません",
                text:
                    "申し訳ありません。問題が起きたため表示できませんでした。しばらくしてからもう一度お試しください。",
            },
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadInput(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            log::error!("internal error: {cause}");
        }
        let mut response = HttpResponse::build(self.status_code()).finish();
        response.extensions_mut().insert(self.user_message());
        response
    }
}
