//! Coordinators' pages.

pub mod communities;
pub mod events;
pub mod facilities;
pub mod mail;
pub mod members;
pub mod notices;
pub mod posts;
pub mod stats;
pub mod support;
pub mod watch;
