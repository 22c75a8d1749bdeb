//! 送迎・あずかり支援 for coordinators (アドバイザー): the console, vetting, 事前打合せ, assigning,
//! disputes and the monthly statements. Every action is written to the support log.

use actix_web::web;

/// Registers the coordinators' support pages.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
