//! 送迎・あずかり支援 for coordinators (アドバイザー): the console, vetting, 事前打合せ, assigning,
//! disputes and the monthly statements. Every action is written to the support log.

pub mod request;
pub mod request_assign;
pub mod request_cancel;

use actix_web::web;

/// Registers the coordinators' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/support/requests/{id}", web::get().to(request::show))
        .route(
            "/admin/support/requests/{id}/assign",
            web::post().to(request_assign::assign),
        )
        .route(
            "/admin/support/requests/{id}/cancel",
            web::post().to(request_cancel::cancel),
        );
}
