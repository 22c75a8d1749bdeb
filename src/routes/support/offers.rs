//! `/support/offers`: a supporter's offers waiting for her answer and her matched activities.

use crate::db::models::support::offer::Offer;
use crate::db::models::support::request::SupportRequest;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use crate::routes::support::offer_link::summary;
use crate::support::describe::describe;
use actix_web::HttpResponse;
use hiroba_views::pages::support::offers::{offers_page, ActivityItem};

/// Activities listed (the latest).
const ACTIVITIES: i64 = 20;

pub async fn list(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::SupportOwn, Action::Read)?.member_id;
    let (waiting, activities) = visitor
        .db(move |conn| {
            let mut waiting = Vec::new();
            for offer in Offer::waiting_for(conn, member_id)? {
                if let Some(request) = SupportRequest::find(conn, offer.request_id)? {
                    waiting.push(summary(conn, &offer, &request)?);
                }
            }
            let mut activities = Vec::new();
            for request in SupportRequest::of_supporter(conn, member_id, ACTIVITIES)? {
                let d = describe(conn, &request)?;
                activities.push(ActivityItem {
                    id: request.asked.id,
                    when: d.when,
                    kind: d.kind,
                    state: request.progress.status().label().to_string(),
                });
            }
            Ok((waiting, activities))
        })
        .await?;
    Ok(ok(&visitor, &offers_page(&ctx(&visitor), &waiting, &activities)))
}
