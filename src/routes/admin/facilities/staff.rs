//! A facility's staff, named by coordinators: add a member by her confirmed address, or take
//! one off. The slot form checks `facility_staff` on every request, so a removal holds at once.

use super::edit::{render, EditPage};
use crate::db;
use crate::db::models::facility::Facility;
use crate::db::models::mail_address::MailAddress;
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{id_field, redirect, Posted};
use actix_web::{web, HttpResponse};

pub async fn add(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let typed = form.get("email").unwrap_or_default().trim().to_string();
    let refused = |error: String| EditPage {
        staff_email: typed.clone(),
        error: Some(error),
        ..EditPage::default()
    };
    let Ok(email) = EmailAddress::parse(&typed) else {
        return render(&visitor, id, refused("会員のメールアドレスを入力してください。".into())).await;
    };
    let unknown = format!("{email} の会員（確認済みのアドレス）が見つかりません。");
    let added = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                Facility::find(conn, id)?;
                let Some(address) = MailAddress::find(conn, email.as_str())?.filter(MailAddress::is_verified) else {
                    return Ok::<_, AppError>(false);
                };
                Facility::add_staff(conn, id, address.member_id)?;
                Ok(true)
            })
        })
        .await?;
    if !added {
        return render(&visitor, id, refused(unknown)).await;
    }
    Ok(redirect(&visitor, &format!("/admin/facilities/{id}?done=staff-added")))
}

pub async fn remove(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let member = id_field(&form, "member")?;
    // Removing someone who is no longer staff (a second click) is no error: the result is the same.
    visitor
        .db(move |conn| Ok(Facility::remove_staff(conn, id, member)?))
        .await?;
    Ok(redirect(
        &visitor,
        &format!("/admin/facilities/{id}?done=staff-removed"),
    ))
}
