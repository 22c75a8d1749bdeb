//! `POST /admin/support/requests/{id}/assign`: a coordinator assigns a supporter by hand.

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::admin::support::request::render;
use crate::routes::request::{id_field, Posted};
use crate::support::accept::assign_by_hand;
use actix_web::{web, HttpResponse};

pub async fn assign(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Moderate)?
        .member_id;
    let id = id.into_inner();
    let supporter = id_field(&form, "supporter")?;
    let ctx = std::sync::Arc::clone(&visitor.state().ctx);
    let assigned = visitor
        .db(move |conn| Ok(assign_by_hand(&ctx, conn, id, supporter, by)?))
        .await?;
    visitor.state().wakeup.notify();
    let notice = if assigned {
        "割り当てました。双方に確定のメールを送ります。"
    } else {
        "この依頼はすでに決まっているか、取り消されています。"
    };
    render(&visitor, id, Some(notice.into())).await
}
