//! `/notebook/schools/{school}/not-arrived/{child}/contacted` (POST): 保護者に連絡済み for today.

use super::not_arrived::render;
use super::staff::Staff;
use crate::db::models::notebook::contacted::Contacted;
use crate::db::models::watch::child::Child;
use crate::db::write_transaction;
use crate::domain::policy::Action;
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::request::Posted;
use actix_web::{web, HttpResponse};

pub async fn mark(posted: Posted, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    let staff = Staff::of(&visitor, Action::Update)?;
    let (school_id, child_id) = path.into_inner();
    let today = jst(crate::db::now()).date_naive();
    let (name, marked) = visitor
        .db(move |conn| {
            staff.school(conn, school_id)?;
            let child = Child::find(conn, child_id)?
                .filter(|c| c.school_id == school_id)
                .ok_or(AppError::NotFound)?;
            let marked = write_transaction(conn, |conn| Contacted::mark(conn, child.id, today, staff.member_id))?;
            Ok((child.short_name, marked))
        })
        .await?;
    let notice = if marked {
        format!("{name}さんを「保護者に連絡済み」にしました。")
    } else {
        format!("{name}さんは、すでに「保護者に連絡済み」です。")
    };
    render(&visitor, staff, school_id, 1, Some(notice)).await
}
