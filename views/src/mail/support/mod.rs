//! 送迎・あずかり支援 mails: offers, confirmations, reminders, reports, answers to replies. One file per
//! part of the flow.

pub mod handover;
pub mod matched_reply;
pub mod report;
