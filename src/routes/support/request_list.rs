//! `/support/requests`: a family's requests with their state, paged for the phone.

use crate::db::models::support::request::SupportRequest;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::describe::slot_label;
use crate::error::AppError;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::support::describe::describe;
use actix_web::HttpResponse;
use hiroba_views::pages::support::requests::{request_item, request_list, RequestItem};

/// The most requests listed (a family asks a few times a month).
const LIMIT: i64 = 200;

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::SupportOwn, Action::Read)?.member_id;
    let page: usize = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let items = visitor
        .db(move |conn| {
            let requests = SupportRequest::of_family(conn, member_id, LIMIT)?;
            let mut items = Vec::with_capacity(requests.len());
            for request in &requests {
                let kind = describe(conn, request)?.kind;
                items.push(RequestItem {
                    id: request.asked.id,
                    when: slot_label(request.asked.slot()),
                    kind,
                    state: request.progress.status().label().to_string(),
                    urgent: request.asked.urgent,
                });
            }
            Ok(items)
        })
        .await?;
    let c = ctx(&visitor);
    let markup: Vec<_> = items.iter().map(|i| request_item(&c, i)).collect();
    let empty = items.is_empty();
    Ok(paged_list(&visitor, &markup, page, |list| {
        request_list(&c, list, empty)
    }))
}
