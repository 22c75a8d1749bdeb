//! Child watch (子どもの見守り): IC-tag readers report children passing; guardians get a mail.

pub mod alerts;
pub mod batch;
pub mod health;
pub mod import;
pub mod ingest;
pub mod presence;
pub mod retention;
pub mod roster;
pub mod signature;
pub mod simulate;
