//! Registering this phone for かんたんログイン, and removing registered phones.

use crate::auth::easy_login::form_action;
use crate::db::models::subscriber_id;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::account::easy_login::phone_of;
use crate::routes::mypage::render;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{HttpRequest, HttpResponse};
use hiroba_views::pages::mypage::{phone, PhoneView};

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let count = visitor
        .db(move |conn| Ok(subscriber_id::count_for(conn, member_id)?))
        .await?;
    let view = PhoneView {
        unavailable: visitor
            .state()
            .gateways()
            .offer(&visitor.device)
            .err()
            .map(|r| r.message()),
        action: form_action("/mypage/phone", &visitor.device),
        registered: count > 0,
    };
    Ok(ok(&visitor, &phone(&ctx(&visitor), &view)))
}

pub async fn register(req: HttpRequest, posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let phone = match phone_of(&req, &visitor) {
        Ok(phone) => phone,
        Err(text) => return render(&visitor, Some(text)).await,
    };
    visitor
        .db(move |conn| {
            Ok(subscriber_id::register(
                conn,
                member_id,
                &phone.carrier,
                &phone.uid_hash,
            )?)
        })
        .await?;
    render(
        &visitor,
        Some("このケータイを登録しました。次からはかんたんログインが使えます。".into()),
    )
    .await
}

pub async fn remove(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    visitor
        .db(move |conn| Ok(subscriber_id::remove_all(conn, member_id)?))
        .await?;
    render(&visitor, Some("登録したケータイを解除しました。".into())).await
}
