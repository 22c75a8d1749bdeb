//! 施設の管理 for coordinators: add facilities and name their staff (by a member's address).

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::facility::{Facility, NewFacility};
use crate::db::models::mail_address::MailAddress;
use crate::domain::email::EmailAddress;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::admin::watch::{short_text, Feedback};
use crate::routes::extract::Posted;
use crate::routes::portal::area_choices;
use crate::routes::render::{ctx, ok};
use crate::routes::visitor::Visitor;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::events_admin::{admin_facilities, AdminFacilitiesView, AdminFacilityRow};

pub async fn list(mut visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    render(&visitor, Feedback::None).await
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Create)?;
    let text = |name: &str| form.get(name).unwrap_or_default().trim().to_string();
    let area = form.get("area").and_then(|a| a.parse::<i64>().ok());
    let (Some(name), Some(kind), Some(address)) = (
        short_text(form.get("name"), 60),
        short_text(form.get("kind"), 20),
        short_text(form.get("address"), 100),
    ) else {
        return render(&visitor, Feedback::refused("名前・種類・住所を入力してください。")).await;
    };
    let new = NewFacility {
        name,
        kind,
        address,
        area_id: area,
        phone: text("phone"),
        hours: text("hours"),
        note: text("note"),
    };
    db::run(&visitor.state().pool, move |conn| Ok(Facility::insert(conn, &new)?)).await?;
    render(&visitor, Feedback::done("施設を追加しました。")).await
}

pub async fn add_staff(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Update)?;
    let id = id.into_inner();
    let Ok(email) = EmailAddress::parse(form.get("email").unwrap_or_default()) else {
        return render(&visitor, Feedback::refused("会員のメールアドレスを入力してください。")).await;
    };
    let feedback = db::run(&visitor.state().pool, move |conn| {
        let facility = Facility::find(conn, id)?;
        let Some(address) = MailAddress::find(conn, email.as_str())?.filter(MailAddress::is_verified) else {
            return Ok(Feedback::refused(format!(
                "{email} の会員（確認済みのアドレス）が見つかりません。"
            )));
        };
        Facility::add_staff(conn, id, address.member_id)?;
        Ok(Feedback::Done(format!(
            "{email} を{}の職員に登録しました。",
            facility.name
        )))
    })
    .await?;
    render(&visitor, feedback).await
}

async fn render(visitor: &Visitor, feedback: Feedback) -> Result<HttpResponse, AppError> {
    let (rows, areas) = db::run(&visitor.state().pool, |conn| {
        let mut rows = Vec::new();
        for f in Facility::list(conn, None, None)? {
            rows.push(AdminFacilityRow {
                staff: Facility::staff_count(conn, f.id)?,
                id: f.id,
                name: f.name,
                kind: f.kind,
            });
        }
        Ok((rows, Area::all(conn)?))
    })
    .await?;
    let (notice, error) = feedback.split();
    let view = AdminFacilitiesView {
        rows,
        areas: area_choices(&areas),
        notice,
        error,
    };
    Ok(ok(visitor, &admin_facilities(&ctx(visitor), &view)))
}
