//! `/mypage/nickname`: ニックネームの変更, checked as at registration. Pages read the nickname
//! from the member's row, so the new one shows everywhere at once.

use crate::auth::account_change::change_nickname;
use crate::db::models::member::Member;
use crate::domain::nickname::Nickname;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::mypage::render;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::mypage::settings::change_nickname as change_nickname_page;

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let nickname = visitor
        .db(move |conn| Ok(Member::find(conn, member_id)?.nickname))
        .await?;
    Ok(ok(&visitor, &change_nickname_page(&ctx(&visitor), &nickname, None)))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let typed = form.get("nickname").unwrap_or_default();
    let nickname = match Nickname::parse(typed) {
        Ok(nickname) => nickname,
        Err(e) => {
            // What she typed stays in the box, so nothing is lost.
            let html = change_nickname_page(&ctx(&visitor), typed, Some(&e.to_string()));
            return Ok(ok(&visitor, &html));
        }
    };
    visitor
        .db(move |conn| Ok(change_nickname(conn, member_id, &nickname)?))
        .await?;
    render(&visitor, Some("ニックネームを変更しました。".into())).await
}
