//! The member's secret posting address: renewed when it leaked (the old one stops working).

use crate::db::models::member::Member;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::mypage::render;
use crate::routes::request::Posted;
use actix_web::HttpResponse;

pub async fn renew(posted: Posted) -> Result<HttpResponse, AppError> {
    let member_id = posted
        .visitor
        .require_member(Resource::OwnAccount, Action::Update)?
        .member_id;
    posted
        .visitor
        .db(move |conn| Ok(Member::renew_posting_token(conn, member_id)?))
        .await?;
    render(
        &posted.visitor,
        Some("投稿用アドレスを新しくしました。前のアドレスあてのメールは投稿されません。".into()),
    )
    .await
}
