//! POST from the board: ただいま (`/home/tadaima`, `/home/b/{token}/tadaima`) and a child's fixed
//! reply to a message (`…/reply`). The device's token is the credential; its forms carry a field
//! derived from it (`domain::notebook::home::board_csrf`), so no other site can post for it. After
//! the press, back to the board (a reload never presses again).

use super::device::{base, cookie_token, to_board, Via};
use crate::domain::notebook::home::{board_csrf, parse_reply};
use crate::domain::token::{looks_like_token, same_secret};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::notebook::home::{board_of_token, reply as reply_on_board, tadaima as press_tadaima, Pressed};
use crate::routes::request::{id_field, KeitaiForm, Visitor};
use actix_web::{web, HttpRequest, HttpResponse};
use hiroba_views::components::CSRF_FIELD;

/// What the child pressed.
enum Press {
    Tadaima,
    Reply,
}

pub async fn tadaima(visitor: Visitor, req: HttpRequest, form: KeitaiForm) -> Result<HttpResponse, AppError> {
    press(visitor, cookie_token(&req), Via::Cookie, form.0, Press::Tadaima).await
}

pub async fn tadaima_by_token(
    visitor: Visitor,
    token: web::Path<String>,
    form: KeitaiForm,
) -> Result<HttpResponse, AppError> {
    press(visitor, Some(token.into_inner()), Via::Url, form.0, Press::Tadaima).await
}

pub async fn reply(visitor: Visitor, req: HttpRequest, form: KeitaiForm) -> Result<HttpResponse, AppError> {
    press(visitor, cookie_token(&req), Via::Cookie, form.0, Press::Reply).await
}

pub async fn reply_by_token(
    visitor: Visitor,
    token: web::Path<String>,
    form: KeitaiForm,
) -> Result<HttpResponse, AppError> {
    press(visitor, Some(token.into_inner()), Via::Url, form.0, Press::Reply).await
}

async fn press(
    visitor: Visitor,
    token: Option<String>,
    via: Via,
    form: FormData,
    what: Press,
) -> Result<HttpResponse, AppError> {
    let Some(token) = token.filter(|t| looks_like_token(t)) else {
        // No board on this device: the pairing form.
        return Ok(to_board(&visitor, "/home"));
    };
    if !form
        .get(CSRF_FIELD)
        .is_some_and(|sent| same_secret(sent, &board_csrf(&token)))
    {
        return Err(AppError::Csrf);
    }
    let child_id = id_field(&form, "child")?;
    let chosen = match what {
        Press::Tadaima => None,
        Press::Reply => {
            let note = id_field(&form, "note")?;
            let reply = form
                .get("reply")
                .and_then(parse_reply)
                .ok_or_else(|| AppError::BadInput("reply".into()))?;
            Some((note, reply))
        }
    };
    let base_url = visitor.settings().base_url.clone();
    let lookup = token.clone();
    let pressed = visitor
        .db(move |conn| {
            let Some(board) = board_of_token(conn, &lookup)? else {
                return Ok(None);
            };
            let pressed = match chosen {
                None => press_tadaima(conn, &base_url, &board, child_id)?,
                Some((note, reply)) => reply_on_board(conn, &base_url, &board, note, child_id, reply)?,
            };
            Ok(Some(pressed))
        })
        .await?;
    match pressed {
        // Unpaired meanwhile: the board's page shows the pairing form.
        None => Ok(to_board(&visitor, &base(&token, via))),
        Some(Pressed::NotFound) => Err(AppError::NotFound),
        Some(Pressed::Sent { .. }) => {
            visitor.state().wakeup.notify();
            Ok(to_board(&visitor, &base(&token, via)))
        }
        Some(Pressed::Repeated) => Ok(to_board(&visitor, &base(&token, via))),
    }
}
