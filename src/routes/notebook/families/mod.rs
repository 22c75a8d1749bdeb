//! The notebook's families pages (see `routes::notebook` for the URL map): the start pages,
//! joining by 申込コード, the family, and a school's staff pages.

pub mod class;
pub mod codes;
pub mod family;
pub mod join;
pub mod joins;
pub mod school;
pub mod settings;
pub mod staff;
pub mod start;
pub mod teachers;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notebook", web::get().to(start::show))
        .route("/notebook/join", web::get().to(join::form))
        .route("/notebook/join", web::post().to(join::save))
        .route("/notebook/family", web::get().to(family::show))
        .route("/notebook/schools/{school}", web::get().to(school::show))
        .route("/notebook/schools/{school}/joins", web::get().to(joins::list))
        .route("/notebook/schools/{school}/joins/{id}", web::post().to(joins::decide))
        .route("/notebook/schools/{school}/codes", web::get().to(codes::list))
        .route("/notebook/schools/{school}/codes/issue", web::post().to(codes::issue))
        .route(
            "/notebook/schools/{school}/codes/letters",
            web::get().to(codes::letters),
        )
        .route(
            "/notebook/schools/{school}/codes/{child}/reissue",
            web::post().to(codes::reissue),
        )
        .route("/notebook/schools/{school}/codes/{child}/qr", web::get().to(codes::qr))
        .route(
            "/notebook/schools/{school}/classes/{grade}/{class}",
            web::get().to(class::show),
        )
        .route("/notebook/schools/{school}/teachers", web::get().to(teachers::show))
        .route("/notebook/schools/{school}/teachers", web::post().to(teachers::save))
        .route("/notebook/schools/{school}/settings", web::get().to(settings::form))
        .route("/notebook/schools/{school}/settings", web::post().to(settings::save));
}
