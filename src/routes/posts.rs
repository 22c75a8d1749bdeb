//! `/posts/{id}`: one member post with its photos, sized for the viewer's device.

use crate::db;
use crate::db::models::member::Member;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::post::Post;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::photos::display_size;
use crate::routes::render::{ctx, ok};
use crate::routes::visitor::Visitor;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::post::{post, PhotoRef, PostView};

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Read)?;
    let id = id.into_inner();
    let (found, author, photos) = db::run(&visitor.state().pool, move |conn| {
        let Some(found) = Post::find(conn, id)? else {
            return Err(AppError::NotFound);
        };
        let author = Member::find(conn, found.member_id)?.nickname;
        Ok((found, author, PhotoInfo::of_post(conn, id)?))
    })
    .await?;
    let view = PostView {
        title: found.title,
        author,
        posted: jst(found.created_at).format("%m/%d %H:%M").to_string(),
        by_mail: found.channel == "mail",
        body: found.body,
        photos: photos
            .iter()
            .map(|p| {
                let (width, height) = display_size(&visitor.device, p.width as u32, p.height as u32);
                PhotoRef {
                    path: format!("/photos/{}", p.id),
                    width,
                    height,
                }
            })
            .collect(),
    };
    Ok(ok(&visitor, &post(&ctx(&visitor), &view)))
}
