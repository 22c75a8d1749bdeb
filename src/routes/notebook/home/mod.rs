//! The notebook's home pages (see `routes::notebook` for the URL map).
//!
//! Guardians: `/notebook/home` (the board's lines, a message for the children, the devices with
//! 「解除する」, the pairing code), `/notebook/home/notes`, `/notebook/home/code`,
//! `/notebook/home/boards/{id}/unpair` (POST).
//!
//! The device: `/home` (the pairing form, `/home/pair`; once paired, the board), with its token in
//! a long-lived HttpOnly cookie (`device::COOKIE`, path `/home`), or, for a phone without cookies,
//! in the URL: `/home/b/{token}` and its `/tadaima` and `/reply`. A device's token opens these
//! pages only: it is no member session.

pub mod code;
pub mod device;
pub mod guardian;
pub mod note;
pub mod pair;
pub mod press;
pub mod unpair;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notebook/home", web::get().to(guardian::show))
        .route("/notebook/home/notes", web::post().to(note::create))
        .route("/notebook/home/code", web::post().to(code::create))
        .route("/notebook/home/boards/{id}/unpair", web::post().to(unpair::unpair))
        .route("/home", web::get().to(device::show))
        .route("/home/pair", web::post().to(pair::pair))
        .route("/home/tadaima", web::post().to(press::tadaima))
        .route("/home/reply", web::post().to(press::reply))
        .route("/home/b/{token}", web::get().to(device::show_by_token))
        .route("/home/b/{token}/tadaima", web::post().to(press::tadaima_by_token))
        .route("/home/b/{token}/reply", web::post().to(press::reply_by_token));
}
