//! Mails, as Unicode subject and body; the mail sender encodes them per recipient's carrier.

pub mod account;
pub mod community;
pub mod inbound;
pub mod magazine;
pub mod notebook;
pub mod support;
pub mod watch;

/// A composed mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// The answer to a thread sent by mail: `accepted` and the photos or text that could not be used
/// (`notes`, each already a sentence).
fn thread_accepted(subject: &str, accepted: String, notes: &[String]) -> MailText {
    let mut body = accepted;
    if !notes.is_empty() {
        body.push_str("\nご注意：\n");
        for note in notes {
            body.push_str(&format!("・{note}\n"));
        }
    }
    MailText {
        subject: subject.into(),
        body,
    }
}
