//! Coordinators' watch pages: schools, one school, one child, the roster import.

pub mod child;
pub mod import;
pub mod school;
pub mod schools;
