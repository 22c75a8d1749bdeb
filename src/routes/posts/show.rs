//! `/posts/{id}`: one post with its photos (sized for the device), comments and the forms under it.
//! A hidden post is a 404 for members; coordinators see it marked 非表示.

use super::area_name;
use crate::db::models::area::Area;
use crate::db::models::member::Member;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::Thread;
use crate::db::models::thread_comment::ThreadComment;
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Category;
use crate::domain::thread::{Channel, Place};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::photos::photo_refs;
use crate::routes::request::KeitaiQuery;
use crate::routes::request::Visitor;
use crate::routes::request::{ctx, paged_list};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::posts::show::{article_items, comment, post, CommentView, PostView};

pub async fn show(visitor: Visitor, id: web::Path<i64>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let page = match query.0.get("page") {
        Some("last") => usize::MAX,
        page => page.and_then(|p| p.parse().ok()).unwrap_or(1),
    };
    let notice = query
        .0
        .get("done")
        .and_then(Done::parse)
        .map(|done| done.notice().to_string());
    render(&visitor, id.into_inner(), notice, page).await
}

/// What a form under the post did, said on the page it redirects to (so a reload sends nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Commented,
    Reported,
    ReportedBefore,
}

impl Done {
    fn parse(key: &str) -> Option<Done> {
        [Done::Commented, Done::Reported, Done::ReportedBefore]
            .into_iter()
            .find(|d| d.key() == key)
    }

    fn key(self) -> &'static str {
        match self {
            Done::Commented => "comment",
            Done::Reported => "report",
            Done::ReportedBefore => "reported",
        }
    }

    fn notice(self) -> &'static str {
        match self {
            Done::Commented => "コメントしました。",
            Done::Reported => "通報を受け付けました。コーディネーターが確認します。",
            Done::ReportedBefore => "この投稿はすでに通報済みです。",
        }
    }

    /// The post page that says it: after a comment, the last page of comments, where it is.
    pub fn location(self, post_id: i64) -> String {
        let page = if self == Done::Commented { "&page=last" } else { "" };
        format!("/posts/{post_id}?done={}{page}", self.key())
    }
}

/// The post page with one page of its comments, and a notice on top after a comment or a report.
pub async fn render(visitor: &Visitor, id: i64, notice: Option<String>, page: usize) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::MemberContent, Action::Read)?;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    let (found, author, area, photos, comments) = visitor
        .db(move |conn| {
            let found = Thread::visible(conn, Place::Portal, id, moderator)?.ok_or(AppError::NotFound)?;
            let author = Member::find(conn, found.member_id)?.nickname;
            let area = area_name(&Area::all(conn)?, found.area_id);
            let comments = ThreadComment::of_thread(conn, id, moderator)?;
            Ok((found, author, area, PhotoInfo::of_thread(conn, id)?, comments))
        })
        .await?;
    let mine = visitor.member().is_some_and(|m| m.member_id == found.member_id);
    let when = |at: chrono::NaiveDateTime| jst(at).format("%m/%d %H:%M").to_string();
    let view = PostView {
        id,
        title: found.title,
        author,
        posted: when(found.created_at),
        by_mail: found.channel == Channel::Mail,
        category: found.category.unwrap_or(Category::Other).label().to_string(),
        area,
        hidden: found.hidden_at.map(|_| found.hidden_reason.unwrap_or_default()),
        moderator,
        mine,
        notice,
    };
    let ctx = ctx(visitor);
    let photos = photo_refs(&visitor.device, &photos);
    let mut items = article_items(&ctx, &found.body, &photos, comments.len());
    items.extend(comments.into_iter().map(|c| {
        let view = CommentView {
            id: c.id,
            author: c.nickname,
            posted: when(c.created_at),
            body: c.body,
            hidden: c.hidden_at.is_some(),
        };
        comment(&ctx, &view, moderator)
    }));
    Ok(paged_list(visitor, &items, page, |list| post(&ctx, &view, list)))
}
