//! 送迎・あずかり支援 (issue 14): pure rules, no database and no HTTP.

pub mod fee;
pub mod fee_table;
pub mod holiday;
