//! `/notebook/schools/{school}`: the school's notebook for its staff: her classes, pending joins
//! and the links to every staff page.

use crate::db::models::notebook::join::JoinRequest;
use crate::db::models::notebook::teacher::{classes_of, Class};
use crate::db::models::watch::child::Child;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::routes::notebook::families::staff::{classes, staff};
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::families::school::{school, SchoolView};

pub async fn show(visitor: Visitor, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let (member_id, found) = staff(&visitor, path.into_inner(), Action::Read).await?;
    let school_id = found.id;
    let label = |(grade, class_name): (i32, String)| {
        let text = Class {
            grade,
            class_name: class_name.clone(),
        }
        .label();
        (grade, class_name, text)
    };
    let (own, all, pending) = visitor
        .db(move |conn| {
            let own = classes_of(conn, school_id, member_id)?;
            let all = classes(&Child::of_school(conn, school_id)?);
            Ok((own, all, JoinRequest::pending_count(conn, school_id)?))
        })
        .await?;
    let view = SchoolView {
        id: school_id,
        name: found.name,
        own_classes: own.into_iter().map(|c| label((c.grade, c.class_name))).collect(),
        classes: all.into_iter().map(label).collect(),
        pending_joins: pending,
    };
    Ok(ok(&visitor, &school(&ctx(&visitor), &view)))
}
