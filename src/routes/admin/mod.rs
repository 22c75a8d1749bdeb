//! Coordinators' pages.

pub mod mail;
pub mod members;
