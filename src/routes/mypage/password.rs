//! `/mypage/password`: パスワードの変更. The current password first (limited per member like
//! `/reauth`), then the new one once, as on the registration form. The other sessions end; this
//! one stays.

use crate::auth::account_change::change_password;
use crate::auth::password::Password;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::account::{check_member_password, jst_clock};
use crate::routes::mypage::render;
use crate::routes::request::{ctx, ok, page, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::mypage::settings::change_password as change_password_page;

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    // Update, not Read: after かんたんログイン the password comes first, as for any account change.
    visitor.require_member(Resource::OwnAccount, Action::Update)?;
    Ok(ok(&visitor, &change_password_page(&ctx(&visitor), None)))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let refuse =
        |status: StatusCode, error: &str| page(&visitor, status, &change_password_page(&ctx(&visitor), Some(error)));
    let new = match Password::parse(form.get("password").unwrap_or_default()) {
        Ok(new) => new,
        Err(e) => return Ok(refuse(StatusCode::OK, &e.to_string())),
    };
    let current = form.get("current").unwrap_or_default().to_string();
    let checked = check_member_password(&visitor, member_id, current).await?;
    if checked == Ok(true) {
        let hash = visitor.hash_password(new).await?;
        let keep = visitor.session.as_ref().map(|s| s.token.clone()).unwrap_or_default();
        visitor
            .db(move |conn| Ok(change_password(conn, member_id, &hash, &keep)?))
            .await?;
    }
    match checked {
        Ok(true) => {
            render(
                &visitor,
                Some("パスワードを変更しました。ほかの端末でのログインは終了しました。".into()),
            )
            .await
        }
        Ok(false) => Ok(refuse(StatusCode::OK, "いまのパスワードが違います。")),
        Err(until) => Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "続けて失敗したため、{}までパスワードを変更できません。時間をおいてもう一度お試しください。",
                jst_clock(until)
            ),
        )),
    }
}
