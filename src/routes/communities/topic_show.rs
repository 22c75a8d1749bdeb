//! `/communities/{id}/topics/{tid}`: a topic with its photos (sized for the device) and its comments
//! paged to the device. A hidden topic or comment is gone for members; coordinators see it marked
//! 非表示, with the forms to hide or restore it. The author gets the link to delete her topic.

use super::{may_post, visible};
use crate::db::models::member::Member;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::Thread;
use crate::db::models::thread_comment::ThreadComment;
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::{Channel, Place};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::photos::photo_refs;
use crate::routes::request::KeitaiQuery;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, paged_list};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::communities::topic::{topic, topic_comment, TopicCommentView, TopicView};
use hiroba_views::pages::posts::show::article_items;

pub async fn show(visitor: Visitor, path: web::Path<(i64, i64)>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let (id, topic_id) = path.into_inner();
    let page = query.0.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    render(&visitor, id, topic_id, None, page).await
}

/// The topic page with one page of its comments and a notice on top (after a refused comment).
pub async fn render(
    visitor: &Visitor,
    id: i64,
    topic_id: i64,
    notice: Option<String>,
    page: usize,
) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::MemberContent, Action::Read)?.member_id;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    let (community, found, author, photos, comments, may_comment) = visitor
        .db(move |conn| {
            let community = visible(conn, id, me, moderator)?;
            let found = Thread::visible(conn, Place::Community(id), topic_id, moderator)?.ok_or(AppError::NotFound)?;
            let author = Member::find(conn, found.member_id)?.nickname;
            let may_comment = may_post(conn, &community, me)?.is_none();
            Ok((
                community,
                found,
                author,
                PhotoInfo::of_thread(conn, topic_id)?,
                ThreadComment::of_thread(conn, topic_id, moderator)?,
                may_comment,
            ))
        })
        .await?;
    let when = |at: chrono::NaiveDateTime| jst(at).format("%m/%d %H:%M").to_string();
    let view = TopicView {
        community_id: id,
        community: community.name,
        id: topic_id,
        title: found.title,
        author,
        posted: when(found.created_at),
        by_mail: found.channel == Channel::Mail,
        hidden: found.hidden_at.map(|_| found.hidden_reason.unwrap_or_default()),
        moderator,
        mine: found.member_id == me,
        may_comment: may_comment && found.hidden_at.is_none(),
        notice,
    };
    let ctx = ctx(visitor);
    let base = format!("/communities/{id}/topics/{topic_id}");
    let moderate = moderator.then_some(base.as_str());
    let photos = photo_refs(&visitor.device, &photos);
    let mut items = article_items(&ctx, &found.body, &photos, comments.len());
    items.extend(comments.into_iter().map(|c| {
        let view = TopicCommentView {
            id: c.id,
            author: c.nickname,
            posted: when(c.created_at),
            body: c.body,
            hidden: c.hidden_at.is_some(),
        };
        topic_comment(&ctx, &view, moderate)
    }));
    Ok(paged_list(visitor, &items, page, |list| topic(&ctx, &view, list)))
}
