//! `/communities/{id}/qr`: the member's own address for this community as a QR code (a secret, like
//! her posting address: only for members who joined, never cached by shared caches).

use crate::db::models::community::Community;
use crate::db::models::community_member::CommunityMember;
use crate::db::models::member::Member;
use crate::domain::mail_route::community_posting_address;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::qr::respond;
use crate::routes::request::Visitor;
use actix_web::{web, HttpResponse};

pub async fn posting(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::MemberContent, Action::Read)?.member_id;
    let id = id.into_inner();
    let token = visitor
        .db(move |conn| {
            let open = Community::find(conn, id)?.filter(Community::is_approved);
            if open.is_none() || CommunityMember::role_of(conn, id, me)?.is_none() {
                return Err(AppError::NotFound);
            }
            Ok(Member::posting_token(conn, me)?)
        })
        .await?;
    let address = community_posting_address(id, &token, &visitor.settings().mail.domain);
    respond(&visitor, &format!("mailto:{address}"), false)
}
