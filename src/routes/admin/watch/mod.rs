//! 見守りの設定 for coordinators: schools, readers, people and children, the roster import and the
//! audit log.

pub mod child;
pub mod child_page;
pub mod import;
pub mod people;
pub mod readers;
pub mod recipients;
pub mod school;
pub mod schools;

use actix_web::web;

/// Registers the coordinators' watch pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/watch/import", web::get().to(import::form))
        .route("/admin/watch/import", web::post().to(import::upload))
        .route("/admin/watch", web::get().to(schools::list))
        .route("/admin/watch/schools", web::post().to(schools::add_school))
        .route("/admin/watch/audit", web::get().to(schools::audit))
        .route("/admin/watch/schools/{id}", web::get().to(school::show))
        .route("/admin/watch/schools/{id}/times", web::post().to(school::times))
        .route("/admin/watch/schools/{id}/readers", web::post().to(readers::add))
        .route(
            "/admin/watch/schools/{id}/readers/secret",
            web::post().to(readers::reissue_secret),
        )
        .route("/admin/watch/schools/{id}/staff", web::post().to(people::add_staff))
        .route(
            "/admin/watch/schools/{id}/staff/remove",
            web::post().to(people::remove_staff),
        )
        .route(
            "/admin/watch/schools/{id}/contacts",
            web::post().to(people::add_contact),
        )
        .route(
            "/admin/watch/schools/{id}/contacts/remove",
            web::post().to(people::remove_contact),
        )
        .route("/admin/watch/children/{id}", web::get().to(child::show))
        .route("/admin/watch/children/{id}/tag", web::post().to(child::assign_tag))
        .route(
            "/admin/watch/children/{id}/tag/release",
            web::post().to(child::release_tag),
        )
        .route("/admin/watch/children/{id}/recipients", web::post().to(recipients::add))
        .route(
            "/admin/watch/children/{id}/recipients/remove",
            web::post().to(recipients::remove),
        );
}
