//! 送迎・あずかり支援: the members' pages.

pub mod offers;
pub mod requests;
