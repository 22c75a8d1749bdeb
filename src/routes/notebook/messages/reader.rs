//! Who may read a message, its photos and files: a recipient (logged in, or by her link's token)
//! or the staff of its school. Anyone else gets 404.

use crate::db::models::notebook::message::Message;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::DbConnection;
use crate::domain::policy::{child_reach, Action, ChildReach, Resource};
use crate::error::AppError;
use crate::notebook::access::{own_message, staff_school};
use crate::routes::request::Visitor;

/// The logged-in visitor as a reader (login first): her id and her reach as staff.
pub fn member_reader(visitor: &Visitor) -> Result<(i64, ChildReach), AppError> {
    let member = visitor.require_member(Resource::Notebook, Action::Read)?;
    Ok((member.member_id, child_reach(&member.principal())))
}

/// Whether a logged-in member reaches message `thread_id`: as a recipient (her row) or as staff
/// (`None`); NotFound otherwise.
pub fn reaches(
    conn: &mut DbConnection,
    member_id: i64,
    reach: ChildReach,
    thread_id: i64,
) -> Result<Option<Recipient>, AppError> {
    let Some(message) = Message::find(conn, thread_id)? else {
        return Err(AppError::NotFound);
    };
    if let Some(own) = own_message(conn, member_id, thread_id)? {
        return Ok(Some(own));
    }
    if staff_school(conn, member_id, reach, message.school_id)?.is_some() {
        return Ok(None);
    }
    Err(AppError::NotFound)
}
