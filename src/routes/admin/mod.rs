//! Coordinators' pages.

pub mod mail;
pub mod members;
pub mod roster_import;
