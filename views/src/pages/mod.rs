//! Pages, one module per area.

pub mod device;
pub mod echo;
pub mod errors;
pub mod home;
pub mod notice;
pub mod out;
