//! HTTP handlers, thin: extract → parse → model call → view struct → render.

pub mod account;
pub mod admin;
pub mod api;
pub mod areas;
pub mod communities;
pub mod device;
pub mod help;
pub mod home;
pub mod mypage;
pub mod out;
pub mod photos;
pub mod portal;
pub mod posts;
pub mod qr;
pub mod request;
pub mod search;
pub mod upload;
pub mod watch;

use actix_web::web;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        .route("/notices/{id}", web::get().to(home::notice))
        .route("/portal", web::get().to(home::portal))
        .route("/search", web::get().to(search::search))
        .route("/events", web::get().to(portal::event_list::list))
        .route("/events/{id}", web::get().to(portal::event_list::show))
        .route("/facilities", web::get().to(portal::facilities::list))
        .route("/facilities/{id}", web::get().to(portal::facilities::show))
        .route("/facilities/{id}/slots", web::get().to(portal::slots::form))
        .route("/facilities/{id}/slots", web::post().to(portal::slots::save))
        .route("/admin/notices", web::get().to(admin::notices::list))
        .route("/admin/notices", web::post().to(admin::notices::create))
        .route("/admin/notices/{id}", web::get().to(admin::notices::edit))
        .route("/admin/notices/{id}", web::post().to(admin::notices::update))
        .route("/admin/notices/{id}/delete", web::post().to(admin::notices::delete))
        .route("/admin/events", web::get().to(admin::events::list))
        .route("/admin/events", web::post().to(admin::events::create))
        .route("/admin/events/{id}", web::get().to(admin::events::edit))
        .route("/admin/events/{id}", web::post().to(admin::events::update))
        .route("/admin/events/{id}/delete", web::post().to(admin::events::delete))
        .route("/admin/facilities", web::get().to(admin::facilities::list))
        .route("/admin/facilities", web::post().to(admin::facilities::create))
        .route("/admin/facilities/{id}", web::get().to(admin::facilities::edit::edit))
        .route(
            "/admin/facilities/{id}",
            web::post().to(admin::facilities::edit::update),
        )
        .route(
            "/admin/facilities/{id}/delete",
            web::post().to(admin::facilities::edit::delete),
        )
        .route(
            "/admin/facilities/{id}/staff",
            web::post().to(admin::facilities::staff::add),
        )
        .route(
            "/admin/facilities/{id}/staff/remove",
            web::post().to(admin::facilities::staff::remove),
        )
        .route("/device", web::get().to(device::page))
        .route("/device.json", web::get().to(device::json))
        .route("/device/echo", web::post().to(device::echo))
        .route("/device/echo.json", web::post().to(device::echo_json))
        .route("/out", web::get().to(out::interstitial))
        .route("/login", web::get().to(account::login::form))
        .route("/login", web::post().to(account::login::submit))
        .route("/login/easy", web::post().to(account::easy_login::submit))
        .route("/logout", web::get().to(account::logout::form))
        .route("/logout", web::post().to(account::logout::submit))
        .route("/register", web::get().to(account::register::form))
        .route("/register", web::post().to(account::register::submit))
        .route("/register/confirm", web::get().to(account::confirm::confirm))
        .route("/reauth", web::get().to(account::reauth::form))
        .route("/reauth", web::post().to(account::reauth::submit))
        .route("/mypage", web::get().to(mypage::show))
        .route("/mypage/addresses", web::post().to(mypage::addresses::add))
        .route(
            "/mypage/addresses/primary",
            web::post().to(mypage::addresses::make_primary),
        )
        .route("/mypage/addresses/remove", web::post().to(mypage::addresses::remove))
        .route("/mypage/phone", web::get().to(mypage::phone::form))
        .route("/mypage/phone", web::post().to(mypage::phone::register))
        .route("/mypage/phone/remove", web::post().to(mypage::phone::remove))
        .route("/help/mail", web::get().to(help::mail))
        .route("/posts", web::get().to(posts::list::list))
        .route("/posts/new", web::get().to(posts::create::form))
        .route("/posts/new", web::post().to(posts::create::submit))
        .route("/posts/{id}", web::get().to(posts::show::show))
        .route("/posts/{id}/comments", web::post().to(posts::comment::create))
        .route("/posts/{id}/report", web::post().to(posts::report::create))
        .route("/posts/{id}/delete", web::get().to(posts::delete::confirm))
        .route("/posts/{id}/delete", web::post().to(posts::delete::delete))
        .route("/communities", web::get().to(communities::list::list))
        .route("/communities/new", web::get().to(communities::create::form))
        .route("/communities/new", web::post().to(communities::create::submit))
        .route("/communities/{id}", web::get().to(communities::show::show))
        .route("/communities/{id}/join", web::post().to(communities::membership::join))
        .route(
            "/communities/{id}/leave",
            web::post().to(communities::membership::leave),
        )
        .route("/communities/{id}/qr", web::get().to(communities::qr::posting))
        .route(
            "/communities/{id}/topics/new",
            web::get().to(communities::topic_create::form),
        )
        .route(
            "/communities/{id}/topics/new",
            web::post().to(communities::topic_create::submit),
        )
        .route(
            "/communities/{id}/topics/{topic}",
            web::get().to(communities::topic_show::show),
        )
        .route(
            "/communities/{id}/topics/{topic}/comments",
            web::post().to(communities::comment::create),
        )
        .route(
            "/communities/{id}/topics/{topic}/moderate",
            web::post().to(communities::moderate::moderate),
        )
        .route(
            "/communities/{id}/topics/{topic}/comments/{comment}/moderate",
            web::post().to(communities::comment_moderate::moderate),
        )
        .route(
            "/communities/{id}/topics/{topic}/delete",
            web::get().to(communities::topic_delete::confirm),
        )
        .route(
            "/communities/{id}/topics/{topic}/delete",
            web::post().to(communities::topic_delete::delete),
        )
        .route("/admin/communities", web::get().to(admin::communities::list))
        .route("/admin/communities/decide", web::post().to(admin::communities::decide))
        .route("/admin/posts", web::get().to(admin::posts::list))
        .route("/admin/posts/moderate", web::post().to(admin::posts::moderate_post))
        .route(
            "/admin/posts/reports/resolve",
            web::post().to(admin::posts::resolve_reports),
        )
        .route("/qr/site", web::get().to(qr::site))
        .route("/qr/entry", web::get().to(qr::entry))
        .route("/qr/posting", web::get().to(qr::posting))
        .route("/mypage/addresses/test", web::post().to(mypage::addresses::test_mail))
        .route("/mypage/posting/renew", web::post().to(mypage::posting::renew))
        .route("/photos/{id}", web::get().to(photos::show))
        .route("/admin/mail", web::get().to(admin::mail::status))
        .route("/admin/members", web::get().to(admin::members::list))
        .route("/admin/members/approve", web::post().to(admin::members::approve))
        .route("/admin/members/suspend", web::post().to(admin::members::suspend))
        .route("/admin/stats", web::get().to(admin::stats::page))
        .route("/admin/magazine", web::get().to(admin::magazine::list))
        .route("/admin/magazine", web::post().to(admin::magazine::create))
        .route("/admin/magazine/{id}", web::get().to(admin::magazine::show))
        .route("/admin/magazine/{id}/send", web::post().to(admin::magazine::send))
        .route("/mypage/magazine", web::get().to(mypage::magazine::form))
        .route("/mypage/magazine", web::post().to(mypage::magazine::save))
        .route("/admin/stats.csv", web::get().to(admin::stats::csv))
        .route("/admin/watch/import", web::get().to(admin::watch::import::form))
        .route("/admin/watch/import", web::post().to(admin::watch::import::upload))
        .route("/watch", web::get().to(watch::home::show))
        .route("/watch/children/{id}", web::get().to(watch::history::show))
        .route(
            "/watch/children/{id}/settings/{recipient}",
            web::get().to(watch::settings::form),
        )
        .route(
            "/watch/children/{id}/settings/{recipient}",
            web::post().to(watch::settings::save),
        )
        .route("/watch/schools/{id}", web::get().to(watch::board::show))
        .route("/admin/watch", web::get().to(admin::watch::schools::list))
        .route(
            "/admin/watch/schools",
            web::post().to(admin::watch::schools::add_school),
        )
        .route("/admin/watch/audit", web::get().to(admin::watch::schools::audit))
        .route("/admin/watch/schools/{id}", web::get().to(admin::watch::school::show))
        .route(
            "/admin/watch/schools/{id}/times",
            web::post().to(admin::watch::school::times),
        )
        .route(
            "/admin/watch/schools/{id}/readers",
            web::post().to(admin::watch::readers::add),
        )
        .route(
            "/admin/watch/schools/{id}/readers/secret",
            web::post().to(admin::watch::readers::reissue_secret),
        )
        .route(
            "/admin/watch/schools/{id}/staff",
            web::post().to(admin::watch::people::add_staff),
        )
        .route(
            "/admin/watch/schools/{id}/staff/remove",
            web::post().to(admin::watch::people::remove_staff),
        )
        .route(
            "/admin/watch/schools/{id}/contacts",
            web::post().to(admin::watch::people::add_contact),
        )
        .route(
            "/admin/watch/schools/{id}/contacts/remove",
            web::post().to(admin::watch::people::remove_contact),
        )
        .route("/admin/watch/children/{id}", web::get().to(admin::watch::child::show))
        .route(
            "/admin/watch/children/{id}/tag",
            web::post().to(admin::watch::child::assign_tag),
        )
        .route(
            "/admin/watch/children/{id}/tag/release",
            web::post().to(admin::watch::child::release_tag),
        )
        .route(
            "/admin/watch/children/{id}/recipients",
            web::post().to(admin::watch::recipients::add),
        )
        .route(
            "/admin/watch/children/{id}/recipients/remove",
            web::post().to(admin::watch::recipients::remove),
        )
        .route("/api/v1/readers/{id}/events", web::post().to(api::readers::events))
        .route(
            "/api/v1/readers/{id}/heartbeat",
            web::post().to(api::readers::heartbeat),
        )
        .route("/health", web::get().to(|| async { "ok" }));
}
