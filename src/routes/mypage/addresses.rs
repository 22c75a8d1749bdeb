//! Adding, choosing and removing the member's mail addresses.

use crate::auth::registration::{add_unconfirmed, claim_address, Claim};
use crate::db::models::mail_address::{Health, MailAddress};
use crate::db::models::member::Member;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::{now, DbConnection};
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::mypage::render;
use crate::routes::request::Posted;
use actix_web::HttpResponse;
use hiroba_views::mail::inbound;

pub async fn add(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let email = match EmailAddress::parse(form.get("email").unwrap_or_default()) {
        Ok(email) => email,
        Err(e) => return render(&visitor, Some(e.to_string())).await,
    };
    let carrier = visitor.profiles().mail_profile(email.domain()).id.clone();
    let site = visitor.settings().site();
    let address = email.to_string();
    visitor
        .db(move |conn| {
            Ok(crate::db::write_transaction(conn, |conn| {
                // Whose address it is stays private: the page reads the same when it is taken.
                if !claim_address(conn, &address, Claim::Member(member_id), &site)? {
                    return Ok(());
                }
                add_unconfirmed(
                    conn,
                    member_id,
                    &address,
                    &carrier,
                    false,
                    Claim::Member(member_id),
                    &site,
                )
            })?)
        })
        .await?;
    render(
        &visitor,
        Some(format!(
            "{email} あてに確認のメールを送りました。メールのURLを開くと追加されます。"
        )),
    )
    .await
}

pub async fn make_primary(posted: Posted) -> Result<HttpResponse, AppError> {
    change(
        posted,
        MailAddress::make_primary,
        "メインのアドレスを変更しました。",
        "確認の済んだアドレスだけをメインにできます。",
    )
    .await
}

pub async fn remove(posted: Posted) -> Result<HttpResponse, AppError> {
    change(
        posted,
        MailAddress::remove,
        "アドレスを削除しました。",
        "メインのアドレスは削除できません。先にほかのアドレスをメインにしてください。",
    )
    .await
}

/// Applies `op` to the posted address `id` of the member; my page tells whether it was allowed.
async fn change(
    posted: Posted,
    op: fn(&mut DbConnection, i64, i64) -> diesel::QueryResult<bool>,
    done: &str,
    refused: &str,
) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Update)?.member_id;
    let id = form
        .get("id")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let changed = visitor.db(move |conn| Ok(op(conn, member_id, id)?)).await?;
    render(&visitor, Some(if changed { done } else { refused }.into())).await
}

/// Test mails per address and hour.
const TEST_MAILS_PER_HOUR: i64 = 3;

/// 「テストメールを送る」: after changing 指定受信, the member checks that our mail arrives. A
/// filtered address counts as fine again until another bounce says otherwise.
pub async fn test_mail(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Read)?.member_id;
    let id = form
        .get("id")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let mypage_url = format!("{}/mypage", visitor.settings().base_url);
    let service = visitor.settings().service_name.clone();
    let queued = visitor
        .db(move |conn| {
            Ok(crate::db::write_transaction(conn, |conn| {
                let addresses = MailAddress::of_member(conn, member_id)?;
                let Some(address) = addresses.into_iter().find(|a| a.id == id && a.is_verified()) else {
                    return Ok(None);
                };
                let since = now() - chrono::Duration::hours(1);
                if OutboxMail::count_since(conn, &address.address, Some(MailKind::TestMail), since)?
                    >= TEST_MAILS_PER_HOUR
                {
                    return Ok(Some(false));
                }
                if address.health == Health::Filtered.as_str() {
                    MailAddress::set_health(conn, &address.address, Health::Ok)?;
                }
                let nickname = Member::find(conn, member_id)?.nickname;
                let mail = inbound::test_mail(&service, &nickname, &mypage_url);
                OutboxMail::queue(conn, MailKind::TestMail, &address.address, &mail.subject, &mail.body)?;
                Ok::<_, diesel::result::Error>(Some(true))
            })?)
        })
        .await?;
    let notice = match queued {
        Some(true) => {
            "テストメールを送りました。数分たっても届かないときは、迷惑メールの設定（指定受信）を確かめてください。"
        }
        Some(false) => "テストメールは1時間に3通までです。しばらくしてからお試しください。",
        None => "確認の済んだアドレスにだけテストメールを送れます。",
    };
    render(&visitor, Some(notice.into())).await
}
