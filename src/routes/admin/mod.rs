//! Coordinators' pages.

pub mod communities;
pub mod community_close;
pub mod events;
pub mod facilities;
pub mod feedback;
pub mod magazine;
pub mod mail;
pub mod members;
pub mod moderation;
pub mod notices;
pub mod posts;
pub mod stats;
pub mod support;
pub mod watch;

use actix_web::web;

/// Registers the coordinators' pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(watch::configure)
        .configure(support::configure)
        .route("/admin/notices", web::get().to(notices::list))
        .route("/admin/notices", web::post().to(notices::create))
        .route("/admin/notices/{id}", web::get().to(notices::edit))
        .route("/admin/notices/{id}", web::post().to(notices::update))
        .route("/admin/notices/{id}/delete", web::post().to(notices::delete))
        .route("/admin/events", web::get().to(events::list))
        .route("/admin/events", web::post().to(events::create))
        .route("/admin/events/{id}", web::get().to(events::edit))
        .route("/admin/events/{id}", web::post().to(events::update))
        .route("/admin/events/{id}/delete", web::post().to(events::delete))
        .route("/admin/facilities", web::get().to(facilities::list))
        .route("/admin/facilities", web::post().to(facilities::create))
        .route("/admin/facilities/{id}", web::get().to(facilities::edit::edit))
        .route("/admin/facilities/{id}", web::post().to(facilities::edit::update))
        .route(
            "/admin/facilities/{id}/delete",
            web::post().to(facilities::edit::delete),
        )
        .route("/admin/facilities/{id}/staff", web::post().to(facilities::staff::add))
        .route(
            "/admin/facilities/{id}/staff/remove",
            web::post().to(facilities::staff::remove),
        )
        .route("/admin/communities", web::get().to(communities::list))
        .route("/admin/communities/decide", web::post().to(communities::decide))
        .route("/admin/communities/{id}/close", web::get().to(community_close::confirm))
        .route("/admin/posts", web::get().to(posts::list))
        .route("/admin/posts/moderate", web::post().to(posts::moderate_post))
        .route("/admin/posts/reports/resolve", web::post().to(posts::resolve_reports))
        .route("/admin/mail", web::get().to(mail::status))
        .route("/admin/members", web::get().to(members::list))
        .route("/admin/members/approve", web::post().to(members::approve))
        .route("/admin/members/suspend", web::post().to(members::suspend))
        .route("/admin/stats", web::get().to(stats::page))
        .route("/admin/magazine", web::get().to(magazine::list))
        .route("/admin/magazine", web::post().to(magazine::create))
        .route("/admin/magazine/{id}", web::get().to(magazine::show))
        .route("/admin/magazine/{id}/send", web::post().to(magazine::send))
        .route("/admin/stats.csv", web::get().to(stats::csv));
}
