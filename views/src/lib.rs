//! Hiroba's pages and mails, written with maud: a device-aware markup layer and the pages built on it.
//!
//! Views receive plain view-model structs and a `Ctx` describing the device; they produce Unicode
//! markup and know nothing of bytes, charsets or the database.

pub mod chart;
pub mod components;
pub mod csv;
pub mod ctx;
pub mod layout;
pub mod mail;
pub mod pages;
pub mod text;

pub use ctx::{Ctx, Flavor, InputHint, Styling};
