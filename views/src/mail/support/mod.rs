//! 送迎・あずかり支援 mails: offers, confirmations, reminders, reports, answers to replies. One file per
//! part of the flow.

pub mod cancelled;
pub mod coordinator;
pub mod handover;
pub mod matched;
pub mod matched_reply;
pub mod offer;
pub mod reminder;
pub mod reply;
pub mod report;
