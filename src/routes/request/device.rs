//! The requesting `Device`: detected once per request from the User-Agent, the carrier headers and
//! whether the request came over https, and the view context it implies.

use super::state::AppState;
use crate::error::AppError;
use crate::keitai::client_addr::forwarded_https;
use crate::keitai::profile::{Css, InputMode, Markup};
use crate::keitai::{detect, Device, RequestInfo};
use actix_web::dev::Payload;
use actix_web::http::header::USER_AGENT;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use hiroba_views::{Ctx, Flavor, InputHint, Styling};
use std::future::{ready, Ready};

/// Detects the device once per request and keeps it in the request's extensions.
pub fn device_of(req: &HttpRequest) -> Result<Device, AppError> {
    if let Some(device) = req.extensions().get::<Device>() {
        return Ok(device.clone());
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("no app state"))?;
    let user_agent = req
        .headers()
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    // X-Forwarded-Proto counts only from a trusted proxy (actix's connection_info believes anyone).
    let https = match req.peer_addr() {
        Some(peer) => {
            let proto = req.headers().get("x-forwarded-proto").and_then(|v| v.to_str().ok());
            forwarded_https(peer.ip(), proto, &state.ctx.settings.trusted_proxies)
        }
        None => false,
    };
    let device = detect(
        &state.ctx.profiles,
        &RequestInfo {
            user_agent,
            https,
            header: &header,
        },
    );
    req.extensions_mut().insert(device.clone());
    Ok(device)
}

impl FromRequest for Device {
    type Error = AppError;
    type Future = Ready<Result<Device, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(device_of(req))
    }
}

/// The view context from the device alone (no session) and the service's name.
pub fn device_ctx(device: &Device, service: &str) -> Ctx {
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
        signed_in: false,
        service: service.to_string(),
    }
}
