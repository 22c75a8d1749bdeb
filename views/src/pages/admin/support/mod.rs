//! 送迎・あずかり支援: the coordinators' pages.

pub mod request;
