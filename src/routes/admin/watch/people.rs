//! A school's people, set by coordinators: staff (teachers and coordinators who see its board and
//! get reader notices) and volunteers (見守りボランティア, mailed on an emergency button).

use super::school::render;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::watch::emergency_contact::EmergencyContact;
use crate::db::models::watch::school::School;
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::routes::admin::feedback::{short_text, Feedback};
use crate::routes::request::{id_field, Posted};
use actix_web::{web, HttpResponse};

pub async fn add_staff(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Create)?;
    let school = school.into_inner();
    let Ok(email) = EmailAddress::parse(form.get("email").unwrap_or_default()) else {
        return render(
            &visitor,
            school,
            Feedback::refused("会員のメールアドレスを入力してください。"),
        )
        .await;
    };
    let feedback = visitor
        .db(move |conn| {
            School::find(conn, school)?.ok_or(AppError::NotFound)?;
            let Some(address) = MailAddress::find(conn, email.as_str())?.filter(MailAddress::is_verified) else {
                return Ok(Feedback::refused(format!(
                    "{email} の会員（確認済みのアドレス）が見つかりません。"
                )));
            };
            // Who may be staff is a fact about the member, not a permission of the coordinator.
            let roles = Member::roles(conn, address.member_id)?;
            if !roles.iter().any(|r| matches!(r, Role::Teacher | Role::Coordinator)) {
                return Ok(Feedback::refused(
                    "先生またはコーディネーターの会員だけを登録できます。",
                ));
            }
            School::add_staff(conn, school, address.member_id)?;
            let name = Member::find(conn, address.member_id)?.real_name;
            Ok(Feedback::Done(format!("{name}さんを登録しました。")))
        })
        .await?;
    render(&visitor, school, feedback).await
}

pub async fn remove_staff(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Delete)?;
    let school = school.into_inner();
    let member = id_field(&form, "member")?;
    let removed = visitor
        .db(move |conn| Ok(School::remove_staff(conn, school, member)?))
        .await?;
    let feedback = if removed {
        Feedback::done("登録を外しました。")
    } else {
        Feedback::None
    };
    render(&visitor, school, feedback).await
}

pub async fn add_contact(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Create)?;
    let school = school.into_inner();
    let (Some(name), Ok(address)) = (
        short_text(form.get("name"), 40),
        EmailAddress::parse(form.get("address").unwrap_or_default()),
    ) else {
        return render(
            &visitor,
            school,
            Feedback::refused("名前とメールアドレスを入力してください。"),
        )
        .await;
    };
    visitor
        .db(move |conn| {
            School::find(conn, school)?.ok_or(AppError::NotFound)?;
            Ok(EmergencyContact::add(conn, school, &name, address.as_str())?)
        })
        .await?;
    render(&visitor, school, Feedback::done("見守りボランティアを追加しました。")).await
}

pub async fn remove_contact(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Delete)?;
    let school = school.into_inner();
    let contact = id_field(&form, "contact")?;
    let removed = visitor
        .db(move |conn| Ok(EmergencyContact::remove(conn, school, contact)?))
        .await?;
    let feedback = if removed {
        Feedback::done("見守りボランティアを外しました。")
    } else {
        Feedback::None
    };
    render(&visitor, school, feedback).await
}
