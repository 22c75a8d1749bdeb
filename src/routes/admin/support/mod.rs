//! 送迎・あずかり支援 for coordinators (アドバイザー): the console, vetting, 事前打合せ, assigning,
//! disputes and the monthly statements. Every action is written to the support log.

pub mod console;
pub mod disputes;
pub mod distances;
pub mod meetings;
pub mod request;
pub mod request_assign;
pub mod request_cancel;
pub mod statement_csv;
pub mod statement_view;
pub mod statements;
pub mod supporter;
pub mod supporters;

use actix_web::web;

/// Registers the coordinators' support pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/support/requests/{id}", web::get().to(request::show))
        .route(
            "/admin/support/requests/{id}/assign",
            web::post().to(request_assign::assign),
        )
        .route(
            "/admin/support/requests/{id}/cancel",
            web::post().to(request_cancel::cancel),
        );
    cfg.route("/admin/support/disputes", web::get().to(disputes::list))
        .route("/admin/support/disputes/{id}", web::get().to(disputes::show))
        .route("/admin/support/disputes/{id}", web::post().to(disputes::settle))
        .route("/admin/support/supporters", web::get().to(supporters::list))
        .route("/admin/support/supporters/{id}", web::get().to(supporter::show))
        .route(
            "/admin/support/supporters/{id}/vetting",
            web::post().to(supporter::save_vetting),
        )
        .route(
            "/admin/support/supporters/{id}/active",
            web::post().to(supporter::set_active),
        )
        .route("/admin/support/distances", web::get().to(distances::show))
        .route("/admin/support/distances", web::post().to(distances::save))
        .route("/admin/support/meetings", web::get().to(meetings::show))
        .route("/admin/support/meetings", web::post().to(meetings::record))
        .route("/admin/support", web::get().to(console::show));
    cfg.route("/admin/support/statements", web::get().to(statements::month));
    cfg.route(
        "/admin/support/statements/supporters.csv",
        web::get().to(statement_csv::supporters),
    );
    cfg.route(
        "/admin/support/statements/families.csv",
        web::get().to(statement_csv::families),
    );
    cfg.route(
        "/admin/support/statements/centre.csv",
        web::get().to(statement_csv::centre),
    );
    cfg.route(
        "/admin/support/statements/supporters/{id}",
        web::get().to(statements::supporter),
    );
    cfg.route(
        "/admin/support/statements/families/{id}",
        web::get().to(statements::family),
    );
}
