//! POST `/notebook/home/code` (「ホーム端末をつなぐ」): a new one-time pairing code for the
//! family, valid for `[notebook] pairing_minutes`; it replaces the old one.

use super::guardian::{family, render, Typed};
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::notebook::home::issue_code;
use crate::routes::request::Posted;
use actix_web::HttpResponse;

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let (member_id, family) = family(&visitor, Action::Create).await?;
    let family = family.ok_or(AppError::NotFound)?;
    let minutes = visitor.settings().notebook.pairing_minutes;
    let family_id = family.id;
    visitor
        .db(move |conn| Ok(issue_code(conn, family_id, member_id, minutes)?))
        .await?;
    let notice = format!("つなぐための番号を出しました。{minutes}分のうちに、ホーム端末で入れてください。");
    render(&visitor, family.id, Typed::default(), Some(notice), None, 1).await
}
