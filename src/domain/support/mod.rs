//! 送迎・あずかり支援 (issue 14): the pure rules of matching a family's request with supporters.

pub mod availability;
pub mod candidate;
pub mod distance;
pub mod ids;
pub mod ranking;
pub mod reason;
pub mod request;
pub mod skill;
pub mod slot;
