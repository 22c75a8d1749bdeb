//! The notebook's absence pages (see `routes::notebook` for the URL map): the guardian's form and
//! list, the teacher's notices of the day with 確認しました, and 未登校・連絡なし.

pub mod confirm;
pub mod contacted;
pub mod list;
pub mod new;
pub mod not_arrived;
pub mod school_day;
pub mod staff;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notebook/absences", web::get().to(list::list))
        .route("/notebook/absences/new", web::get().to(new::form))
        .route("/notebook/absences/new", web::post().to(new::create))
        .route("/notebook/schools/{school}/absences", web::get().to(school_day::show))
        .route(
            "/notebook/schools/{school}/absences/{id}/confirm",
            web::post().to(confirm::confirm),
        )
        .route(
            "/notebook/schools/{school}/not-arrived",
            web::get().to(not_arrived::show),
        )
        .route(
            "/notebook/schools/{school}/not-arrived/{child}/contacted",
            web::post().to(contacted::mark),
        );
}
