//! The notebook's answers pages (see `routes::notebook` for the URL map): a guardian's answer
//! form, signed in or by her mail's link, and the school's tally with its CSV.

pub mod csv;
pub mod door;
pub mod form;
pub mod tally;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notebook/messages/{id}/answer", web::get().to(form::show))
        .route("/notebook/messages/{id}/answer", web::post().to(form::save))
        .route("/notebook/r/{token}/answer", web::get().to(form::show_by_token))
        .route("/notebook/r/{token}/answer", web::post().to(form::save_by_token))
        .route(
            "/notebook/schools/{school}/messages/{id}/answers",
            web::get().to(tally::show),
        )
        .route(
            "/notebook/schools/{school}/messages/{id}/answers.csv",
            web::get().to(csv::download),
        );
}
