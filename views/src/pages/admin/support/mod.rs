//! 送迎・あずかり支援: the coordinators' pages.

pub mod meetings;
pub mod supporters;
