//! POST `/notebook/home/boards/{id}/unpair` (「解除する」): the device stops showing the board at
//! its next request. Another family's board does not exist here (404).

use super::guardian::{family, render, Typed};
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::notebook::home::unpair as unpair_board;
use crate::routes::request::Posted;
use actix_web::{web, HttpResponse};

pub async fn unpair(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let (_, family) = family(&visitor, Action::Create).await?;
    let family = family.ok_or(AppError::NotFound)?;
    let (family_id, board_id) = (family.id, id.into_inner());
    let done = visitor
        .db(move |conn| Ok(unpair_board(conn, family_id, board_id)?))
        .await?;
    if !done {
        return Err(AppError::NotFound);
    }
    render(
        &visitor,
        family.id,
        Typed::default(),
        Some("ホーム端末の接続を解除しました。".into()),
        None,
        1,
    )
    .await
}
