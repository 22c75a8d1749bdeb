//! A thread's page (`/posts/{thread}`, `/communities/{community}/topics/{thread}`): its text and
//! photos (sized for the device), its comments paged to the device, and the forms under it. A
//! hidden thread or comment is gone for members, its author included; coordinators see it marked
//! 非表示 with the forms to hide or restore it. A topic's number from before topics were threads is
//! sent on to the thread it became.

use super::path::ThreadPath;
use super::place::{comment_refusal_text, moderate_form};
use crate::db::models::area::Area;
use crate::db::models::legacy_topic::LegacyTopic;
use crate::db::models::member::Member;
use crate::db::models::moderation::Target;
use crate::db::models::photo::PhotoInfo;
use crate::db::models::thread::Thread;
use crate::db::models::thread_comment::{CommentLine, ThreadComment};
use crate::domain::policy::{Action, Resource};
use crate::domain::thread::{Channel, Place, Refusal};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::routes::areas::area_name;
use crate::routes::photos::photo_refs;
use crate::routes::request::{ctx, paged_list, redirect, KeitaiQuery, Visitor};
use crate::threads::Venue;
use actix_web::HttpResponse;
use hiroba_views::pages::threads::show::{article_items, comment, thread, CommentView, Commenting, ThreadView};

/// The page (`page=last` for the last page of comments, `done=` for what a form just did).
pub async fn show(visitor: Visitor, at: ThreadPath, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let page = match query.0.get("page") {
        Some("last") => usize::MAX,
        page => page.and_then(|p| p.parse().ok()).unwrap_or(1),
    };
    let notice = query
        .0
        .get("done")
        .and_then(Done::parse)
        .map(|done| done.notice(at.place));
    match render(&visitor, at, notice, page).await {
        Err(AppError::NotFound) => moved(&visitor, at).await,
        shown => shown,
    }
}

/// What a form under the thread did, said on the page it redirects to (so a reload sends nothing).
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

    fn notice(self, place: Place) -> String {
        match self {
            Done::Commented => "コメントしました。".into(),
            Done::Reported => "通報を受け付けました。コーディネーターが確認します。".into(),
            Done::ReportedBefore => format!("この{}はすでに通報済みです。", place.noun()),
        }
    }

    /// The thread's page that says it: after a comment, the last page of comments, where it is.
    pub fn location(self, at: ThreadPath) -> String {
        let page = if self == Done::Commented { "&page=last" } else { "" };
        format!("{}?done={}{page}", at.path(), self.key())
    }
}

/// What a thread's page shows, loaded.
struct Loaded {
    venue: Venue,
    found: Thread,
    author: String,
    area: Option<String>,
    /// Why the viewer may not comment here, if she may not.
    refusal: Option<Refusal>,
    photos: Vec<PhotoInfo>,
    comments: Vec<CommentLine>,
}

/// The thread's page with one page of its comments, and a notice on top after an action.
pub async fn render(
    visitor: &Visitor,
    at: ThreadPath,
    notice: Option<String>,
    page: usize,
) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::MemberContent, Action::Read)?.member_id;
    let moderator = visitor.may(Resource::MemberContent, Action::Moderate);
    let ThreadPath { place, id } = at;
    let loaded = visitor
        .db(move |conn| {
            let (venue, found) = super::open(conn, at, me, moderator)?;
            let area = match found.area_id {
                Some(_) => area_name(&Area::all(conn)?, found.area_id),
                None => None,
            };
            Ok(Loaded {
                author: Member::find(conn, found.member_id)?.nickname,
                area,
                refusal: venue.refusal_for(conn, me)?,
                photos: PhotoInfo::of_thread(conn, id)?,
                comments: ThreadComment::of_thread(conn, id, moderator)?,
                venue,
                found,
            })
        })
        .await?;
    let Loaded {
        venue,
        found,
        author,
        area,
        refusal,
        photos,
        comments,
    } = loaded;
    let path = at.path();
    let when = |at: chrono::NaiveDateTime| jst(at).format("%m/%d %H:%M").to_string();
    let hidden_now = found.is_hidden();
    let view = ThreadView {
        noun: place.noun().into(),
        title: found.title,
        author,
        posted: when(found.created_at),
        by_mail: found.channel == Channel::Mail,
        labels: found.category.map(|c| match area {
            Some(area) => format!("[{}] {area}", c.label()),
            None => format!("[{}]", c.label()),
        }),
        hidden: found.hidden_at.map(|_| found.hidden_reason.unwrap_or_default()),
        moderate: moderator.then(|| moderate_form(place, &path, Target::Thread(id), hidden_now)),
        mine: found.member_id == me,
        commenting: match (hidden_now, refusal) {
            (true, _) => Commenting::Silent,
            (false, Some(refusal)) => Commenting::Closed(comment_refusal_text(refusal).into()),
            (false, None) => Commenting::Open,
        },
        reports: place.takes_reports() && found.member_id != me,
        back: match venue.community {
            Some(c) => (format!("/communities/{}", c.id), c.name),
            None => (place.threads_path(), format!("{}の一覧へ", place.noun())),
        },
        notice,
        path: path.clone(),
    };
    let ctx = ctx(visitor);
    let photos = photo_refs(&visitor.device, &photos);
    let mut items = article_items(&ctx, &found.body, &photos, comments.len());
    items.extend(comments.into_iter().map(|c| {
        let hidden = c.hidden_at.is_some();
        let target = Target::Comment {
            thread: id,
            comment: c.id,
        };
        let view = CommentView {
            id: c.id,
            author: c.nickname,
            posted: when(c.created_at),
            body: c.body,
            hidden,
            moderate: moderator.then(|| moderate_form(place, &path, target, hidden)),
        };
        comment(&ctx, &view)
    }));
    Ok(paged_list(visitor, &items, page, |list| thread(&ctx, &view, list)))
}

/// A topic's URL from before topics were threads (mailed in replies): on to the thread it became.
async fn moved(visitor: &Visitor, at: ThreadPath) -> Result<HttpResponse, AppError> {
    if !matches!(at.place, Place::Community(_)) {
        return Err(AppError::NotFound);
    }
    let topic = at.id;
    let thread = visitor.db(move |conn| Ok(LegacyTopic::thread_of(conn, topic)?)).await?;
    match thread {
        Some(thread) if thread != topic => Ok(redirect(visitor, &at.place.thread_path(thread))),
        _ => Err(AppError::NotFound),
    }
}
