//! `/login`: password login from every profile.

use crate::auth::easy_login::form_action;
use crate::auth::login::{self, LoginOutcome};
use crate::auth::session::{self, LoginMethod};
use crate::db::models::login_limit::LOCK;
use crate::db::models::mail_address::{Health, MailAddress};
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::account::{jst_clock, limited_client, safe_next};
use crate::routes::request::{ctx, page, redirect, KeitaiQuery, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::account::{login, EasyLogin, LoginView};

pub async fn form(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let next = safe_next(query.0.get("next"));
    if visitor.member().is_some() {
        return Ok(redirect(&visitor, &next));
    }
    visitor.ensure_session().await?;
    Ok(render(&visitor, StatusCode::OK, String::new(), next, None))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { mut visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let email = form.get("email").unwrap_or_default().trim().to_ascii_lowercase();
    let password = form.get("password").unwrap_or_default().to_string();
    let next = safe_next(form.get("next"));
    let client = limited_client(&visitor);
    let (account, limited) = (email.clone(), client.clone());
    let attempt = visitor
        .db(move |conn| Ok(login::begin(conn, &account, limited.as_deref())?))
        .await?;
    let matches = match &attempt {
        login::Attempt::Locked { .. } => false,
        login::Attempt::Check { .. } => visitor.verify_password(password, attempt.stored_hash()).await?,
    };
    let account = email.clone();
    let outcome = visitor
        .db(move |conn| Ok(login::finish(conn, &account, client.as_deref(), attempt, matches)?))
        .await?;
    let (status, message) = match outcome {
        LoginOutcome::Success { member_id } => {
            open_session(&mut visitor, member_id, LoginMethod::Password).await?;
            // An address our mail no longer reaches: my page says what to do, before anything else.
            let unreachable = visitor.db(move |conn| {
                let addresses = MailAddress::of_member(conn, member_id)?;
                Ok(addresses.iter().any(|a| a.health != Health::Ok.as_str()))
            })
            .await?;
            return Ok(redirect(&visitor, if unreachable { "/mypage" } else { &next }));
        }
        LoginOutcome::Wrong => (StatusCode::OK, "メールアドレスかパスワードが違います。".to_string()),
        LoginOutcome::Locked { until } => (
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "ログインに続けて失敗したため、{}まで（{}分間）ログインできません。時間をおいてもう一度お試しください。",
                jst_clock(until),
                LOCK.num_minutes()
            ),
        ),
        LoginOutcome::Unconfirmed => (
            StatusCode::OK,
            "メールアドレスの確認が済んでいません。登録のときに届いたメールのURLを開いてください。".to_string(),
        ),
        LoginOutcome::Suspended => (
            StatusCode::FORBIDDEN,
            "このアカウントはご利用いただけません。コーディネーターにお問い合わせください。".to_string(),
        ),
    };
    Ok(render(&visitor, status, email, next, Some(message)))
}

/// Replaces the visitor's session with a new one for the member: a new id, so a sid handed out
/// before login (session fixation) is dead after it.
pub async fn open_session(visitor: &mut Visitor, member_id: i64, how: LoginMethod) -> Result<(), AppError> {
    let old = visitor.session.as_ref().map(|s| s.token.clone());
    let profile = visitor.device.profile.id.clone();
    let idle = visitor.idle();
    let new = visitor
        .db(move |conn| {
            if let Some(old) = old {
                session::end(conn, &old)?;
            }
            Ok(session::start(conn, &profile, Some((member_id, how)), idle)?)
        })
        .await?;
    visitor.switch_to(new);
    Ok(())
}

fn render(visitor: &Visitor, status: StatusCode, email: String, next: String, error: Option<String>) -> HttpResponse {
    let state = visitor.state();
    // Where it cannot work it is not offered at all: members need no reasons (an old gateway
    // list is the operators' to fix; they see it in the log and on their menu).
    let easy_login = match state.gateways().offer(&visitor.device) {
        Ok(()) => EasyLogin::Offered {
            action: form_action("/login/easy", &visitor.device),
        },
        Err(_) => EasyLogin::Hidden,
    };
    let view = LoginView {
        email,
        next,
        error,
        easy_login,
    };
    page(visitor, status, &login(&ctx(visitor), &view))
}
