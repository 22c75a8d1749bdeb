//! HTTP handlers, thin: extract → parse → model call → view struct → render.

pub mod account;
pub mod admin;
pub mod api;
pub mod areas;
pub mod communities;
pub mod device;
pub mod help;
pub mod home;
pub mod metrics;
pub mod mypage;
pub mod not_found;
pub mod notebook;
pub mod out;
pub mod photos;
pub mod portal;
pub mod posts;
pub mod qr;
pub mod request;
pub mod search;
pub mod support;
pub mod threads;
pub mod unsubscribe;
pub mod upload;
pub mod watch;

use actix_web::web;

/// Registers every route: the pages of single files here, each area's through its own `configure`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        .route("/notices/{id}", web::get().to(home::notice))
        .route("/portal", web::get().to(home::portal))
        .route("/search", web::get().to(search::search))
        .route("/device", web::get().to(device::page))
        .route("/device.json", web::get().to(device::json))
        .route("/device/echo", web::post().to(device::echo))
        .route("/device/echo.json", web::post().to(device::echo_json))
        .route("/out", web::get().to(out::interstitial))
        .route("/help/mail", web::get().to(help::mail))
        .route("/qr/site", web::get().to(qr::site))
        .route("/qr/entry", web::get().to(qr::entry))
        .route("/qr/posting", web::get().to(qr::posting))
        .route("/photos/{id}", web::get().to(photos::show))
        .route("/health", web::get().to(|| async { "ok" }))
        .route("/metrics", web::get().to(metrics::metrics))
        .route("/unsubscribe/{token}", web::get().to(unsubscribe::show))
        .route("/unsubscribe/{token}", web::post().to(unsubscribe::stop))
        .configure(portal::configure)
        .configure(admin::configure)
        .configure(account::configure)
        .configure(mypage::configure)
        .configure(posts::configure)
        .configure(threads::configure)
        .configure(communities::configure)
        .configure(watch::configure)
        .configure(support::configure)
        .configure(notebook::configure)
        .configure(api::configure)
        .default_service(web::to(not_found::not_found));
}
