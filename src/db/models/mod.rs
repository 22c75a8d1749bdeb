//! Table models: rows and the queries on them.

pub mod area;
pub mod inbound_mail;
pub mod job;
pub mod login_limit;
pub mod mail_address;
pub mod mail_bounce;
pub mod member;
pub mod moderation;
pub mod notice;
pub mod outbox;
pub mod photo;
pub mod post;
pub mod post_comment;
pub mod post_report;
pub mod registration_invite;
pub mod session;
pub mod subscriber_id;
pub mod watch;
