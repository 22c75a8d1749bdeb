//! `/reauth`: the password once more, after かんたんログイン, before anything about children.

use crate::auth::session;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::account::{check_member_password, jst_clock, safe_next};
use crate::routes::request::{ctx, page, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::account::{reauth, ReauthView};

pub async fn form(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::OwnAccount, Action::Read)?;
    let view = ReauthView {
        next: safe_next(query.0.get("next")),
        error: None,
    };
    Ok(page(&visitor, StatusCode::OK, &reauth(&ctx(&visitor), &view)))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Read)?.member_id;
    let next = safe_next(form.get("next"));
    let password = form.get("password").unwrap_or_default().to_string();
    let token = visitor.session.as_ref().map(|s| s.token.clone()).unwrap_or_default();
    let outcome = check_member_password(&visitor, member_id, password).await?;
    if outcome == Ok(true) {
        visitor
            .db(move |conn| Ok(session::confirm_password(conn, &token)?))
            .await?;
    }
    let (status, error) = match outcome {
        Ok(true) => return Ok(redirect(&visitor, &next)),
        Ok(false) => (StatusCode::OK, "パスワードが違います。".to_string()),
        Err(until) => (
            StatusCode::TOO_MANY_REQUESTS,
            format!("続けて失敗したため、{}まで確認できません。", jst_clock(until)),
        ),
    };
    let view = ReauthView {
        next,
        error: Some(error),
    };
    Ok(page(&visitor, status, &reauth(&ctx(&visitor), &view)))
}
