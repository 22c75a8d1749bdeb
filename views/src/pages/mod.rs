//! Pages, one module per area.

pub mod account;
pub mod device;
pub mod echo;
pub mod errors;
pub mod home;
pub mod mail_help;
pub mod mail_status;
pub mod members;
pub mod mypage;
pub mod notice;
pub mod out;
pub mod post;
pub mod post_admin;
pub mod post_new;
pub mod posts;
pub mod roster_import;
pub mod watch;
pub mod watch_admin;
pub mod watch_board;
pub mod watch_child;
pub mod watch_school;
pub mod watch_settings;
