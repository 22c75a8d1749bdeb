//! 送迎・あずかり支援 for coordinators (アドバイザー): the console, vetting, 事前打合せ, assigning,
//! disputes and the monthly statements. Every action is written to the support log.

pub mod disputes;
pub mod meetings;
pub mod supporter;
pub mod supporters;

use actix_web::web;

/// Registers the coordinators' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/support/disputes", web::get().to(disputes::list))
        .route("/admin/support/disputes/{id}", web::get().to(disputes::show))
        .route("/admin/support/disputes/{id}", web::post().to(disputes::settle))
        .route("/admin/support/supporters", web::get().to(supporters::list))
        .route("/admin/support/supporters/{id}", web::get().to(supporter::show))
        .route(
            "/admin/support/supporters/{id}/vetting",
            web::post().to(supporter::save_vetting),
        )
        .route(
            "/admin/support/supporters/{id}/active",
            web::post().to(supporter::set_active),
        )
        .route("/admin/support/meetings", web::get().to(meetings::show))
        .route("/admin/support/meetings", web::post().to(meetings::record));
}
