//! Rendering for the device: view context from `Device`, Unicode page → bytes with its Content-Type.

use crate::domain::paging::split_pages;
use crate::error::{AppError, UserMessage};
use crate::keitai::profile::{Css, InputMode, Markup};
use crate::keitai::Device;
use crate::routes::extract::device_of;
use crate::state::AppState;
use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, VARY};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{web, HttpResponse};
use hiroba_views::components::ListPage;
use hiroba_views::{Ctx, Flavor, InputHint, Styling};
use maud::Markup as Html;

/// The view context for a device (session fields are filled by the accounts layer).
pub fn ctx(device: &Device) -> Ctx {
    Ctx {
        flavor: match device.markup {
            Markup::Chtml => Flavor::Chtml,
            Markup::Xhtml => Flavor::Xhtml,
            Markup::SmallHtml => Flavor::SmallHtml,
            Markup::Html5 => Flavor::Html5,
        },
        styling: match device.css {
            Css::None => Styling::None,
            Css::Inline => Styling::Inline,
            Css::Sheet => Styling::Sheet,
        },
        input_hint: match device.input_mode() {
            InputMode::Istyle => InputHint::Istyle,
            InputMode::Format => InputHint::Format,
            InputMode::Mode => InputHint::Mode,
            InputMode::Inputmode => InputHint::Inputmode,
        },
        keypad: device.is_keitai() || device.markup == Markup::SmallHtml,
        charset: device.charset().label(),
        sid: None,
        csrf: None,
    }
}

/// Encodes a rendered page for the device and sets its Content-Type.
pub fn page(state: &AppState, device: &Device, status: StatusCode, html: &str) -> HttpResponse {
    encoded(device, status, state.codec.encode(html, device.target()))
}

/// A response with a body already encoded for the device.
fn encoded(device: &Device, status: StatusCode, body: Vec<u8>) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, device.content_type_header()))
        .insert_header((VARY, "User-Agent"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(body)
}

/// Shorthand for a 200 page.
pub fn ok(state: &AppState, device: &Device, html: &str) -> HttpResponse {
    page(state, device, StatusCode::OK, html)
}

/// One page of a list, cut so that it fits the device's page budget: the whole list when it fits
/// (one encoding, the common case), else pages filled by the encoded size of each item.
/// `render` draws the page for a slice of items, the page number and the page count.
pub fn paged_list(
    state: &AppState,
    device: &Device,
    items: &[Html],
    requested: usize,
    render: impl Fn(&ListPage<'_>) -> String,
) -> HttpResponse {
    let target = device.target();
    let budget = device.max_page_bytes;
    if requested <= 1 {
        let whole = state.codec.encode(
            &render(&ListPage {
                items,
                page: 1,
                pages: 1,
            }),
            target,
        );
        if whole.len() <= budget {
            return encoded(device, StatusCode::OK, whole);
        }
    }
    let sizes: Vec<usize> = items.iter().map(|m| state.codec.encode(&m.0, target).len()).collect();
    // The frame with a pager is the fixed cost of every page (99 keeps room for two-digit numbers).
    let frame = state
        .codec
        .encode(
            &render(&ListPage {
                items: &[],
                page: 99,
                pages: 99,
            }),
            target,
        )
        .len();
    let pages = split_pages(&sizes, budget.saturating_sub(frame));
    let page = requested.clamp(1, pages.len());
    let shown = pages.get(page - 1).cloned().unwrap_or(0..0);
    ok(
        state,
        device,
        &render(&ListPage {
            items: &items[shown],
            page,
            pages: pages.len(),
        }),
    )
}

/// Replaces an error response's body with a Japanese message page for the requesting device.
pub fn error_page(res: ServiceResponse<BoxBody>) -> actix_web::Result<ErrorHandlerResponse<BoxBody>> {
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
    let response = match device_of(&req) {
        Ok(device) => {
            let html = hiroba_views::pages::errors::error(&ctx(&device), message.title, message.text);
            page(&state, &device, status, &html)
        }
        Err(_) => HttpResponse::build(status)
            .insert_header((CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")))
            .body(message.text),
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_left_body(),
    ))
}
