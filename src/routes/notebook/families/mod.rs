//! The notebook's families pages (see `routes::notebook` for the URL map).

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
