//! Coordinators' pages.

pub mod mail;
pub mod members;
pub mod posts;
pub mod roster_import;
pub mod watch;
pub mod watch_child;
pub mod watch_people;
pub mod watch_readers;
pub mod watch_recipients;
pub mod watch_school;
