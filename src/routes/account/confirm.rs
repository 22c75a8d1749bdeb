//! `/register/confirm?t=…`: the link in the confirmation mail. Opening it confirms nothing: the
//! page names the member who added the address, and only a POST inside her session (or with her
//! password, which opens one) confirms it. A link mailed to someone else's address therefore never
//! ties that address, and the children and alerts that follow it, to the wrong account.

use crate::auth::session::LoginMethod;
use crate::db::models::mail_address::{Confirmation, MailAddress};
use crate::db::models::member::Member;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::MemberStatus;
use crate::domain::token::{looks_like_token, token_hash};
use crate::error::AppError;
use crate::routes::account::login::open_session;
use crate::routes::account::{check_member_password, jst_clock};
use crate::routes::request::{ctx, ok, page, KeitaiQuery, Posted, Visitor};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::account::{confirm_address, message, ConfirmView};

/// The unconfirmed address a link names, with the nickname of the member who added it.
struct Pending {
    address: MailAddress,
    nickname: String,
}

async fn pending(visitor: &Visitor, token: &str) -> Result<Option<Pending>, AppError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    visitor
        .db(move |conn| {
            let Some(address) = MailAddress::by_confirm_token(conn, &hash)? else {
                return Ok(None);
            };
            let nickname = Member::find(conn, address.member_id)?.nickname;
            Ok(Some(Pending { address, nickname }))
        })
        .await
}

pub async fn show(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let token = query.0.get("t").unwrap_or_default().to_string();
    let Some(found) = pending(&visitor, &token).await? else {
        return Ok(outcome(&visitor, Confirmation::Unknown));
    };
    if !found.address.link_is_live() {
        return Ok(outcome(&visitor, Confirmation::Expired));
    }
    let ask_password = match visitor.member() {
        Some(me) if me.member_id == found.address.member_id => false,
        Some(_) => return Ok(ok(&visitor, &other_account(&visitor))),
        None => true,
    };
    // The form's CSRF token needs a session, even on phones without cookies.
    visitor.ensure_session().await?;
    let view = view(token, found, ask_password, None);
    Ok(ok(&visitor, &confirm_address(&ctx(&visitor), &view)))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { mut visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let token = form.get("t").unwrap_or_default().to_string();
    let Some(found) = pending(&visitor, &token).await? else {
        return Ok(outcome(&visitor, Confirmation::Unknown));
    };
    let member_id = found.address.member_id;
    match visitor.member() {
        // Her own session; after かんたんログイン the password comes first, as for any account change.
        Some(me) if me.member_id == member_id => visitor.require(Resource::OwnAccount, Action::Update)?,
        Some(_) => return Ok(ok(&visitor, &other_account(&visitor))),
        None => {
            let password = form.get("password").unwrap_or_default().to_string();
            let checked = check_member_password(&visitor, member_id, password).await?;
            let error = match checked {
                Ok(true) if found_suspended(&visitor, member_id).await? => {
                    return Ok(ok(
                        &visitor,
                        &message(
                            &ctx(&visitor),
                            "確認できませんでした",
                            &["このアカウントはご利用いただけません。コーディネーターにお問い合わせください。"],
                        ),
                    ));
                }
                Ok(true) => None,
                Ok(false) => Some((StatusCode::OK, "パスワードが違います。".to_string())),
                Err(until) => Some((
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("続けて失敗したため、{}まで確認できません。", jst_clock(until)),
                )),
            };
            if let Some((status, error)) = error {
                let view = view(token, found, true, Some(error));
                return Ok(page(&visitor, status, &confirm_address(&ctx(&visitor), &view)));
            }
            open_session(&mut visitor, member_id, LoginMethod::Password).await?;
        }
    }
    let hash = token_hash(&token);
    let confirmed = visitor
        .db(move |conn| Ok(MailAddress::confirm(conn, &hash, member_id)?))
        .await?;
    Ok(outcome(&visitor, confirmed))
}

async fn found_suspended(visitor: &Visitor, member_id: i64) -> Result<bool, AppError> {
    let member = visitor.db(move |conn| Ok(Member::find(conn, member_id)?)).await?;
    Ok(member.status() == MemberStatus::Suspended)
}

fn view(token: String, found: Pending, ask_password: bool, error: Option<String>) -> ConfirmView {
    ConfirmView {
        token,
        address: found.address.address,
        nickname: found.nickname,
        ask_password,
        error,
    }
}

/// Signed in as someone else: the link is not hers to use (nothing more is said about whose it is).
fn other_account(visitor: &Visitor) -> String {
    message(
        &ctx(visitor),
        "確認できませんでした",
        &[
            "このURLは、いまログインしているアカウントで追加されたアドレスのものではありません。",
            "心当たりがなければ、このメールは無視してください。",
        ],
    )
}

fn outcome(visitor: &Visitor, confirmation: Confirmation) -> HttpResponse {
    let html = match confirmation {
        Confirmation::Confirmed { address, .. } => message(
            &ctx(visitor),
            "確認できました",
            &[
                &format!("{address} の確認が終わりました。"),
                "はじめての方は、コーディネーターの承認のあとにすべての機能をご利用いただけます。",
            ],
        ),
        Confirmation::Expired => message(
            &ctx(visitor),
            "URLの有効期限が切れています",
            &["お手数ですが、もう一度登録してください。"],
        ),
        Confirmation::Unknown => message(
            &ctx(visitor),
            "確認できませんでした",
            &["URLが正しくないか、すでに確認済みです。ログインできるかお試しください。"],
        ),
    };
    ok(visitor, &html)
}
