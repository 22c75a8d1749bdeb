//! `/notebook`: the start page. A guardian's children, pending joins and menu (or the code form
//! when she has no family); a teacher's or coordinator's schools.

use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::join::JoinRequest;
use crate::db::models::notebook::recipient::unread_count;
use crate::db::models::notebook::teacher::Class;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::error::AppError;
use crate::notebook::access::staff_schools;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::HttpResponse;
use diesel::QueryResult;
use hiroba_views::pages::notebook::families::start::{start, StartView};
use hiroba_views::pages::notebook::families::ChildLine;

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    render(&visitor, None).await
}

/// The start page with an optional notice on top (after joining).
pub async fn render(visitor: &Visitor, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let member = visitor.require_member(Resource::Notebook, Action::Read)?;
    let (member_id, reach) = (member.member_id, child_reach(&member.principal()));
    let mut view = visitor
        .db(move |conn| {
            let children = Family::children_of_guardian(conn, member_id)?;
            let pending = JoinRequest::pending_children(conn, member_id)?;
            Ok(StartView {
                children: child_lines(conn, &children)?,
                pending: child_lines(conn, &pending)?,
                unread: if children.is_empty() {
                    0
                } else {
                    unread_count(conn, member_id)?
                },
                schools: staff_schools(conn, member_id, reach)?
                    .into_iter()
                    .map(|s| (s.id, s.name))
                    .collect(),
                notice: None,
            })
        })
        .await?;
    view.notice = notice;
    Ok(ok(visitor, &start(&ctx(visitor), &view)))
}

/// Children with their school's name and class, as the families pages show them.
pub fn child_lines(conn: &mut DbConnection, children: &[Child]) -> QueryResult<Vec<ChildLine>> {
    let mut schools: Vec<School> = Vec::new();
    let mut lines = Vec::with_capacity(children.len());
    for child in children {
        if !schools.iter().any(|s| s.id == child.school_id) {
            if let Some(school) = School::find(conn, child.school_id)? {
                schools.push(school);
            }
        }
        let school = schools
            .iter()
            .find(|s| s.id == child.school_id)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let class = Class {
            grade: child.grade,
            class_name: child.class_name.clone(),
        };
        lines.push(ChildLine {
            name: child.name.clone(),
            school,
            class: class.label(),
        });
    }
    Ok(lines)
}
