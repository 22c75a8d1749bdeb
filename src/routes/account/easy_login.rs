//! `/login/easy`: かんたんログイン with a registered phone.

use crate::auth::easy_login::EasyLoginRequest;
use crate::auth::session::LoginMethod;
use crate::db::models::member::Member;
use crate::db::models::subscriber_id;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::MemberStatus;
use crate::error::AppError;
use crate::routes::account::login::open_session;
use crate::routes::account::safe_next;
use crate::routes::request::{ctx, page, redirect, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use hiroba_views::pages::account::message;

pub async fn submit(req: HttpRequest, posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { mut visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let next = safe_next(form.get("next"));
    let phone = match phone_of(&req, &visitor) {
        Ok(phone) => phone,
        Err(text) => return Ok(refuse(&visitor, &text)),
    };
    let member = visitor
        .db(move |conn| {
            let Some(id) = subscriber_id::member_of(conn, &phone.carrier, &phone.uid_hash)? else {
                return Ok(None);
            };
            Ok(Some((id, Member::find(conn, id)?.status())))
        })
        .await?;
    match member {
        None => {
            return Ok(refuse(
                &visitor,
                "このケータイは登録されていません。パスワードでログインしてから、マイページで登録してください。",
            ))
        }
        Some((_, MemberStatus::Suspended)) => {
            return Ok(refuse(&visitor, "このアカウントはご利用いただけません。"));
        }
        Some((member_id, _)) => open_session(&mut visitor, member_id, LoginMethod::SubscriberId).await?,
    }
    Ok(redirect(&visitor, &next))
}

/// The phone behind the request, or the message that explains why it cannot be trusted.
pub fn phone_of(req: &HttpRequest, visitor: &Visitor) -> Result<crate::auth::easy_login::PhoneId, String> {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let host = req.headers().get("host").and_then(|v| v.to_str().ok());
    visitor
        .state()
        .gateways()
        .phone_id(&EasyLoginRequest {
            device: &visitor.device,
            client_ip: visitor.client_ip,
            host,
            header: &header,
        })
        .map_err(|refusal| {
            log::warn!(
                "subscriber id refused from {} ({}): {refusal:?}",
                visitor.client_ip,
                visitor.device.profile.id
            );
            refusal.message()
        })
}

fn refuse(visitor: &Visitor, text: &str) -> HttpResponse {
    page(
        visitor,
        StatusCode::FORBIDDEN,
        &message(&ctx(visitor), "かんたんログインできません", &[text]),
    )
}
