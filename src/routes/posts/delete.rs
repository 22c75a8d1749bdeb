//! `/posts/{id}/delete`: a member takes back her own post, after a page that asks once more (a keitai
//! has no confirm dialog). Its photos, comments and reports go with it; the moderation log keeps
//! its lines.

use crate::db::models::moderation::delete_by_author;
use crate::db::models::thread::Thread;
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::Place;
use crate::error::AppError;
use crate::routes::request::Posted;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, ok, redirect};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::posts::show::delete_confirm;

pub async fn confirm(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let post = own_post(&visitor, id.into_inner()).await?;
    Ok(ok(&visitor, &delete_confirm(&ctx(&visitor), post.id, &post.title)))
}

pub async fn delete(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let post = own_post(&visitor, id.into_inner()).await?;
    visitor.db(move |conn| Ok(delete_by_author(conn, &post)?)).await?;
    Ok(redirect(&visitor, "/posts?mine=1&done=deleted"))
}

/// The post if it is the visitor's own: whoever may post may take back what she wrote; anyone
/// else's post is a 404, as if it were not there.
async fn own_post(visitor: &Visitor, id: i64) -> Result<Thread, AppError> {
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    visitor
        .db(move |conn| {
            Thread::find(conn, id)?
                .filter(|p| p.place == Place::Portal && p.member_id == me)
                .ok_or(AppError::NotFound)
        })
        .await
}
