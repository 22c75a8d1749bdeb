//! 送迎・あずかり支援 tables: members and supporters, children, availability, 事前打合せ, area
//! distances, requests with their progress and offers, reports, and the log.
//!
//! A request is two rows: what was asked (`support_requests`, fixed once asked) and where it stands
//! (`support_progress`). Every change of state is one conditional UPDATE of the progress row
//! (`WHERE status IN (…)`), so two app servers racing for the same request have one winner on both
//! backends.

pub mod child;
pub mod console;
pub mod distance;
pub mod handover;
pub mod history;
pub mod log;
pub mod member;
pub mod offer;
pub mod pre_meeting;
pub mod report;
pub mod request;
pub mod seeking;
pub mod statement;
pub mod supporter;
