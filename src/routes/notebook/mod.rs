//! デジタル連絡帳・伝言板 on the web. Guardians' pages are under `/notebook`, a school's under
//! `/notebook/schools/{school}`, the home board device's under `/home`. One folder per part.
//!
//! URL map:
//! - families: `/notebook` (the guardian's or teacher's start), `/notebook/join` (申込コード),
//!   `/notebook/family`, `/notebook/schools/{school}` (the school's start), `…/joins`, `…/codes`,
//!   `…/classes/{grade}/{class}` (the class list with bounced addresses), `…/teachers`, `…/settings`
//! - messages: `/notebook/messages`, `/notebook/messages/{id}`, `/notebook/r/{token}` (the mail's
//!   link), `/notebook/attachments/{id}`, `/notebook/schools/{school}/messages` (`/new`, `/{id}`:
//!   receipts class by class, `/{id}/remind`)
//! - answers: `/notebook/messages/{id}/answer`, `/notebook/r/{token}/answer`,
//!   `/notebook/schools/{school}/messages/{id}/answers` (tally, replies; `.csv`)
//! - absence: `/notebook/absences` (`/new`), `/notebook/schools/{school}/absences` (today per class,
//!   `/{id}/confirm`), `/notebook/schools/{school}/not-arrived` (`/{child}/contacted`)
//! - home: `/notebook/home` (pairing code, devices, messages to the child), `/home` (the device)

pub mod absence;
pub mod answers;
pub mod families;
pub mod home;
pub mod messages;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(families::configure)
        .configure(messages::configure)
        .configure(answers::configure)
        .configure(absence::configure)
        .configure(home::configure);
}
