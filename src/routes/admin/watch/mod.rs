//! 見守りの設定 for coordinators: schools, readers, people and children, the roster import and the
//! audit log.

pub mod child;
pub mod child_page;
pub mod import;
pub mod people;
pub mod readers;
pub mod recipients;
pub mod school;
pub mod schools;
