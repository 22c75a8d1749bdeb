//! Coordinators add readers to a school and re-issue a reader's secret (a device lost or its
//! secret seen by someone): the old secret stops working at once.

use super::school::{render, render_revealing};
use crate::db::models::watch::reader::{Reader, ReaderKind};
use crate::db::models::watch::school::School;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::admin::feedback::{short_text, Feedback};
use crate::routes::request::{id_field, Posted};
use crate::watch::signature::new_secret;
use actix_web::{web, HttpResponse};

pub async fn add(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Create)?;
    let school = school.into_inner();
    let (Some(name), Some(kind)) = (
        short_text(form.get("name"), 40),
        form.get("kind").and_then(ReaderKind::parse),
    ) else {
        return render(
            &visitor,
            school,
            Feedback::refused("読み取り機の名前（40文字以内）と種類を入れてください。"),
        )
        .await;
    };
    let added = visitor
        .db(move |conn| {
            School::find(conn, school)?.ok_or(AppError::NotFound)?;
            if Reader::by_name(conn, school, &name)?.is_some() {
                return Ok((
                    Feedback::refused(format!("「{name}」という読み取り機はもうあります。")),
                    None,
                ));
            }
            let secret = new_secret();
            let id = Reader::create(conn, school, &name, kind, &secret)?;
            Ok((
                Feedback::Done(format!(
                    "読み取り機「{name}」を追加しました。秘密鍵を機器に設定してください（この画面でだけ表示します）。"
                )),
                Some((id, secret)),
            ))
        })
        .await?;
    let (feedback, revealed) = added;
    render_revealing(&visitor, school, feedback, revealed).await
}

pub async fn reissue_secret(posted: Posted, school: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor.require_member(Resource::WatchSetup, Action::Update)?.member_id;
    let school = school.into_inner();
    let reader = id_field(&form, "reader")?;
    let (name, secret) = visitor
        .db(move |conn| {
            let found = Reader::find(conn, reader)?
                .filter(|r| r.school_id == school)
                .ok_or(AppError::NotFound)?;
            let secret = new_secret();
            Reader::set_secret(conn, found.id, &secret)?;
            Ok((found.name, secret))
        })
        .await?;
    log::info!("reader {reader} of school {school}: secret re-issued by member {by}");
    let done = format!(
        "「{name}」の秘密鍵を再発行しました。新しい秘密鍵を機器に設定してください（この画面でだけ表示します）。"
    );
    render_revealing(&visitor, school, Feedback::Done(done), Some((reader, secret))).await
}
