//! デジタル連絡帳・伝言板: families joined to the roster's children, messages with receipts and
//! answers, absence notices, the not-arrived list and the home board. Web handlers
//! (`routes::notebook`) and mail processing (`mail::inbound::process::{notebook_reply, absence}`)
//! share this.

pub mod absence;
pub mod access;
pub mod answers;
pub mod compose;
pub mod deliver;
pub mod home;
pub mod join;
pub mod maintenance;
pub mod not_arrived;
pub mod remind;
pub mod retention;
