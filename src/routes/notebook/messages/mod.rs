//! The notebook's messages pages (see `routes::notebook` for the URL map): the teacher's compose
//! form, sent list, receipts and reminder; the guardian's list and message, logged in or through
//! the mail's link; the message's photos and files.

pub mod compose;
pub mod files;
pub mod inbox;
pub mod reader;
pub mod receipts;
pub mod sent;
pub mod show;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notebook/messages", web::get().to(inbox::list))
        .route("/notebook/messages/{id}", web::get().to(show::by_login))
        .route(
            "/notebook/messages/{id}/photos/{photo}",
            web::get().to(files::photo_by_login),
        )
        .route("/notebook/r/{token}", web::get().to(show::by_token))
        .route(
            "/notebook/r/{token}/photos/{photo}",
            web::get().to(files::photo_by_token),
        )
        .route(
            "/notebook/r/{token}/attachments/{id}",
            web::get().to(files::attachment_by_token),
        )
        .route("/notebook/attachments/{id}", web::get().to(files::attachment_by_login))
        .route("/notebook/schools/{school}/messages", web::get().to(sent::list))
        .route("/notebook/schools/{school}/messages/new", web::get().to(compose::form))
        .route(
            "/notebook/schools/{school}/messages/new",
            web::post().to(compose::create),
        )
        .route(
            "/notebook/schools/{school}/messages/{id}",
            web::get().to(receipts::show),
        )
        .route(
            "/notebook/schools/{school}/messages/{id}/remind",
            web::post().to(receipts::remind),
        );
}
