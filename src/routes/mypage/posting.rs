//! The member's secret posting address: renewed when it leaked (the old one stops working), and
//! her community addresses with it.

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::mypage::render;
use crate::routes::request::Posted;
use crate::threads::address::renew_all;
use actix_web::HttpResponse;

pub async fn renew(posted: Posted) -> Result<HttpResponse, AppError> {
    let member_id = posted
        .visitor
        .require_member(Resource::OwnAccount, Action::Update)?
        .member_id;
    posted.visitor.db(move |conn| Ok(renew_all(conn, member_id)?)).await?;
    render(
        &posted.visitor,
        Some("投稿用アドレスとコミュニティのあて先を新しくしました。前のアドレスあてのメールは投稿されません。".into()),
    )
    .await
}
