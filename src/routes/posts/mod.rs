//! クチコミ: the portal's list of threads. A post's page, its form, comments, reports and the
//! author's delete are a thread's (`routes::threads`).

pub mod list;

use actix_web::web;

/// Registers the クチコミ list.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/posts", web::get().to(list::list));
}
