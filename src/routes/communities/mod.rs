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

use actix_web::web;

/// Registers the communities' pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities", web::get().to(list::list))
        .route("/communities/new", web::get().to(create::form))
        .route("/communities/new", web::post().to(create::submit))
        .route("/communities/{id}", web::get().to(show::show))
        .route("/communities/{id}/join", web::post().to(membership::join))
        .route("/communities/{id}/leave", web::post().to(membership::leave))
        .route("/communities/{id}/qr", web::get().to(qr::posting))
        .route("/communities/{id}/topics/new", web::get().to(topic_create::form))
        .route("/communities/{id}/topics/new", web::post().to(topic_create::submit))
        .route("/communities/{id}/topics/{topic}", web::get().to(topic_show::show))
        .route(
            "/communities/{id}/topics/{topic}/comments",
            web::post().to(comment::create),
        )
        .route(
            "/communities/{id}/topics/{topic}/moderate",
            web::post().to(moderate::moderate),
        )
        .route(
            "/communities/{id}/topics/{topic}/comments/{comment}/moderate",
            web::post().to(comment_moderate::moderate),
        )
        .route(
            "/communities/{id}/topics/{topic}/delete",
            web::get().to(topic_delete::confirm),
        )
        .route(
            "/communities/{id}/topics/{topic}/delete",
            web::post().to(topic_delete::delete),
        );
}
