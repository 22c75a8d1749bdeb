//! What the school's pages share: the staff member and her school, or 404 for anyone else.

use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::error::AppError;
use crate::notebook::access::staff_school;
use crate::routes::request::Visitor;

/// The signed-in staff member's id and the school, when she works there (a coordinator: any
/// school). A guardian or another school's teacher finds nothing here: 404, never 403.
pub async fn staff(visitor: &Visitor, school_id: i64, action: Action) -> Result<(i64, School), AppError> {
    match visitor.require(Resource::NotebookSchool, action) {
        Err(AppError::Forbidden) => return Err(AppError::NotFound),
        other => other?,
    }
    let member = visitor.member().ok_or(AppError::NotFound)?;
    let (member_id, reach) = (member.member_id, child_reach(&member.principal()));
    let school = visitor
        .db(move |conn| Ok(staff_school(conn, member_id, reach, school_id)?))
        .await?;
    school.map(|s| (member_id, s)).ok_or(AppError::NotFound)
}

/// The roster's classes of a school, in order, each once: (grade, class name).
pub fn classes(children: &[Child]) -> Vec<(i32, String)> {
    let mut classes: Vec<(i32, String)> = children.iter().map(|c| (c.grade, c.class_name.clone())).collect();
    classes.sort();
    classes.dedup();
    classes
}
