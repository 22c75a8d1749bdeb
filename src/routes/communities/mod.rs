//! コミュニティ: the list, proposing one, a community's page with join and leave and the member's
//! address for it. Its topics are threads (`routes::threads`).

pub mod create;
pub mod list;
pub mod membership;
pub mod qr;
pub mod show;

use crate::routes::areas::{area_choices, area_name};

use actix_web::web;

/// Registers the communities' pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities", web::get().to(list::list))
        .route("/communities/new", web::get().to(create::form))
        .route("/communities/new", web::post().to(create::submit))
        .route("/communities/{id}", web::get().to(show::show))
        .route("/communities/{id}/join", web::post().to(membership::join))
        .route("/communities/{id}/leave", web::post().to(membership::leave))
        .route("/communities/{id}/qr", web::get().to(qr::posting));
}
