//! The one error type of the HTTP layer.
//!
//! Handlers return `AppError`. User-facing variants carry a Japanese message; `Internal` shows an
//! opaque message while its cause goes to the log. The message page itself is rendered for the
//! requesting device by `routes::request::render::error_page` (wired as an error handler in `startup`).
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
    /// The policy refused the action.
    #[error("forbidden")]
    Forbidden,
    /// A POST without the session's CSRF token (or with another one).
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// A member a coordinator has not approved yet.
    #[error("awaiting approval")]
    AwaitingApproval,
    /// Go elsewhere first (login, password confirmation); the absolute URL.
    #[error("redirect to {0}")]
    Redirect(String),
    /// Too much of one costly thing at once (password checks): try again in a moment.
    #[error("busy")]
    Busy,
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
            AppError::Forbidden => UserMessage {
                title: "このページは表示できません",
                text: "このページを見る権限がありません。",
            },
            AppError::Csrf => UserMessage {
                title: "送信を受け付けられませんでした",
                text: "安全のため、この送信は受け付けませんでした。お手数ですが、前のページを開き直してから、もう一度送信してください。",
            },
            AppError::AwaitingApproval => UserMessage {
                title: "承認をお待ちください",
                text: "ご登録ありがとうございます。コーディネーターが登録内容を確認しています。承認されるとメールでお知らせします。",
            },
            AppError::Redirect(_) => UserMessage {
                title: "移動します",
                text: "次のページへ移動します。",
            },
            AppError::Busy => UserMessage {
                title: "ただいま混み合っています",
                text: "ただいま混み合っています。少し待ってから、もう一度お試しください。",
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
            AppError::Forbidden | AppError::Csrf | AppError::AwaitingApproval => StatusCode::FORBIDDEN,
            AppError::Redirect(_) => StatusCode::FOUND,
            AppError::Busy => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            log::error!("internal error: {cause}");
        }
        if let AppError::Redirect(location) = self {
            return HttpResponse::Found()
                .insert_header((actix_web::http::header::LOCATION, location.as_str()))
                .finish();
        }
        let mut response = HttpResponse::build(self.status_code());
        if let AppError::Busy = self {
            response.insert_header((actix_web::http::header::RETRY_AFTER, "5"));
        }
        let mut response = response.finish();
        response.extensions_mut().insert(self.user_message());
        response
    }
}
