//! The notebook's messages pages: the teacher's compose form, sent list and receipts, the
//! guardian's list and a message (logged in or through the mail's link).

pub mod compose;
pub mod inbox;
pub mod receipts;
pub mod sent;
pub mod show;
