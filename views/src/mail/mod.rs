//! Mails, as Unicode subject and body; the mail sender encodes them per recipient's carrier.

pub mod account;
pub mod community;
pub mod inbound;
pub mod watch;

/// A composed mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}
