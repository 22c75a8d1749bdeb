//! 送迎・あずかり支援: the coordinators' pages.
pub mod console;
pub mod statements;
