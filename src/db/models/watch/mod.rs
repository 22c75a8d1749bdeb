//! Child-watch tables: schools, readers, children, tags, mail recipients, passes and the audit log.

pub mod audit;
pub mod child;
pub mod emergency_contact;
pub mod pass;
pub mod reader;
pub mod reader_event;
pub mod recipient;
pub mod school;
pub mod tag;
