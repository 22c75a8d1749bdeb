//! Pages, one module or folder per area, named like the handlers' folders in `src/routes`.

pub mod account;
pub mod admin;
pub mod communities;
pub mod device;
pub mod echo;
pub mod errors;
pub mod home;
pub mod magazine;
pub mod mail_help;
pub mod mypage;
pub mod notebook;
pub mod notice;
pub mod out;
pub mod portal;
pub mod posts;
pub mod search;
pub mod support;
pub mod threads;
pub mod watch;
