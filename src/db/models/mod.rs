//! Table models: rows and the queries on them.

pub mod area;
pub mod login_limit;
pub mod mail_address;
pub mod member;
pub mod notice;
pub mod outbox;
pub mod session;
pub mod subscriber_id;
