//! Adding, choosing and removing the member's mail addresses.

use crate::auth::registration::{add_unconfirmed, release_unconfirmed, tell_already_registered};
use crate::db;
use crate::db::models::mail_address::MailAddress;
use crate::db::DbConnection;
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::extract::Posted;
use crate::routes::mypage::render;
use actix_web::HttpResponse;
use diesel::Connection;

pub async fn add(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let email = match EmailAddress::parse(form.get("email").unwrap_or_default()) {
        Ok(email) => email,
        Err(e) => return render(&visitor, Some(e.to_string())).await,
    };
    let carrier = visitor.state().profiles.mail_profile(email.domain()).id.clone();
    let base_url = visitor.state().settings.base_url.clone();
    let address = email.to_string();
    db::run(&visitor.state().pool, move |conn| {
        Ok(conn.transaction(|conn| {
            if let Some(existing) = MailAddress::find(conn, &address)? {
                if existing.is_verified() {
                    // Whose address it is stays private; its owner hears about the attempt.
                    return tell_already_registered(conn, &address, &base_url);
                }
                release_unconfirmed(conn, &existing)?;
            }
            add_unconfirmed(conn, member_id, &address, &carrier, false, &base_url)
        })?)
    })
    .await?;
    render(
        &visitor,
        Some(format!(
            "{email} あてに確認のメールを送りました。メールのURLを開くと追加されます。"
        )),
    )
    .await
}

pub async fn make_primary(posted: Posted) -> Result<HttpResponse, AppError> {
    change(
        posted,
        MailAddress::make_primary,
        "メインのアドレスを変更しました。",
        "確認の済んだアドレスだけをメインにできます。",
    )
    .await
}

pub async fn remove(posted: Posted) -> Result<HttpResponse, AppError> {
    change(
        posted,
        MailAddress::remove,
        "アドレスを削除しました。",
        "メインのアドレスは削除できません。先にほかのアドレスをメインにしてください。",
    )
    .await
}

/// Applies `op` to the posted address `id` of the member; my page tells whether it was allowed.
async fn change(
    posted: Posted,
    op: fn(&mut DbConnection, i64, i64) -> diesel::QueryResult<bool>,
    done: &str,
    refused: &str,
) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let id = form
        .get("id")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let changed = db::run(&visitor.state().pool, move |conn| Ok(op(conn, member_id, id)?)).await?;
    render(&visitor, Some(if changed { done } else { refused }.into())).await
}
