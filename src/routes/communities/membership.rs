//! `POST /communities/{id}/join` and `/leave`: an approved member joins an open community or leaves
//! it; the owner stays (she is told why).

use super::show::render_with;
use crate::db;
use crate::db::models::community::Community;
use crate::db::models::community_member::{CommunityMember, Left};
use crate::domain::community::MemberRole;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{redirect, Posted};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub async fn join(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let id = id.into_inner();
    visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let found = Community::find(conn, id)?.ok_or(AppError::NotFound)?;
                if !found.is_approved() {
                    return Err(AppError::NotFound);
                }
                CommunityMember::join(conn, id, me, MemberRole::Member)?;
                Ok(())
            })
        })
        .await?;
    Ok(redirect(&visitor, &format!("/communities/{id}")))
}

pub async fn leave(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    let id = id.into_inner();
    let left = visitor
        .db(move |conn| {
            Ok(db::write_transaction(conn, |conn| {
                CommunityMember::leave(conn, id, me)
            })?)
        })
        .await?;
    match left {
        Left::IsOwner => {
            let why = "管理人はコミュニティをやめられません。終了したいときはコーディネーターに相談してください。";
            render_with(&visitor, id, why, StatusCode::OK).await
        }
        Left::Left | Left::NotJoined => Ok(redirect(&visitor, &format!("/communities/{id}"))),
    }
}
