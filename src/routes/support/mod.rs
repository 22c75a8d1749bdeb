//! 送迎・あずかり支援 for members: enrolment, children, the supporter's profile, requests, offers
//! (by token, without a password), handover and reports. Coordinators' pages are in
//! `routes/admin/support/`.

pub mod statement;

use actix_web::web;

/// Registers the members' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/support/statement", web::get().to(statement::show));
}
