//! `…/{thread}/delete`: a member takes back her own thread, after a page that asks once more (a
//! keitai has no confirm dialog). Its photos, comments and reports go with it; the moderation log
//! keeps its lines and records the delete. Anyone else's thread, or a hidden one, is a 404, as if it
//! were not there: a coordinator hides, she does not delete.

use super::path::ThreadPath;
use super::place::after_delete;
use crate::db::models::moderation::delete_by_author;
use crate::db::models::thread::Thread;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::threads::show::delete_confirm;

/// The page that asks once more.
pub async fn confirm(visitor: Visitor, at: ThreadPath) -> Result<HttpResponse, AppError> {
    let found = own_thread(&visitor, at).await?;
    Ok(ok(
        &visitor,
        &delete_confirm(&ctx(&visitor), &at.path(), at.place.noun(), &found.title),
    ))
}

/// Deletes the thread and sends her where the place lists her threads.
pub async fn delete(posted: Posted, at: ThreadPath) -> Result<HttpResponse, AppError> {
    let visitor = posted.visitor;
    let found = own_thread(&visitor, at).await?;
    visitor.db(move |conn| Ok(delete_by_author(conn, &found)?)).await?;
    Ok(redirect(&visitor, &after_delete(at.place)))
}

/// The thread if it is the visitor's own and she can see it: whoever may post may take back what
/// she wrote.
async fn own_thread(visitor: &Visitor, at: ThreadPath) -> Result<Thread, AppError> {
    let me = visitor
        .require_member(Resource::MemberContent, Action::Create)?
        .member_id;
    visitor
        .db(move |conn| {
            let (_, found) = super::open(conn, at, me, false)?;
            Some(found).filter(|t| t.member_id == me).ok_or(AppError::NotFound)
        })
        .await
}
