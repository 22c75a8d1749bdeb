//! QR codes: the site, `mailto:entry@…` (空メール registration) and a member's own posting address.
//! PNG for PCs and smartphones; GIF for keitai, whose browsers all show GIF.

use crate::db::models::member::Member;
use crate::domain::mail_route::{entry_address, posting_address};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::photo::PhotoFormat;
use crate::qr::qr_image;
use crate::routes::request::{render, Visitor};
use actix_web::http::header::CacheDirective;
use actix_web::HttpResponse;

pub async fn site(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let url = visitor.settings().base_url.clone() + "/";
    respond(&visitor, &url, true)
}

pub async fn entry(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let address = entry_address(&visitor.settings().mail.domain);
    respond(&visitor, &format!("mailto:{address}"), true)
}

/// The member's own posting address: a secret, so never cached by shared caches.
pub async fn posting(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Read)?.member_id;
    let token = visitor
        .db(move |conn| Ok(Member::posting_token(conn, member_id)?))
        .await?;
    let address = posting_address(&token, &visitor.settings().mail.domain);
    respond(&visitor, &format!("mailto:{address}"), false)
}

pub(crate) fn respond(visitor: &Visitor, text: &str, public: bool) -> Result<HttpResponse, AppError> {
    let (format, module_px) = if visitor.device.profile.keitai {
        (PhotoFormat::Gif, 3)
    } else {
        (PhotoFormat::Png, 4)
    };
    let bytes = qr_image(text, format, module_px).map_err(AppError::internal)?;
    let cache = if public {
        vec![CacheDirective::Public, CacheDirective::MaxAge(86400)]
    } else {
        vec![CacheDirective::Private, CacheDirective::NoStore]
    };
    Ok(render::image(format, cache, bytes))
}
