//! Writing in a place: a new thread with its photos, or a comment, and the place's own bookkeeping
//! (a community moves up its list with every new topic or comment). Call inside the caller's
//! `write_transaction`, after `Venue::refusal_for`.

use crate::db::models::community::Community;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::{NewThread, Thread};
use crate::db::models::thread_comment::ThreadComment;
use crate::db::DbConnection;
use crate::domain::post::CommentBody;
use crate::domain::thread::Place;
use crate::photo::Original;
use diesel::QueryResult;

/// Stores a thread and its photos (already ingested, in their order); its id.
pub fn start(conn: &mut DbConnection, new: &NewThread<'_>, photos: &[Original]) -> QueryResult<i64> {
    let id = Thread::insert(conn, new)?;
    PhotoInfo::insert_for_thread(conn, new.member_id, id, photos)?;
    touch(conn, new.place)?;
    Ok(id)
}

/// Stores a comment on a thread written on a device of profile `profile`; its id.
pub fn comment(
    conn: &mut DbConnection,
    thread: &Thread,
    member_id: i64,
    body: &CommentBody,
    profile: &str,
) -> QueryResult<i64> {
    let id = ThreadComment::insert(conn, thread.id, member_id, body, profile)?;
    touch(conn, thread.place)?;
    Ok(id)
}

/// Marks new activity in the place.
fn touch(conn: &mut DbConnection, place: Place) -> QueryResult<()> {
    match place {
        Place::Portal | Place::Notebook(_) => Ok(()),
        Place::Community(id) => Community::touch(conn, id),
    }
}
