//! `/password/forgot`: 「パスワードを忘れた方」. The answer is the same page for every well-formed
//! address, so the form never tells who is a member.

use crate::auth::password_reset::request_reset;
use crate::db::models::login_limit::LOCK;
use crate::db::models::password_reset::RESET_LIFETIME;
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::account::{jst_clock, limited_client};
use crate::routes::request::{ctx, ok, page, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::account::password::{forgot, forgot_sent, ForgotView};

pub async fn form(mut visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    // The form's CSRF token needs a session, even on phones without cookies.
    visitor.ensure_session().await?;
    Ok(ok(&visitor, &forgot(&ctx(&visitor), &ForgotView::default())))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let typed = form.get("email").unwrap_or_default().to_string();
    let address = match EmailAddress::parse(&typed) {
        Ok(address) => address,
        Err(e) => {
            let view = ForgotView {
                email: typed,
                error: Some(e.to_string()),
            };
            return Ok(ok(&visitor, &forgot(&ctx(&visitor), &view)));
        }
    };
    let client = limited_client(&visitor);
    let base_url = visitor.settings().base_url.clone();
    let taken = visitor
        .db(move |conn| Ok(request_reset(conn, &address, client.as_deref(), &base_url)?))
        .await?;
    if let Err(until) = taken {
        let view = ForgotView {
            email: typed,
            error: Some(format!(
                "続けてお申し込みがあったため、{}まで（{}分間）受け付けられません。時間をおいてもう一度お試しください。",
                jst_clock(until),
                LOCK.num_minutes()
            )),
        };
        return Ok(page(
            &visitor,
            StatusCode::TOO_MANY_REQUESTS,
            &forgot(&ctx(&visitor), &view),
        ));
    }
    visitor.state().wakeup.notify();
    Ok(ok(&visitor, &forgot_sent(&ctx(&visitor), RESET_LIFETIME.num_minutes())))
}
