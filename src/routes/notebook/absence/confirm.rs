//! `/notebook/schools/{school}/absences/{id}/confirm` (POST): 確認しました. The guardians get the
//! AbsenceConfirmed mail once, however many teachers press at the same moment.

use super::school_day::render;
use super::staff::Staff;
use crate::db::models::notebook::absence::Absence;
use crate::db::models::watch::child::Child;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::notebook::absence::{confirm as confirm_notice, Confirmed};
use crate::routes::request::Posted;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;

pub async fn confirm(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let staff = Staff::of(&visitor, Action::Update)?;
    let (school_id, id) = path.into_inner();
    let (done, day, name) = visitor
        .db(move |conn| {
            staff.school(conn, school_id)?;
            let absence = Absence::find(conn, id)?.ok_or(AppError::NotFound)?;
            let child = Child::find(conn, absence.child_id)?
                .filter(|c| c.school_id == school_id)
                .ok_or(AppError::NotFound)?;
            let done = confirm_notice(conn, &absence, &child, staff.member_id)?;
            Ok((done, absence.day, child.short_name))
        })
        .await?;
    let notice = match done {
        Confirmed::Now => format!("{name}さんの連絡を確認しました。保護者にメールでお知らせします。"),
        Confirmed::Already => format!("{name}さんの連絡は、ほかの先生が確認済みです。"),
    };
    let shown = form
        .get("day")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(day);
    render(&visitor, staff, school_id, shown, 1, Some(notice)).await
}
