//! 送迎・あずかり支援 (issue 14): the pure rules of matching a family's request with supporters and
//! of what an activity costs; no database and no HTTP.

pub mod answer;
pub mod asking;
pub mod availability;
pub mod candidate;
pub mod describe;
pub mod distance;
pub mod enrolment;
pub mod fee;
pub mod fee_table;
pub mod holiday;
pub mod ids;
pub mod matched_reply;
pub mod privacy;
pub mod ranking;
pub mod reason;
pub mod report;
pub mod request;
pub mod skill;
pub mod slot;
pub mod statement;
pub mod status;
pub mod vetting;
pub mod vetting_state;
