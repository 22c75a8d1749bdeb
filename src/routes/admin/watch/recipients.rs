//! Who gets a child's pass mails, set by a coordinator on the child's page: up to six addresses,
//! each with its own quiet hours (the guardians choose readers themselves).

use super::child_page::render;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::recipient::{AddRecipientError, Recipient};
use crate::domain::clock::QuietHours;
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::admin::feedback::{short_text, Feedback};
use crate::routes::request::{id_field, Posted};
use actix_web::{web, HttpResponse};

pub async fn add(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let (Ok(address), Some(label)) = (
        EmailAddress::parse(form.get("address").unwrap_or_default()),
        short_text(form.get("label"), 10),
    ) else {
        return render(
            &visitor,
            id,
            Feedback::refused("メールアドレスと続柄（10文字以内）を入力してください。"),
        )
        .await;
    };
    let quiet = match QuietHours::parse(
        form.get("quiet_from").unwrap_or_default(),
        form.get("quiet_until").unwrap_or_default(),
    ) {
        Ok(quiet) => quiet.map(QuietHours::minutes),
        Err(e) => return render(&visitor, id, Feedback::refused(e.to_string())).await,
    };
    let feedback = visitor
        .db(move |conn| {
            Child::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok(match Recipient::upsert(conn, id, address.as_str(), &label, quiet) {
                Ok(_) => Feedback::Done(format!("{address} をお知らせ先にしました。")),
                Err(AddRecipientError::TooMany) => Feedback::refused(AddRecipientError::TooMany.to_string()),
                Err(AddRecipientError::Db(e)) => return Err(e.into()),
            })
        })
        .await?;
    render(&visitor, id, feedback).await
}

pub async fn remove(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Update)?;
    let id = id.into_inner();
    let recipient = id_field(&form, "recipient")?;
    let removed = visitor
        .db(move |conn| Ok(Recipient::remove(conn, id, recipient)?))
        .await?;
    let feedback = if removed {
        Feedback::done("お知らせ先から外しました。")
    } else {
        Feedback::None
    };
    render(&visitor, id, feedback).await
}
