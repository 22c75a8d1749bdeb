//! Coordinators' pages.

pub mod members;
