//! Handing composed mail over: an SMTP relay or sendmail (with lettre), or a directory of `.eml`
//! files for the demo and for people who want to read what would have been sent.
//!
//! A `Session` is one SMTP session: the worker opens one per carrier and batch so that no
//! connection carries more recipients than the carrier accepts (docomo: 100). lettre speaks SMTP;
//! the socket under it is ours (`socket.rs` says why), the URL rules are lettre's (`relay.rs`).

mod relay;
mod smtp;
mod socket;

pub use relay::{Relay, Tls};
pub use smtp::SmtpSession;

use crate::config::Transport;
use lettre::address::{Address, Envelope};
use lettre::{SendmailTransport, Transport as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a mail was not handed over.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// The relay refused the mail for good (5xx): trying again would not help.
    pub permanent: bool,
    /// What went wrong, for the log and `/admin/mail`.
    pub message: String,
    /// The relay could not be reached or did not answer in time: nothing was said about this mail
    /// (its outcome is unknown after a timeout during the data), and the next mail that the relay
    /// accepts ends the backoff of every mail that waited for it.
    pub outage: bool,
}

impl SendError {
    fn transient(message: impl ToString) -> Self {
        SendError {
            permanent: false,
            message: message.to_string(),
            outage: false,
        }
    }

    fn outage(message: impl ToString) -> Self {
        SendError {
            outage: true,
            ..SendError::transient(message)
        }
    }
}

/// An open way to hand mail over; dropping it ends the SMTP session (QUIT).
pub enum Session {
    /// A relay from `HIROBA_SMTP_URL`; connects at the first mail.
    Smtp(Box<SmtpSession>),
    /// `HIROBA_SENDMAIL`: one process per mail.
    Sendmail(SendmailTransport),
    /// `HIROBA_MAIL_DIR`: one `.eml` file per mail.
    Directory(PathBuf),
}

impl Session {
    /// Gets ready to hand mail over; an SMTP relay is not contacted until the first mail. Handing
    /// one mail to a relay, connecting included, takes at most `timeout`.
    pub fn open(transport: &Transport, timeout: Duration) -> Result<Session, SendError> {
        Ok(match transport {
            Transport::Smtp(url) => Session::Smtp(Box::new(SmtpSession::new(url, timeout)?)),
            Transport::Sendmail(path) => Session::Sendmail(SendmailTransport::new_with_command(path)),
            Transport::Directory(dir) => {
                std::fs::create_dir_all(dir).map_err(SendError::transient)?;
                Session::Directory(dir.clone())
            }
        })
    }

    /// Hands one composed mail over. `name` names the file in a directory (stable per outbox row,
    /// so that sending a row again replaces its file).
    pub fn send(&mut self, envelope_from: &str, to: &str, message: &[u8], name: &str) -> Result<(), SendError> {
        match self {
            Session::Directory(dir) => write_eml(dir, envelope_from, name, message),
            Session::Smtp(smtp) => smtp.send(&envelope(envelope_from, to)?, message),
            Session::Sendmail(sendmail) => {
                let envelope = envelope(envelope_from, to)?;
                sendmail.send_raw(&envelope, message).map_err(SendError::transient)
            }
        }
    }
}

fn envelope(from: &str, to: &str) -> Result<Envelope, SendError> {
    let bad = |e: lettre::address::AddressError| SendError {
        permanent: true,
        message: format!("address not usable for SMTP: {e}"),
        outage: false,
    };
    Envelope::new(
        Some(smtp_address(from).map_err(bad)?),
        vec![smtp_address(to).map_err(bad)?],
    )
    .map_err(|e| SendError {
        permanent: true,
        message: e.to_string(),
        outage: false,
    })
}

/// docomo and au issued local parts that break RFC 5322 (`taro..hanako.`); SMTP carries them as
/// quoted strings (`"taro..hanako."@docomo.ne.jp`), which is what Postfix sends for them too.
fn smtp_address(address: &str) -> Result<Address, lettre::address::AddressError> {
    let (user, domain) = address.rsplit_once('@').unwrap_or((address, ""));
    Address::new(user, domain).or_else(|_| Address::new(format!("\"{user}\""), domain))
}

/// Writes `<name>.eml` via a temporary file, with the envelope sender as Return-Path like an MTA's
/// final delivery would.
fn write_eml(dir: &Path, envelope_from: &str, name: &str, message: &[u8]) -> Result<(), SendError> {
    let path = dir.join(format!("{name}.eml"));
    let partial = dir.join(format!(".{name}.eml.partial"));
    let mut bytes = format!("Return-Path: <{envelope_from}>\r\n").into_bytes();
    bytes.extend_from_slice(message);
    std::fs::write(&partial, &bytes)
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|e| SendError::transient(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keitai_local_parts_are_quoted_for_smtp() {
        assert_eq!(
            smtp_address("hanako@docomo.ne.jp").unwrap().to_string(),
            "hanako@docomo.ne.jp"
        );
        assert_eq!(
            smtp_address("taro..hanako.@docomo.ne.jp").unwrap().to_string(),
            "\"taro..hanako.\"@docomo.ne.jp"
        );
    }

    #[test]
    fn the_directory_gets_one_file_per_row() {
        let dir = std::env::temp_dir().join(format!("hiroba-eml-{}", std::process::id()));
        let mut session = Session::open(&Transport::Directory(dir.clone()), Duration::from_secs(1)).unwrap();
        session
            .send("bounce-0000001-a=b.jp@h.jp", "a@b.jp", b"Subject: x\r\n\r\nhi\r\n", "1")
            .unwrap();
        session
            .send("bounce-0000001-a=b.jp@h.jp", "a@b.jp", b"Subject: x\r\n\r\nhi\r\n", "1")
            .unwrap();
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["1.eml"]);
        let text = std::fs::read_to_string(dir.join("1.eml")).unwrap();
        assert!(
            text.starts_with("Return-Path: <bounce-0000001-a=b.jp@h.jp>\r\nSubject: x"),
            "{text}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
