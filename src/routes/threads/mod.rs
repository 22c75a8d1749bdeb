//! Threads wherever they live, over HTTP: a thread's page with its comments, writing one from the
//! web form with photos, commenting, reporting, the author's delete, and a coordinator's hide and
//! restore. The same handlers serve クチコミ (`/posts/…`) and community topics
//! (`/communities/{community}/topics/…`): the URL names the place (`path`), and `place` holds what
//! differs between places on the web.

pub mod comment;
pub mod create;
pub mod delete;
pub mod moderate;
pub mod path;
pub mod place;
pub mod report;
pub mod show;

use crate::db::models::thread::Thread;
use crate::db::DbConnection;
use crate::domain::post::Category;
use crate::error::AppError;
use crate::threads::Venue;
use actix_web::web;
use path::ThreadPath;

/// The thread at `at` and its place, if the member may see them (coordinators see hidden
/// threads); a 404 otherwise, as if they were not there.
fn open(conn: &mut DbConnection, at: ThreadPath, member_id: i64, moderator: bool) -> Result<(Venue, Thread), AppError> {
    let venue = Venue::readable(conn, at.place, member_id, moderator)?.ok_or(AppError::NotFound)?;
    let found = Thread::visible(conn, at.place, at.id, moderator)?.ok_or(AppError::NotFound)?;
    Ok((venue, found))
}

/// The category choices of a select, after `first` (「すべて」 in a filter; none in the form).
pub fn category_choices(first: Option<&str>) -> Vec<(String, String)> {
    first
        .map(|label| (String::new(), label.to_string()))
        .into_iter()
        .chain(
            Category::ALL
                .iter()
                .map(|c| (c.key().to_string(), c.label().to_string())),
        )
        .collect()
}

/// Registers the threads' pages in every place. `new` comes before `{thread}`, which it would match.
pub fn configure(cfg: &mut web::ServiceConfig) {
    for base in ["/posts", "/communities/{community}/topics"] {
        cfg.route(&format!("{base}/new"), web::get().to(create::form))
            .route(&format!("{base}/new"), web::post().to(create::submit))
            .route(&format!("{base}/{{thread}}"), web::get().to(show::show))
            .route(&format!("{base}/{{thread}}/comments"), web::post().to(comment::create))
            .route(&format!("{base}/{{thread}}/delete"), web::get().to(delete::confirm))
            .route(&format!("{base}/{{thread}}/delete"), web::post().to(delete::delete));
    }
    // Reports are the portal's; a coordinator hides a portal thread through `/admin/posts/moderate`.
    cfg.route("/posts/{thread}/report", web::post().to(report::create))
        .route(
            "/communities/{community}/topics/{thread}/moderate",
            web::post().to(moderate::thread),
        )
        .route(
            "/communities/{community}/topics/{thread}/comments/{comment}/moderate",
            web::post().to(moderate::comment),
        );
}
