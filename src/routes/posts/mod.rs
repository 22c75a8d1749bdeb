//! クチコミ: the list, one post, posting from the web, comments, reports and taking back one's own.

pub mod comment;
pub mod create;
pub mod delete;
pub mod list;
pub mod report;
pub mod show;

use crate::routes::areas::{area_choices, area_name};

use crate::domain::post::Category;

/// The category choices of a select, after `first` (「すべて」 in a filter; none in the form).
fn category_choices(first: Option<&str>) -> Vec<(String, String)> {
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

use actix_web::web;

/// Registers the クチコミ pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/posts", web::get().to(list::list))
        .route("/posts/new", web::get().to(create::form))
        .route("/posts/new", web::post().to(create::submit))
        .route("/posts/{id}", web::get().to(show::show))
        .route("/posts/{id}/comments", web::post().to(comment::create))
        .route("/posts/{id}/report", web::post().to(report::create))
        .route("/posts/{id}/delete", web::get().to(delete::confirm))
        .route("/posts/{id}/delete", web::post().to(delete::delete));
}
