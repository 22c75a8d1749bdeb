//! Table models: rows and the queries on them.

pub mod activity;
pub mod area;
pub mod care_slot;
pub mod event;
pub mod facility;
pub mod inbound_mail;
pub mod job;
pub mod login_limit;
pub mod magazine;
pub mod mail_address;
pub mod mail_bounce;
pub mod member;
pub mod moderation;
pub mod notice;
pub mod outbox;
pub mod page_view;
pub mod photo;
pub mod post;
pub mod post_comment;
pub mod post_report;
pub mod registration_invite;
pub mod session;
pub mod subscriber_id;
pub mod watch;
