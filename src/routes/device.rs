//! ご利用の機種 (`/device`, `/device.json`) and the input check (`/device/echo`).

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::keitai::emoji::EmojiTable;
use crate::keitai::{Device, DeviceSummary};
use crate::routes::request::{ctx, ok, AppState, KeitaiForm, Posted, Visitor};
use actix_web::http::header::USER_AGENT;
use actix_web::{web, HttpRequest, HttpResponse};
use hiroba_views::pages::device::DeviceView;
use hiroba_views::pages::echo::EchoView;
use serde::Serialize;

pub async fn page(mut visitor: Visitor, req: HttpRequest) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    // The page holds the input check form, which posts with a CSRF token.
    visitor.ensure_session().await?;
    let device = &visitor.device;
    let user_agent = req
        .headers()
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let view = DeviceView {
        profile_name: device.profile.name.clone(),
        model: device.model.clone(),
        browser: device.browser.clone(),
        screen_width: device.screen_width,
        cookies: device.cookies,
        charset: device.charset().label().to_string(),
        max_page_kb: device.max_page_bytes / 1024,
        user_agent: user_agent.chars().take(120).collect(),
    };
    Ok(ok(
        &visitor,
        &hiroba_views::pages::device::device(&ctx(&visitor), &view),
    ))
}

pub async fn json(device: Device) -> web::Json<DeviceSummary> {
    web::Json(device.summary())
}

pub async fn echo(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let text = form.get("text").unwrap_or_default().to_string();
    let view = EchoView {
        emoji: emoji_names(visitor.codec().emoji(), &text),
        text,
    };
    Ok(ok(&visitor, &hiroba_views::pages::echo::echo(&ctx(&visitor), &view)))
}

/// What the server decoded, for tools and tests.
#[derive(Debug, Serialize)]
pub struct EchoJson {
    pub fields: Vec<(String, String)>,
    pub files: Vec<EchoFile>,
    pub emoji: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct EchoFile {
    pub field: String,
    pub filename: String,
    pub content_type: String,
    pub bytes: usize,
}

/// Stateless (it changes nothing), so tools may post here without a session or CSRF token.
pub async fn echo_json(state: web::Data<AppState>, form: KeitaiForm) -> web::Json<EchoJson> {
    let form = form.0;
    let emoji = form
        .fields
        .iter()
        .flat_map(|(_, v)| emoji_names(state.ctx.codec.emoji(), v))
        .collect();
    let files = form
        .files
        .iter()
        .map(|f| EchoFile {
            field: f.field.clone(),
            filename: f.filename.clone(),
            content_type: f.content_type.clone(),
            bytes: f.bytes.len(),
        })
        .collect();
    web::Json(EchoJson {
        fields: form.fields,
        files,
        emoji,
    })
}

/// Names of the emoji in a text, in order.
fn emoji_names(table: &EmojiTable, text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match table.match_prefix(rest) {
            Some((emoji, len)) => {
                names.push(emoji.name.clone());
                rest = &rest[len..];
            }
            None => rest = &rest[c.len_utf8()..],
        }
    }
    names
}
