//! `POST /support/requests/{id}/cancel`: the family cancels her request, giving a reason.

use crate::db::models::support::request::SupportRequest;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::Posted;
use crate::routes::support::request_show::render;
use crate::support::cancel::{cancel as cancel_request, Cancelled, Canceller};
use actix_web::{web, HttpResponse};

/// The longest reason kept.
const REASON_MAX_CHARS: usize = 200;

pub async fn cancel(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::SupportOwn, Action::Create)?.member_id;
    let id = id.into_inner();
    let reason = form.get("reason").unwrap_or_default().trim().to_string();
    if reason.is_empty() || reason.chars().count() > REASON_MAX_CHARS {
        let text = format!("取り消す理由を{REASON_MAX_CHARS}文字以内で書いてください。");
        return render(&visitor, id, Some(text), reason).await;
    }
    let ctx = std::sync::Arc::clone(&visitor.state().ctx);
    let typed = reason.clone();
    let outcome = visitor
        .db(move |conn| {
            let hers = SupportRequest::find(conn, id)?.is_some_and(|r| r.asked.family_id == member_id);
            if !hers {
                return Ok(None);
            }
            Ok(Some(cancel_request(
                &ctx,
                conn,
                id,
                Canceller::Family(member_id),
                &typed,
            )?))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    visitor.state().wakeup.notify();
    let notice = match outcome {
        Cancelled::Done { fee: Some(_) } => "取り消しました。キャンセル料がかかります。",
        Cancelled::Done { fee: None } => "取り消しました。",
        Cancelled::TooLate => "この依頼はもう取り消せません。",
    };
    render(&visitor, id, Some(notice.into()), String::new()).await
}
