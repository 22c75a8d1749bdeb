//! 送迎・あずかり支援 for members: enrolment, children, the supporter's profile, requests, offers
//! (by token, without a password), handover and reports. Coordinators' pages are in
//! `routes/admin/support/`.

pub mod activity;
pub mod confirm;
pub mod door;
pub mod report;

use actix_web::web;

/// Registers the members' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/support/activities/{id}", web::get().to(activity::show))
        .route("/support/activities/{id}/handover", web::post().to(activity::handover))
        .route("/support/activities/{id}/report", web::get().to(report::form))
        .route("/support/activities/{id}/report", web::post().to(report::save))
        .route("/support/h/{token}", web::get().to(activity::show_by_token))
        .route(
            "/support/h/{token}/handover",
            web::post().to(activity::handover_by_token),
        )
        .route("/support/h/{token}/report", web::get().to(report::form_by_token))
        .route("/support/h/{token}/report", web::post().to(report::save_by_token))
        .route("/support/c/{token}", web::get().to(confirm::show))
        .route("/support/c/{token}", web::post().to(confirm::save));
}
