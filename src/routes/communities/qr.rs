//! `/communities/{id}/qr`: the member's own address for this community as a QR code (a secret, like
//! her posting address: only for members who joined, never cached by shared caches).

use crate::db::models::community_posting_token::CommunityPostingToken;
use crate::domain::mail_route::thread_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::Place;
use crate::error::AppError;
use crate::routes::qr::respond;
use crate::routes::request::Visitor;
use crate::threads::Venue;
use actix_web::{web, HttpResponse};

pub async fn posting(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::MemberContent, Action::Read)?.member_id;
    let id = id.into_inner();
    let place = Place::Community(id);
    let token = visitor
        .db(move |conn| {
            // The address is hers while the community takes her topics.
            let venue = Venue::find(conn, place)?.ok_or(AppError::NotFound)?;
            if venue.refusal_for(conn, me)?.is_some() {
                return Err(AppError::NotFound);
            }
            Ok(CommunityPostingToken::of(conn, id, me)?)
        })
        .await?;
    let address = thread_address(place, &token, &visitor.settings().mail.domain);
    respond(&visitor, &format!("mailto:{address}"), false)
}
