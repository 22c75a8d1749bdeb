//! Who reaches what in the notebook. The policy says what a role may do (`Resource::Notebook`,
//! `Resource::NotebookSchool`); these functions check the relation in the database. What a member
//! does not reach does not exist for her: callers answer NotFound, never Forbidden.

use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::domain::policy::ChildReach;
use diesel::QueryResult;

/// The school if the member works there as staff (teachers: `school_staff`; coordinators: every
/// school).
pub fn staff_school(
    conn: &mut DbConnection,
    member_id: i64,
    reach: ChildReach,
    school_id: i64,
) -> QueryResult<Option<School>> {
    let Some(school) = School::find(conn, school_id)? else {
        return Ok(None);
    };
    let reached = reach.every_school || (reach.own_schools && School::of_staff(conn, member_id)?.contains(&school_id));
    Ok(reached.then_some(school))
}

/// The schools whose notebook the member works on as staff, by name.
pub fn staff_schools(conn: &mut DbConnection, member_id: i64, reach: ChildReach) -> QueryResult<Vec<School>> {
    if reach.every_school {
        return School::all(conn);
    }
    if !reach.own_schools {
        return Ok(Vec::new());
    }
    let ids = School::of_staff(conn, member_id)?;
    Ok(School::all(conn)?.into_iter().filter(|s| ids.contains(&s.id)).collect())
}

/// The child if she is in the guardian's family.
pub fn own_child(conn: &mut DbConnection, member_id: i64, child_id: i64) -> QueryResult<Option<Child>> {
    Ok(Family::children_of_guardian(conn, member_id)?
        .into_iter()
        .find(|c| c.id == child_id))
}

/// The guardian's recipient row of a message: a message that did not go to her does not exist for
/// her.
pub fn own_message(conn: &mut DbConnection, member_id: i64, thread_id: i64) -> QueryResult<Option<Recipient>> {
    Recipient::of(conn, thread_id, member_id)
}
