//! `/register/confirm?t=…`: the link in the confirmation mail.

use crate::db::models::mail_address::{Confirmation, MailAddress};
use crate::domain::policy::{Action, Resource};
use crate::domain::token::{looks_like_token, token_hash};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::account::message;

pub async fn confirm(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let token = query.0.get("t").unwrap_or_default().to_string();
    let outcome = if looks_like_token(&token) {
        visitor
            .db(move |conn| Ok(MailAddress::confirm(conn, &token_hash(&token))?))
            .await?
    } else {
        Confirmation::Unknown
    };
    let html = match outcome {
        Confirmation::Confirmed { address, .. } => message(
            &ctx(&visitor),
            "確認できました",
            &[
                &format!("{address} の確認が終わりました。"),
                "ログインできます。はじめての方は、コーディネーターの承認のあとにすべての機能をご利用いただけます。",
            ],
        ),
        Confirmation::Expired => message(
            &ctx(&visitor),
            "URLの有効期限が切れています",
            &["お手数ですが、もう一度登録してください。"],
        ),
        Confirmation::Unknown => message(
            &ctx(&visitor),
            "確認できませんでした",
            &["URLが正しくないか、すでに確認済みです。ログインできるかお試しください。"],
        ),
    };
    Ok(ok(&visitor, &html))
}
