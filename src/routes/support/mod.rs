//! 送迎・あずかり支援 for members: enrolment, children, the supporter's profile, requests, offers
//! (by token, without a password), handover and reports. Coordinators' pages are in
//! `routes/admin/support/`.

use actix_web::web;

/// Registers the members' support pages.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
