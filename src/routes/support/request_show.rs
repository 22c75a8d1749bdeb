//! `/support/requests/{id}`: one of the family's requests — its state in plain words, the
//! matched supporter and the 受け渡しコード, and the cancel form with the fee it would cost.

use crate::context::Context;
use crate::db::models::member::Member;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::SupportRequest;
use crate::db::{now, DbConnection};
use crate::domain::policy::{Action, Resource};
use crate::domain::support::fee_table::Yen;
use crate::domain::support::request::Kind;
use crate::domain::support::status::{OfferStatus, RequestStatus};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use crate::support::cancel::fee_if_cancelled;
use crate::support::describe::describe;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::support::requests::{request_page, RequestView};

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    render(&visitor, id.into_inner(), None, String::new()).await
}

/// The page, with a notice (after cancelling, or a refusal) and the reason typed.
pub async fn render(
    visitor: &Visitor,
    id: i64,
    notice: Option<String>,
    reason: String,
) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::SupportOwn, Action::Read)?.member_id;
    let ctx_arc = std::sync::Arc::clone(&visitor.state().ctx);
    let view = visitor
        .db(move |conn| Ok(view_of(&ctx_arc, conn, member_id, id, notice, reason)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ok(visitor, &request_page(&ctx(visitor), &view)))
}

/// The family's view of request `id`; None when it is not hers.
fn view_of(
    ctx: &Context,
    conn: &mut DbConnection,
    member_id: i64,
    id: i64,
    notice: Option<String>,
    reason: String,
) -> diesel::QueryResult<Option<RequestView>> {
    let Some(request) = SupportRequest::find(conn, id)?.filter(|r| r.asked.family_id == member_id) else {
        return Ok(None);
    };
    let described = describe(conn, &request)?;
    let status = request.progress.status();
    let offers = Offer::of_request(conn, id)?;
    let mut progress = Vec::new();
    for wave in 1..=request.progress.wave {
        let count = offers.iter().filter(|o| o.wave == wave).count();
        let line = if wave == 1 {
            format!("{count}人にお知らせしました")
        } else {
            format!("さらに{count}人にお知らせしました")
        };
        progress.push(line);
    }
    let declined = offers.iter().filter(|o| o.status() == OfferStatus::Declined).count();
    if declined > 0 && status.is_seeking() {
        progress.push(format!("{declined}人は都合がつきませんでした"));
    }
    let matched = matches!(
        status,
        RequestStatus::Matched | RequestStatus::Reported | RequestStatus::Confirmed | RequestStatus::Disputed
    );
    let supporter = match request.progress.supporter_id.filter(|_| matched) {
        Some(sid) => Some((
            Member::find(conn, sid)?.nickname,
            SupportMember::find(conn, sid)?.map(|m| m.phone).unwrap_or_default(),
        )),
        None => None,
    };
    let children = described.child_ids.len();
    let cancel_fee = fee_if_cancelled(ctx, &request, children, now()).map(|f| f.total.to_string());
    let places = match request.asked.kind() {
        Kind::Pickup { .. } => format!("{} → {}", request.asked.from_place, request.asked.to_place),
        Kind::Care { .. } => String::new(),
    };
    Ok(Some(RequestView {
        id,
        notice,
        when: described.when,
        kind: described.kind,
        urgent: request.asked.urgent,
        children: described.children,
        places,
        note: request.asked.note.clone(),
        state: status.label().to_string(),
        progress: if status.is_seeking() { progress } else { Vec::new() },
        supporter,
        handover_code: request
            .progress
            .handover_code
            .clone()
            .filter(|_| status == RequestStatus::Matched),
        cancelled: (status == RequestStatus::Cancelled).then(|| {
            (
                request.progress.cancel_reason.clone().unwrap_or_default(),
                request
                    .progress
                    .cancel_fee
                    .and_then(|f| Yen::new(i64::from(f)))
                    .map(|y| y.to_string()),
            )
        }),
        can_cancel: status.can_cancel(),
        cancel_fee,
        reason,
    }))
}
