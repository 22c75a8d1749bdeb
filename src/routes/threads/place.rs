//! What differs between places on the web: the words of the form and of a refusal, the page that
//! says a refusal, where an author lands after deleting her thread, and where a coordinator's hide
//! and restore forms post.

use crate::db::models::moderation::Target;
use crate::domain::thread::{Place, Refusal};
use crate::error::AppError;
use crate::routes::communities::show::render_with;
use crate::routes::request::Visitor;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use hiroba_views::pages::threads::show::ModerateForm;

/// The title and button of the form for a new thread.
pub fn new_heading(place: Place) -> &'static str {
    match place {
        Place::Portal => "投稿する",
        Place::Community(_) => "トピックを立てる",
        Place::Notebook(_) => "お知らせを書く",
    }
}

/// Why she may not start a thread or comment here, in a sentence.
pub fn refusal_text(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Closed => "このコミュニティには投稿できません。",
        Refusal::NotJoined => {
            "このコミュニティに参加していないため投稿できません。コミュニティのページで「参加する」を選んでください。"
        }
    }
}

/// Said on a thread's page where the comment form would be.
pub fn comment_refusal_text(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Closed => refusal_text(refusal),
        Refusal::NotJoined => "コメントするには、コミュニティに参加してください。",
    }
}

/// The place's page saying why she may not start a thread here (a 403): a community's page, where
/// she can join.
pub async fn refused(visitor: &Visitor, place: Place, refusal: Refusal) -> Result<HttpResponse, AppError> {
    match place {
        Place::Community(id) => render_with(visitor, id, refusal_text(refusal), StatusCode::FORBIDDEN).await,
        // The portal refuses no member the policy lets write; the notebook has its own pages.
        Place::Portal | Place::Notebook(_) => Err(AppError::Forbidden),
    }
}

/// Where an author lands after deleting her thread, told so (`done=deleted`, so a reload sends
/// nothing again): her own list on the portal, the community's page.
pub fn after_delete(place: Place) -> String {
    match place {
        Place::Portal => "/posts?mine=1&done=deleted".into(),
        Place::Community(id) => format!("/communities/{id}?done=deleted"),
        Place::Notebook(_) => "/notebook?done=deleted".into(),
    }
}

/// A coordinator's hide or restore form for a thread or a comment on the page at `path`. The portal's
/// go through the moderation page (`/admin/posts/moderate`), which answers with the thread's page;
/// a community's through the thread's own URL, which redirects back to it.
pub fn moderate_form(place: Place, path: &str, target: Target, hidden_now: bool) -> ModerateForm {
    let (action, fields) = match (place, target) {
        (Place::Portal, Target::Thread(id)) => ("/admin/posts/moderate".into(), named("post", id)),
        (Place::Portal, Target::Comment { comment, .. }) => ("/admin/posts/moderate".into(), named("comment", comment)),
        (Place::Community(_) | Place::Notebook(_), Target::Thread(_)) => (format!("{path}/moderate"), Vec::new()),
        (Place::Community(_) | Place::Notebook(_), Target::Comment { comment, .. }) => {
            (format!("{path}/comments/{comment}/moderate"), Vec::new())
        }
    };
    ModerateForm {
        action,
        fields,
        hidden_now,
    }
}

fn named(target: &str, id: i64) -> Vec<(String, String)> {
    vec![("target".into(), target.into()), ("id".into(), id.to_string())]
}
