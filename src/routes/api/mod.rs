//! The machine API (`/api/v1`): JSON in, JSON out, no sessions. See docs/reader-protocol.md.

pub mod readers;
mod reply;

use actix_web::web;

/// Registers the machine API.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/readers/{id}/events", web::post().to(readers::events))
        .route("/api/v1/readers/{id}/heartbeat", web::post().to(readers::heartbeat));
}
