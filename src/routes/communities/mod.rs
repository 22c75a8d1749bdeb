//! コミュニティ: the list, proposing one, a community's page with join and leave, topics from the web
//! with photos, comments, an author's delete of her topic, and a coordinator's hide and restore of a
//! topic or a comment.

pub mod comment;
pub mod comment_moderate;
pub mod create;
pub mod list;
pub mod membership;
pub mod moderate;
pub mod qr;
pub mod show;
pub mod topic_create;
pub mod topic_delete;
pub mod topic_show;

use crate::routes::areas::{area_choices, area_name};

use crate::db::models::community::Community;
use crate::db::models::community_member::CommunityMember;
use crate::db::DbConnection;
use crate::domain::community::CommunityStatus;
use crate::error::AppError;

/// The community if the member may see it: approved and closed ones are open to every member; a
/// proposal (pending or rejected) only to its proposer and coordinators. Anything else is a 404.
fn visible(conn: &mut DbConnection, id: i64, member_id: i64, moderator: bool) -> Result<Community, AppError> {
    let found = Community::find(conn, id)?.ok_or(AppError::NotFound)?;
    match found.status() {
        CommunityStatus::Approved | CommunityStatus::Closed => Ok(found),
        _ if moderator || found.created_by == member_id => Ok(found),
        _ => Err(AppError::NotFound),
    }
}

/// Why a member may not post in a community, or `None` when she may (approved, and she has joined).
fn may_post(conn: &mut DbConnection, community: &Community, member_id: i64) -> Result<Option<&'static str>, AppError> {
    if !community.is_approved() {
        return Ok(Some("このコミュニティには投稿できません。"));
    }
    if CommunityMember::role_of(conn, community.id, member_id)?.is_none() {
        return Ok(Some(
            "このコミュニティに参加していないため投稿できません。コミュニティのページで「参加する」を選んでください。",
        ));
    }
    Ok(None)
}
