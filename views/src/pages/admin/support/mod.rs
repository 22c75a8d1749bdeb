//! 送迎・あずかり支援: the coordinators' pages.

pub mod disputes;
pub mod meetings;
pub mod supporters;
