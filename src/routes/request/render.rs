//! Rendering for the visitor: view context from device and session, Unicode page → bytes with its
//! Content-Type and the session cookie.

use super::device::{device_ctx, device_of};
use super::state::AppState;
use super::visitor::{ctx, CookieChange, Visitor};
use crate::auth::session::COOKIE_NAME;
use crate::domain::paging::split_pages;
use crate::error::{AppError, UserMessage};
use crate::keitai::codec::Target;
use crate::keitai::profile::{Charset, EmojiSet};
use crate::keitai::Device;
use crate::photo::PhotoFormat;
use actix_web::body::BoxBody;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{CacheControl, CacheDirective, LOCATION};
use actix_web::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, VARY};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{web, HttpMessage, HttpResponse};
use hiroba_views::components::ListPage;
use maud::Markup as Html;

/// Encodes a rendered page for the visitor's device and sets its Content-Type and session cookie.
pub fn page(visitor: &Visitor, status: StatusCode, html: &str) -> HttpResponse {
    let body = visitor.codec().encode(html, visitor.device.target());
    encoded(visitor, status, body)
}

/// Shorthand for a 200 page.
pub fn ok(visitor: &Visitor, html: &str) -> HttpResponse {
    page(visitor, StatusCode::OK, html)
}

/// A redirect to one of our pages (absolute, with the sid where the device needs it).
pub fn redirect(visitor: &Visitor, path: &str) -> HttpResponse {
    let mut response = HttpResponse::Found()
        .insert_header((LOCATION, visitor.location(path)))
        .finish();
    apply_cookie(visitor, &mut response);
    response
}

/// A response with a body already encoded for the device.
fn encoded(visitor: &Visitor, status: StatusCode, body: Vec<u8>) -> HttpResponse {
    let mut response = bare(&visitor.device, status, body);
    apply_cookie(visitor, &mut response);
    response
}

fn bare(device: &Device, status: StatusCode, body: Vec<u8>) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, device.content_type_header()))
        .insert_header((VARY, "User-Agent"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(body)
}

/// Sets or clears the session cookie on devices that keep cookies.
fn apply_cookie(visitor: &Visitor, response: &mut HttpResponse) {
    if !visitor.device.cookies {
        return;
    }
    let secure = visitor.settings().is_https();
    let cookie = match &visitor.cookie {
        CookieChange::Keep => return,
        CookieChange::Set(token) => Cookie::build(COOKIE_NAME, token.clone()),
        CookieChange::Clear => Cookie::build(COOKIE_NAME, "").max_age(time::Duration::ZERO),
    }
    .path("/")
    .http_only(true)
    .same_site(SameSite::Lax)
    .secure(secure)
    .finish();
    if let Err(e) = response.add_cookie(&cookie) {
        log::error!("cannot set the session cookie: {e}");
    }
}

/// One page of a list, cut so that it fits the device's page budget: the whole list when it fits
/// (one encoding, the common case), else pages filled by the encoded size of each item.
/// `render` draws the page for a slice of items, the page number and the page count.
pub fn paged_list(
    visitor: &Visitor,
    items: &[Html],
    requested: usize,
    render: impl Fn(&ListPage<'_>) -> String,
) -> HttpResponse {
    let codec = visitor.codec();
    let target = visitor.device.target();
    let budget = visitor.device.max_page_bytes;
    if requested <= 1 {
        let whole = codec.encode(
            &render(&ListPage {
                items,
                first: 0,
                page: 1,
                pages: 1,
            }),
            target,
        );
        if whole.len() <= budget {
            return encoded(visitor, StatusCode::OK, whole);
        }
    }
    let sizes: Vec<usize> = items.iter().map(|m| codec.encode(&m.0, target).len()).collect();
    // The frame with a pager is the fixed cost of every page: a middle page's, which links both ways
    // (98 of 99 keeps room for two-digit numbers).
    let frame = codec
        .encode(
            &render(&ListPage {
                items: &[],
                first: 0,
                page: 98,
                pages: 99,
            }),
            target,
        )
        .len();
    let pages = split_pages(&sizes, budget.saturating_sub(frame));
    let page = requested.clamp(1, pages.len());
    let shown = pages.get(page - 1).cloned().unwrap_or(0..0);
    ok(
        visitor,
        &render(&ListPage {
            first: shown.start,
            items: &items[shown],
            page,
            pages: pages.len(),
        }),
    )
}

/// Replaces an error response's body with a Japanese message page for the requesting device.
pub fn error_page(res: ServiceResponse<BoxBody>) -> actix_web::Result<ErrorHandlerResponse<BoxBody>> {
    // A handler that rendered its own page for this status (a refusal with advice) keeps it.
    if res.headers().contains_key(CONTENT_TYPE) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let message = res
        .response()
        .extensions()
        .get::<UserMessage>()
        .cloned()
        .unwrap_or_else(|| {
            match status {
                StatusCode::NOT_FOUND => AppError::NotFound,
                StatusCode::BAD_REQUEST | StatusCode::PAYLOAD_TOO_LARGE => AppError::BadInput(String::new()),
                _ => AppError::Internal(String::new()),
            }
            .user_message()
        });
    let (req, _) = res.into_parts();
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, HttpResponse::build(status).finish()).map_into_left_body(),
        ));
    };
    let visitor = req.extensions().get::<Visitor>().cloned();
    let response = match (visitor, device_of(&req)) {
        (Some(visitor), _) => {
            let html = hiroba_views::pages::errors::error(&ctx(&visitor), message.title, message.text);
            page(&visitor, status, &html)
        }
        (None, Ok(device)) => {
            let html = hiroba_views::pages::errors::error(
                &device_ctx(&device, &state.ctx.settings.service_name),
                message.title,
                message.text,
            );
            bare(&device, status, state.ctx.codec.encode(&html, device.target()))
        }
        (None, Err(_)) => HttpResponse::build(status)
            .insert_header((CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")))
            .body(message.text),
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_left_body(),
    ))
}

/// A CSV download that Excel in Japan opens as it is: CP932 (Excel reads a CSV without a
/// byte-order mark as Shift_JIS; characters outside CP932 become their look-alike or 〓), lines
/// already CRLF (`hiroba_views::csv`). `ascii_name` is the plain file name for old browsers,
/// `name` the one with Japanese (RFC 5987 `filename*`).
pub fn csv_download(visitor: &Visitor, ascii_name: &str, name: &str, text: &str) -> HttpResponse {
    let target = Target {
        charset: Charset::ShiftJis,
        emoji: EmojiSet::Unicode,
        avoid_vendor_rows: false,
    };
    let bytes = visitor.codec().encode(text, target);
    let disposition = format!(
        "attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{}",
        hiroba_views::ctx::percent_encode(name)
    );
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=Shift_JIS"))
        .insert_header((CONTENT_DISPOSITION, disposition))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(bytes)
}

/// An image (photo or QR code) with its type and how long caches may keep it.
pub fn image(format: PhotoFormat, cache: Vec<CacheDirective>, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, format.mime()))
        .insert_header(CacheControl(cache))
        .body(bytes)
}
