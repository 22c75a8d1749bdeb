//! 送迎・あずかり支援: the coordinators' pages.
pub mod console;
pub mod disputes;
pub mod distances;
pub mod meetings;
pub mod request;
pub mod statements;
pub mod supporters;
