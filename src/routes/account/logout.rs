//! `/logout`: a confirmation page (a link cannot POST), then the session ends.

use crate::auth::session;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::account::{logout, message};

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    if visitor.member().is_none() {
        return Ok(redirect(&visitor, "/"));
    }
    Ok(ok(&visitor, &logout(&ctx(&visitor))))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { mut visitor, .. } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    if let Some(token) = visitor.session.as_ref().map(|s| s.token.clone()) {
        visitor.db(move |conn| Ok(session::end(conn, &token)?)).await?;
    }
    visitor.forget_session();
    Ok(ok(
        &visitor,
        &message(
            &ctx(&visitor),
            "ログアウトしました",
            &["ご利用ありがとうございました。"],
        ),
    ))
}
