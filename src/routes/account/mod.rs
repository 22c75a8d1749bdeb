//! Login, registration, logout, password confirmation and the forgotten password.

pub mod confirm;
pub mod easy_login;
pub mod forgot;
pub mod login;
pub mod logout;
pub mod reauth;
pub mod register;
pub mod reset;

use crate::auth::login::{client_key, member_hash, settle_member_password};
use crate::domain::next_path::NextPath;
use crate::error::AppError;
use crate::routes::request::Visitor;
use actix_web::web;
use chrono::NaiveDateTime;

/// Where to go after login (`domain::next_path`): a path of ours, never `/out`, never with a sid.
pub fn safe_next(next: Option<&str>) -> String {
    NextPath::parse(next).into_string()
}

/// A member's password once more (`/reauth`, confirming an address, changing the password), under
/// her per-member limit: `Ok(true)` right, `Ok(false)` wrong, `Err(until)` locked. The hash is
/// checked between two database steps, holding no connection.
pub async fn check_member_password(
    visitor: &Visitor,
    member_id: i64,
    password: String,
) -> Result<Result<bool, NaiveDateTime>, AppError> {
    let stored = match visitor.db(move |conn| Ok(member_hash(conn, member_id)?)).await? {
        Ok(stored) => stored,
        Err(until) => return Ok(Err(until)),
    };
    let matches = visitor.verify_password(password, Some(stored)).await?;
    visitor
        .db(move |conn| Ok(settle_member_password(conn, member_id, matches)?))
        .await
}

/// A UTC time as members read it (Japan time, hours and minutes).
pub fn jst_clock(utc: chrono::NaiveDateTime) -> String {
    (utc + chrono::Duration::hours(9)).format("%H:%M").to_string()
}

/// The key a limit counts the client under (`auth::login::client_key`: its address, an IPv6
/// client's /64), or None for a carrier gateway: thousands of phones share one, and a lock there
/// would shut out a whole carrier's members. Gateways are exempt only while their list can be
/// believed.
pub fn limited_client(visitor: &Visitor) -> Option<String> {
    let from_gateway = visitor
        .state()
        .gateways()
        .fresh_list()
        .and_then(|g| g.carrier_of(visitor.client_ip))
        .is_some();
    (!from_gateway).then(|| client_key(visitor.client_ip))
}

/// Registers login, registration, logout and reauthentication.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login::form))
        .route("/login", web::post().to(login::submit))
        .route("/login/easy", web::post().to(easy_login::submit))
        .route("/logout", web::get().to(logout::form))
        .route("/logout", web::post().to(logout::submit))
        .route("/register", web::get().to(register::form))
        .route("/register", web::post().to(register::submit))
        .route("/register/confirm", web::get().to(confirm::show))
        .route("/register/confirm", web::post().to(confirm::submit))
        .route("/reauth", web::get().to(reauth::form))
        .route("/reauth", web::post().to(reauth::submit))
        .route("/password/forgot", web::get().to(forgot::form))
        .route("/password/forgot", web::post().to(forgot::submit))
        .route("/password/reset", web::get().to(reset::form))
        .route("/password/reset", web::post().to(reset::submit));
}
