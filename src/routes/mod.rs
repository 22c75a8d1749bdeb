//! HTTP handlers, thin: extract → parse → model call → view struct → render.

pub mod device;
pub mod extract;
pub mod home;
pub mod out;
pub mod render;

use actix_web::web;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        .route("/notices/{id}", web::get().to(home::notice))
        .route("/device", web::get().to(device::page))
        .route("/device.json", web::get().to(device::json))
        .route("/device/echo", web::post().to(device::echo))
        .route("/device/echo.json", web::post().to(device::echo_json))
        .route("/out", web::get().to(out::interstitial))
        .route("/health", web::get().to(|| async { "ok" }));
}
