//! `/posts/{id}`: one post with its photos (sized for the device), comments and the forms under it.
//! A hidden post is a 404 for members; coordinators see it marked 非表示.

use super::area_name;
use crate::db;
use crate::db::models::area::Area;
use crate::db::models::member::Member;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::post::Post;
use crate::db::models::post_comment::PostComment;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Category;
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::photos::display_size;
use crate::routes::render::{ctx, ok};
use crate::routes::visitor::Visitor;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::post::{post, CommentView, PhotoRef, PostView};

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    render(&visitor, id.into_inner(), None).await
}

/// The post page, with a notice on top after a comment or a report.
pub async fn render(visitor: &Visitor, id: i64, notice: Option<String>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Read)?;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    let (found, author, area, photos, comments) = db::run(&visitor.state().pool, move |conn| {
        let found = Post::find(conn, id)?
            .filter(|p| moderator || !p.is_hidden())
            .ok_or(AppError::NotFound)?;
        let author = Member::find(conn, found.member_id)?.nickname;
        let area = area_name(&Area::all(conn)?, found.area_id);
        let comments = PostComment::of_post(conn, id, moderator)?;
        Ok((found, author, area, PhotoInfo::of_post(conn, id)?, comments))
    })
    .await?;
    let when = |at: chrono::NaiveDateTime| jst(at).format("%m/%d %H:%M").to_string();
    let view = PostView {
        id,
        title: found.title,
        author,
        posted: when(found.created_at),
        by_mail: found.channel == "mail",
        category: Category::label_of(&found.category).to_string(),
        area,
        body: found.body,
        photos: photos
            .iter()
            .map(|p| {
                let (width, height) = display_size(
                    &visitor.device,
                    u32::try_from(p.width).unwrap_or(0),
                    u32::try_from(p.height).unwrap_or(0),
                );
                PhotoRef {
                    path: format!("/photos/{}", p.id),
                    width,
                    height,
                }
            })
            .collect(),
        comments: comments
            .into_iter()
            .map(|c| CommentView {
                id: c.id,
                author: c.nickname,
                posted: when(c.created_at),
                body: c.body,
                hidden: c.hidden_at.is_some(),
            })
            .collect(),
        hidden: found.hidden_at.map(|_| found.hidden_reason.unwrap_or_default()),
        moderator,
        notice,
    };
    Ok(ok(visitor, &post(&ctx(visitor), &view)))
}
