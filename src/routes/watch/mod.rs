//! 子どもの見守り pages: guardians' children and histories, their mail choices, the schools' boards.

pub mod access;
pub mod board;
pub mod history;
pub mod home;
pub mod lines;
pub mod settings;

use actix_web::web;

/// Registers the guardians' and schools' watch pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/watch", web::get().to(home::show))
        .route("/watch/children/{id}", web::get().to(history::show))
        .route(
            "/watch/children/{id}/settings/{recipient}",
            web::get().to(settings::form),
        )
        .route(
            "/watch/children/{id}/settings/{recipient}",
            web::post().to(settings::save),
        )
        .route("/watch/schools/{id}", web::get().to(board::show));
}
