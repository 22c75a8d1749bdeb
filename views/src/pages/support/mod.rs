//! 送迎・あずかり支援: the members' pages.
pub mod activity;
pub mod availability;
pub mod children;
pub mod confirm;
pub mod home;
pub mod join;
pub mod offers;
pub mod profile;
pub mod requests;
pub mod statement;
