//! `POST /admin/support/requests/{id}/cancel`: a coordinator cancels a request, with a reason.

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::admin::support::request::render;
use crate::routes::request::Posted;
use crate::support::cancel::{cancel as cancel_request, Cancelled, Canceller};
use actix_web::{web, HttpResponse};

pub async fn cancel(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Moderate)?
        .member_id;
    let id = id.into_inner();
    let reason = form.get("reason").unwrap_or_default().trim().to_string();
    if reason.is_empty() {
        return render(&visitor, id, Some("取り消す理由を書いてください。".into())).await;
    }
    let ctx = std::sync::Arc::clone(&visitor.state().ctx);
    let outcome = visitor
        .db(move |conn| Ok(cancel_request(&ctx, conn, id, Canceller::Coordinator(by), &reason)?))
        .await?;
    visitor.state().wakeup.notify();
    let notice = match outcome {
        Cancelled::Done { .. } => "取り消しました。",
        Cancelled::TooLate => "この依頼はもう取り消せません。",
    };
    render(&visitor, id, Some(notice.into())).await
}
