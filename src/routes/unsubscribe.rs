//! `/unsubscribe/{token}`: the one-click end of a member's お知らせメール (RFC 8058). The link in
//! the mail shows a button; a POST to it, from the button or from the mail provider's own
//! unsubscribe, stops every notice at once. No login: the signed token is the credential.

use crate::db::models::magazine::Magazine;
use crate::db::models::server_secret;
use crate::domain::unsubscribe::UnsubscribeToken;
use crate::error::AppError;
use crate::routes::request::{ctx, page, Visitor};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::magazine::{unsubscribe_page, Unsubscribe};

pub async fn show(visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let member = member_of(&visitor, token.as_str()).await?;
    let state = if member.is_some() {
        Unsubscribe::Confirm
    } else {
        Unsubscribe::Unknown
    };
    Ok(answer(&visitor, token.as_str(), state))
}

/// The body is not read: RFC 8058's `List-Unsubscribe=One-Click` and our button mean the same,
/// and a provider's POST carries no session or CSRF token.
pub async fn stop(visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let Some(member_id) = member_of(&visitor, token.as_str()).await? else {
        return Ok(answer(&visitor, token.as_str(), Unsubscribe::Unknown));
    };
    visitor
        .db(move |conn| {
            Ok(crate::db::write_transaction(conn, |conn| {
                Magazine::unsubscribe(conn, member_id)
            })?)
        })
        .await?;
    log::info!("member {member_id} stopped the mail magazine by its unsubscribe link");
    Ok(answer(&visitor, token.as_str(), Unsubscribe::Stopped))
}

async fn member_of(visitor: &Visitor, token: &str) -> Result<Option<i64>, AppError> {
    let token = token.to_string();
    visitor
        .db(move |conn| {
            let key = server_secret::get_or_create(conn, server_secret::UNSUBSCRIBE)?;
            Ok(UnsubscribeToken::verify(key.as_bytes(), &token))
        })
        .await
}

fn answer(visitor: &Visitor, token: &str, state: Unsubscribe) -> HttpResponse {
    let status = match state {
        Unsubscribe::Unknown => StatusCode::NOT_FOUND,
        _ => StatusCode::OK,
    };
    let html = unsubscribe_page(&ctx(visitor), &format!("/unsubscribe/{token}"), state);
    page(visitor, status, &html)
}
