//! 送迎・あずかり支援 for coordinators (アドバイザー): the console, vetting, 事前打合せ, assigning,
//! disputes and the monthly statements. Every action is written to the support log.

pub mod disputes;

use actix_web::web;

/// Registers the coordinators' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/support/disputes", web::get().to(disputes::list))
        .route("/admin/support/disputes/{id}", web::get().to(disputes::show))
        .route("/admin/support/disputes/{id}", web::post().to(disputes::settle));
}
