//! Which children and schools a member reaches. The policy says what kind of access a role gives
//! (`policy::child_reach`); these functions check the relation in the database.

use crate::db::models::notebook::family::Family;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::domain::policy::ChildReach;
use crate::error::AppError;
use diesel::QueryResult;

/// How a member came to see a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildAccess {
    /// The child is in her family (`family_children`).
    Family,
    /// A teacher of the child's school, or a coordinator: the view is audit-logged.
    Staff,
}

/// The child `id` and how the member reaches it. A child she does not reach is NotFound, never
/// Forbidden: another family's child does not exist for her. A school role is checked first, so
/// that staff views are logged even when the staff member also gets the child's mails.
pub fn visible_child(
    conn: &mut DbConnection,
    member_id: i64,
    reach: ChildReach,
    id: i64,
) -> Result<(Child, ChildAccess), AppError> {
    let child = Child::find(conn, id)?.ok_or(AppError::NotFound)?;
    if reaches_school(conn, member_id, reach, child.school_id)? {
        return Ok((child, ChildAccess::Staff));
    }
    if reach.own_family && family_children(conn, member_id)?.iter().any(|c| c.id == child.id) {
        return Ok((child, ChildAccess::Family));
    }
    Err(AppError::NotFound)
}

/// The children of the member's family: linked to her as a member, by the child's 申込コード or
/// the school's approval (`notebook::join`). An address on the roster that happens to be hers
/// links nothing: anyone can add an address, and its pass mails are not a right to the child.
pub fn family_children(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<Child>> {
    Family::children_of_guardian(conn, member_id)
}

/// Whether the member sees this school's board and children as staff.
pub fn reaches_school(conn: &mut DbConnection, member_id: i64, reach: ChildReach, school_id: i64) -> QueryResult<bool> {
    Ok(reach.every_school || (reach.own_schools && School::of_staff(conn, member_id)?.contains(&school_id)))
}

/// The schools whose boards a teacher opens from her watch page (coordinators go through the setup
/// pages, which list every school).
pub fn own_schools(conn: &mut DbConnection, member_id: i64, reach: ChildReach) -> QueryResult<Vec<School>> {
    if !reach.own_schools {
        return Ok(Vec::new());
    }
    let ids = School::of_staff(conn, member_id)?;
    Ok(School::all(conn)?.into_iter().filter(|s| ids.contains(&s.id)).collect())
}
