//! 送迎・あずかり支援 for members: enrolment, children, the supporter's profile, requests, offers
//! (by token, without a password), handover and reports. Coordinators' pages are in
//! `routes/admin/support/`.

pub mod offer_link;
pub mod offers;
pub mod request_cancel;
pub mod request_list;
pub mod request_new;
pub mod request_show;

use actix_web::web;

/// Registers the members' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/support/requests", web::get().to(request_list::list))
        .route("/support/requests/new", web::get().to(request_new::form))
        .route("/support/requests/new", web::post().to(request_new::create))
        .route("/support/requests/{id}", web::get().to(request_show::show))
        .route("/support/requests/{id}/cancel", web::post().to(request_cancel::cancel))
        .route("/support/offers", web::get().to(offers::list))
        .route("/support/o/{token}", web::get().to(offer_link::show))
        .route("/support/o/{token}", web::post().to(offer_link::answer));
}
