//! 送迎・あずかり支援 (issue 14): the work that spans the support tables — asking, ranking and
//! offering in waves, the first acceptance winning, the handover, reports and fees, statements.
//! Pure rules are in `domain::support`; tables in `db::models::support`; pages in
//! `routes::support`; mail replies arrive through `mail::inbound::process::support`.

pub mod accept;
pub mod ask;
pub mod cancel;
pub mod candidates;
pub mod confirm;
pub mod describe;
pub mod handover;
pub mod jobs;
pub mod notify;
pub mod reply;
pub mod report;
pub mod statement;
pub mod wave;
