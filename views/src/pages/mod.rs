//! Pages, one module per area.

pub mod account;
pub mod device;
pub mod echo;
pub mod errors;
pub mod events;
pub mod events_admin;
pub mod facilities;
pub mod home;
pub mod magazine;
pub mod mail_help;
pub mod mail_status;
pub mod members;
pub mod mypage;
pub mod notice;
pub mod out;
pub mod portal;
pub mod post;
pub mod roster_import;
pub mod stats;
pub mod watch;
pub mod watch_admin;
pub mod watch_board;
pub mod watch_child;
pub mod watch_school;
pub mod watch_settings;
