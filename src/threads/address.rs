//! Whose address a thread address is (`Route::Thread`): the portal's `post-<token>@` carries the
//! member's private posting token, a community's `c<id>-<token>@` her own token for that community
//! only. The intake, the posting checks and the pages that show an address ask here.

use crate::db::models::community_posting_token::CommunityPostingToken;
use crate::db::models::member::Member;
use crate::db::DbConnection;
use crate::domain::thread::Place;
use diesel::QueryResult;

/// The member an address of this place belongs to; `None` for an unknown or renewed token.
pub fn poster_of(conn: &mut DbConnection, place: Place, token: &str) -> QueryResult<Option<Member>> {
    match place {
        Place::Portal => Member::by_posting_token(conn, token),
        Place::Community(id) => match CommunityPostingToken::member_of(conn, id, token)? {
            Some(member_id) => Member::find(conn, member_id).map(Some),
            None => Ok(None),
        },
        // A notebook answer is addressed to one recipient row (`Route::NotebookReply`).
        Place::Notebook(_) => Ok(None),
    }
}

/// The token of the member's own address in a place that takes threads by mail (made on first
/// use); `None` for the notebook, which has none.
pub fn token_for(conn: &mut DbConnection, place: Place, member_id: i64) -> QueryResult<Option<String>> {
    match place {
        Place::Portal => Member::posting_token(conn, member_id).map(Some),
        Place::Community(id) => CommunityPostingToken::of(conn, id, member_id).map(Some),
        Place::Notebook(_) => Ok(None),
    }
}

/// Renews all the member's addresses (one leaked): a new posting token, and her community tokens
/// forgotten, to be made anew when next shown. The old addresses are unknown from then on.
pub fn renew_all(conn: &mut DbConnection, member_id: i64) -> QueryResult<String> {
    crate::db::write_transaction(conn, |conn| {
        CommunityPostingToken::forget_member(conn, member_id)?;
        Member::renew_posting_token(conn, member_id)
    })
}
