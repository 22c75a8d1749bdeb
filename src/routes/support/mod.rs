//! 送迎・あずかり支援 for members: enrolment, children, the supporter's profile, requests, offers
//! (by token, without a password), handover and reports. Coordinators' pages are in
//! `routes/admin/support/`.

pub mod activity;
pub mod availability;
pub mod bands;
pub mod children;
pub mod confirm;
pub mod door;
pub mod enrolled;
pub mod home;
pub mod join;
pub mod offer_link;
pub mod offers;
pub mod profile;
pub mod report;
pub mod request_cancel;
pub mod request_list;
pub mod request_new;
pub mod request_show;
pub mod statement;

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
    cfg.route("/support/activities/{id}", web::get().to(activity::show))
        .route("/support/activities/{id}/handover", web::post().to(activity::handover))
        .route("/support/activities/{id}/report", web::get().to(report::form))
        .route("/support/activities/{id}/report", web::post().to(report::save))
        .route("/support/h/{token}", web::get().to(activity::show_by_token))
        .route(
            "/support/h/{token}/handover",
            web::post().to(activity::handover_by_token),
        )
        .route("/support/h/{token}/report", web::get().to(report::form_by_token))
        .route("/support/h/{token}/report", web::post().to(report::save_by_token))
        .route("/support/c/{token}", web::get().to(confirm::show))
        .route("/support/c/{token}", web::post().to(confirm::save))
        .route("/support", web::get().to(home::show))
        .route("/support/join", web::get().to(join::form))
        .route("/support/join", web::post().to(join::save))
        .route("/support/children", web::get().to(children::list))
        .route("/support/children/new", web::get().to(children::new))
        .route("/support/children/new", web::post().to(children::create))
        .route("/support/children/{id}", web::get().to(children::edit))
        .route("/support/children/{id}", web::post().to(children::update))
        .route("/support/children/{id}/remove", web::post().to(children::remove))
        .route("/support/profile", web::get().to(profile::form))
        .route("/support/profile", web::post().to(profile::save))
        .route("/support/profile/active", web::post().to(profile::set_active))
        .route("/support/availability", web::get().to(availability::show))
        .route(
            "/support/availability/weekday/{n}",
            web::get().to(availability::weekday),
        )
        .route(
            "/support/availability/weekday/{n}",
            web::post().to(availability::save_weekday),
        )
        .route("/support/availability/days", web::get().to(availability::new_day))
        .route("/support/availability/days", web::post().to(availability::save_day))
        .route(
            "/support/availability/days/remove",
            web::post().to(availability::remove_day),
        )
        .route("/support/statement", web::get().to(statement::show));
}
