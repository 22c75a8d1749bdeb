//! Pages, one module per area.

pub mod account;
pub mod device;
pub mod echo;
pub mod errors;
pub mod home;
pub mod members;
pub mod mypage;
pub mod notice;
pub mod out;
