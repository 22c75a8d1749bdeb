//! Coordinators' pages.

pub mod communities;
pub mod events;
pub mod facilities;
pub mod magazine;
pub mod mail;
pub mod members;
pub mod notices;
pub mod posts;
pub mod roster_import;
pub mod stats;
pub mod watch;
pub mod watch_child;
pub mod watch_people;
pub mod watch_readers;
pub mod watch_recipients;
pub mod watch_school;
