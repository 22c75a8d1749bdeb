//! Who may open a school's absence pages: its teachers and the coordinators. Anyone else (a
//! guardian, another school's teacher) finds nothing there: 404, never 403.

use crate::db::models::watch::school::School;
use crate::domain::policy::{child_reach, Action, ChildReach, Resource};
use crate::error::AppError;
use crate::notebook::access::staff_school;
use crate::routes::request::Visitor;

/// A member allowed on the notebook's school pages by her role; the school is checked with `school`.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    pub member_id: i64,
    pub reach: ChildReach,
}

impl Staff {
    pub fn of(visitor: &Visitor, action: Action) -> Result<Staff, AppError> {
        match visitor.require_member(Resource::NotebookSchool, action) {
            Ok(me) => Ok(Staff {
                member_id: me.member_id,
                reach: child_reach(&me.principal()),
            }),
            Err(AppError::Forbidden) => Err(AppError::NotFound),
            Err(other) => Err(other),
        }
    }

    /// The school if she works there (coordinators: any school); NotFound otherwise.
    pub fn school(&self, conn: &mut crate::db::DbConnection, school_id: i64) -> Result<School, AppError> {
        staff_school(conn, self.member_id, self.reach, school_id)?.ok_or(AppError::NotFound)
    }
}
