//! `/home` and `/home/b/{token}`: the home board device. Unpaired, the pairing form; paired, the
//! family's board and nothing else. The device's token comes in the `hiroba_home` cookie (path
//! `/home`, HttpOnly, long-lived) or, for a phone without cookies, in the URL. An unknown or
//! unpaired token shows the pairing form again.

use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::home::{HomeBoard, HomeNote};
use crate::domain::notebook::home::{board_csrf, BOARD_DAYS, BOARD_MESSAGES, REPLIES};
use crate::domain::time::{jst, jst_day_start, month_day, today};
use crate::domain::token::looks_like_token;
use crate::error::AppError;
use crate::notebook::home::{board_of_token, clock};
use crate::routes::request::device::device_ctx;
use crate::routes::request::{ctx, ok, paged_list, KeitaiQuery, Visitor};
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::http::header::LOCATION;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use hiroba_views::pages::notebook::home::board::{
    board as board_page, message_item, BoardChild, BoardMessage, BoardView,
};
use hiroba_views::pages::notebook::home::pairing::{pairing, PairingView};
use hiroba_views::Ctx;
use std::collections::HashMap;

/// The device's cookie: its board token.
pub const COOKIE: &str = "hiroba_home";

/// How the device sends its token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Cookie,
    Url,
}

/// The token in the device's cookie, if it looks like one of ours.
pub fn cookie_token(req: &HttpRequest) -> Option<String> {
    req.cookie(COOKIE)
        .map(|c| c.value().to_string())
        .filter(|t| looks_like_token(t))
}

/// Where the board's pages are for this device.
pub fn base(token: &str, via: Via) -> String {
    match via {
        Via::Cookie => "/home".to_string(),
        Via::Url => format!("/home/b/{token}"),
    }
}

/// The board's cookie (or, with an empty token, its removal).
pub fn board_cookie(visitor: &Visitor, token: &str) -> Cookie<'static> {
    let mut cookie = Cookie::build(COOKIE, token.to_string())
        .path("/home")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(visitor.settings().is_https())
        .finish();
    if token.is_empty() {
        cookie.set_max_age(time::Duration::ZERO);
    } else {
        cookie.set_max_age(time::Duration::days(400));
    }
    cookie
}

/// A redirect to one of the board's pages: absolute, and without any member session id.
pub fn to_board(visitor: &Visitor, path: &str) -> HttpResponse {
    HttpResponse::Found()
        .insert_header((LOCATION, format!("{}{path}", visitor.settings().base_url)))
        .finish()
}

/// The view context of a board: the device's, with the board's own form field, no session.
pub fn board_ctx(visitor: &Visitor, token: &str) -> Ctx {
    let mut ctx = device_ctx(&visitor.device, &visitor.settings().service_name);
    ctx.csrf = Some(board_csrf(token));
    ctx
}

fn page_of(query: &KeitaiQuery) -> usize {
    query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1)
}

pub async fn show(visitor: Visitor, req: HttpRequest, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    match cookie_token(&req) {
        Some(token) => show_board(visitor, token, Via::Cookie, page_of(&query)).await,
        None => pairing_page(visitor, PairingView::default()).await,
    }
}

pub async fn show_by_token(
    visitor: Visitor,
    token: web::Path<String>,
    query: KeitaiQuery,
) -> Result<HttpResponse, AppError> {
    show_board(visitor, token.into_inner(), Via::Url, page_of(&query)).await
}

/// The pairing form (an anonymous session carries its CSRF token).
pub async fn pairing_page(mut visitor: Visitor, view: PairingView) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    Ok(ok(&visitor, &pairing(&ctx(&visitor), &view)))
}

async fn show_board(visitor: Visitor, token: String, via: Via, page: usize) -> Result<HttpResponse, AppError> {
    let lookup = token.clone();
    let board = if looks_like_token(&token) {
        visitor.db(move |conn| Ok(board_of_token(conn, &lookup)?)).await?
    } else {
        None
    };
    let Some(board) = board else {
        let unpaired = PairingView {
            unpaired: true,
            ..PairingView::default()
        };
        let mut response = pairing_page(visitor.clone(), unpaired).await?;
        if via == Via::Cookie {
            response
                .add_cookie(&board_cookie(&visitor, ""))
                .map_err(|e| AppError::internal(e.to_string()))?;
        }
        return Ok(response);
    };
    let view = board_view(&visitor, &board, &token, via).await?;
    let (view, messages) = view;
    let ctx = board_ctx(&visitor, &token);
    let items: Vec<_> = messages.iter().map(|m| message_item(&ctx, &view, m)).collect();
    Ok(paged_list(&visitor, &items, page, |list| board_page(&ctx, &view, list)))
}

async fn board_view(
    visitor: &Visitor,
    board: &HomeBoard,
    token: &str,
    via: Via,
) -> Result<(BoardView, Vec<BoardMessage>), AppError> {
    let family_id = board.family_id;
    let (children, messages, replies, tadaima) = visitor
        .db(move |conn| {
            let children = Family::children(conn, family_id)?;
            let since = crate::db::now() - Duration::days(BOARD_DAYS);
            let messages = HomeNote::messages_since(conn, family_id, since, BOARD_MESSAGES)?;
            let ids: Vec<i64> = messages.iter().map(|m| m.id).collect();
            let replies = HomeNote::replies_to(conn, &ids)?;
            let tadaima = HomeNote::tadaima_since(conn, family_id, jst_day_start(today()))?;
            Ok((children, messages, replies, tadaima))
        })
        .await?;
    let names: HashMap<i64, String> = children.iter().map(|c| (c.id, c.short_name.clone())).collect();
    let name = |id: Option<i64>| id.and_then(|id| names.get(&id).cloned()).unwrap_or_default();
    let all: Vec<BoardChild> = children
        .iter()
        .map(|c| BoardChild {
            id: c.id,
            name: c.short_name.clone(),
        })
        .collect();
    let day = today();
    let messages = messages
        .into_iter()
        .map(|m| {
            let time = if jst(m.created_at).date_naive() == day {
                clock(m.created_at)
            } else {
                format!("{} {}", month_day(m.created_at), clock(m.created_at))
            };
            BoardMessage {
                id: m.id,
                time,
                to: m.child_id.map(|c| format!("{}へ", name(Some(c)))),
                replies: replies
                    .iter()
                    .filter(|r| r.reply_to == Some(m.id))
                    .map(|r| format!("{}：{} {}", name(r.child_id), r.body, clock(r.created_at)))
                    .collect(),
                answerers: all
                    .iter()
                    .filter(|c| m.child_id.is_none_or(|id| id == c.id))
                    .cloned()
                    .collect(),
                text: m.body,
            }
        })
        .collect();
    let view = BoardView {
        base: base(token, via),
        children: all,
        tadaima: tadaima
            .iter()
            .map(|t| format!("{} {}", name(t.child_id), clock(t.created_at)))
            .collect(),
        replies: REPLIES.iter().map(|r| r.to_string()).collect(),
        bookmark: via == Via::Url && !visitor.device.cookies,
    };
    Ok((view, messages))
}
