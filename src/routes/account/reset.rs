//! `/password/reset?t=…`: the mailed link. GET asks for the new password; the POST sets it, ends
//! every session of the member and signs her in here. A used, expired or unknown link changes
//! nothing and says why (410 or 404).

use crate::auth::password::Password;
use crate::auth::password_reset::{reset_password, ResetOutcome};
use crate::auth::session::LoginMethod;
use crate::db::models::password_reset::{self, ResetLink};
use crate::domain::policy::{Action, Resource};
use crate::domain::token::{looks_like_token, token_hash};
use crate::error::AppError;
use crate::routes::account::login::open_session;
use crate::routes::request::{ctx, ok, page, KeitaiQuery, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::account::message;
use hiroba_views::pages::account::password::{link_refused, reset, ResetView};

/// What the link with this token is now (anything not shaped like our tokens is unknown).
async fn link_state(visitor: &Visitor, token: &str) -> Result<ResetLink, AppError> {
    if !looks_like_token(token) {
        return Ok(ResetLink::Unknown);
    }
    let hash = token_hash(token);
    visitor.db(move |conn| Ok(password_reset::state(conn, &hash)?)).await
}

pub async fn form(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let token = query.0.get("t").unwrap_or_default().to_string();
    match link_state(&visitor, &token).await? {
        ResetLink::Live { .. } => {}
        dead => return Ok(refused(&visitor, dead)),
    }
    // The form's CSRF token needs a session, even on phones without cookies.
    visitor.ensure_session().await?;
    let view = ResetView { token, error: None };
    Ok(ok(&visitor, &reset(&ctx(&visitor), &view)))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { mut visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let token = form.get("t").unwrap_or_default().to_string();
    match link_state(&visitor, &token).await? {
        ResetLink::Live { .. } => {}
        dead => return Ok(refused(&visitor, dead)),
    }
    let password = match Password::parse(form.get("password").unwrap_or_default()) {
        Ok(password) => password,
        Err(e) => {
            let view = ResetView {
                token,
                error: Some(e.to_string()),
            };
            return Ok(ok(&visitor, &reset(&ctx(&visitor), &view)));
        }
    };
    let hash = token_hash(&token);
    let password_hash = visitor.hash_password(password).await?;
    let outcome = visitor
        .db(move |conn| Ok(reset_password(conn, &hash, &password_hash)?))
        .await?;
    match outcome {
        ResetOutcome::Refused(dead) => Ok(refused(&visitor, dead)),
        ResetOutcome::Done { suspended: true, .. } => Ok(ok(
            &visitor,
            &message(
                &ctx(&visitor),
                "パスワードを設定しました",
                &["このアカウントはご利用いただけません。コーディネーターにお問い合わせください。"],
            ),
        )),
        ResetOutcome::Done { member_id, .. } => {
            open_session(&mut visitor, member_id, LoginMethod::Password).await?;
            Ok(ok(
                &visitor,
                &message(
                    &ctx(&visitor),
                    "パスワードを設定しました",
                    &[
                        "新しいパスワードでログインしました。",
                        "ほかの端末でのログインは、安全のためすべて終了しました。",
                    ],
                ),
            ))
        }
    }
}

/// The page for a link that cannot be used: 404 for an unknown one, 410 for one that was.
fn refused(visitor: &Visitor, link: ResetLink) -> HttpResponse {
    let (status, title, text) = match link {
        ResetLink::Used => (
            StatusCode::GONE,
            "このURLは使用済みです",
            "このURLでは、すでにパスワードを設定しました。新しいパスワードでログインしてください。",
        ),
        ResetLink::Expired | ResetLink::Live { .. } => (
            StatusCode::GONE,
            "URLの有効期限が切れています",
            "有効期限が切れたか、あとから別のURLをお送りしたため、このURLは使えません。お手数ですが、もう一度お申し込みください。",
        ),
        ResetLink::Unknown => (
            StatusCode::NOT_FOUND,
            "URLが正しくありません",
            "このURLではパスワードを設定できません。メールのURLを最後まで正しく開いたか、お確かめください。",
        ),
    };
    page(visitor, status, &link_refused(&ctx(visitor), title, text))
}
