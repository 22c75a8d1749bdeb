//! Receiving mail: check the recipient, store the raw message durably, queue its processing.
//!
//! Both doors (`hiroba mail-in` and the SMTP listener) come here, and both answer in the terms of
//! this module's `Refusal`: an exit status for Postfix's pipe(8), a reply code for SMTP.

use crate::db::models::inbound_mail::InboundMail;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::DbConnection;
use crate::domain::mail_route::{verp_tag_matches, Route};
use crate::mail::bounce_key;
use crate::threads::Venue;
use mail_parser::MessageParser;
use sha2::{Digest, Sha256};

/// Why a message was not stored.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("unknown recipient")]
    UnknownRecipient,
    #[error("unusable message: {0}")]
    Unusable(&'static str),
    #[error("message larger than {0} bytes")]
    TooLarge(usize),
    /// Try again later: the database is busy or unreachable, the disk is full, time ran out.
    #[error("temporary failure: {0}")]
    Transient(String),
}

/// sysexits(3), the statuses Postfix's pipe(8) understands.
pub const EX_OK: u8 = 0;
pub const EX_DATAERR: u8 = 65;
pub const EX_NOUSER: u8 = 67;
pub const EX_TEMPFAIL: u8 = 75;

impl Refusal {
    pub fn exit_code(&self) -> u8 {
        match self {
            Refusal::UnknownRecipient => EX_NOUSER,
            Refusal::Unusable(_) | Refusal::TooLarge(_) => EX_DATAERR,
            Refusal::Transient(_) => EX_TEMPFAIL,
        }
    }

    /// The SMTP reply (code, enhanced status and text).
    pub fn smtp_reply(&self) -> (u16, String) {
        match self {
            Refusal::UnknownRecipient => (550, "5.1.1 No such recipient here".into()),
            Refusal::Unusable(why) => (554, format!("5.6.0 Message unusable: {why}")),
            Refusal::TooLarge(max) => (552, format!("5.3.4 Message larger than {max} bytes")),
            Refusal::Transient(_) => (451, "4.3.0 Temporary failure, please try again later".into()),
        }
    }
}

impl From<diesel::result::Error> for Refusal {
    fn from(e: diesel::result::Error) -> Self {
        // Locked, full, unreachable or anything else: the message is not stored, so the sender
        // must keep it and try again.
        Refusal::Transient(e.to_string())
    }
}

/// What happened to an accepted message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    Stored(i64),
    /// The same message was stored for this recipient before (a redelivery).
    Duplicate,
}

/// Decides whether we take mail for a recipient (SMTP RCPT TO, and before storing).
/// `bounce_secret` is `MailSettings::bounce_secret`: a bounce address must carry our tag.
pub fn check_recipient(
    conn: &mut DbConnection,
    recipient: &str,
    domain: &str,
    bounce_secret: Option<&str>,
) -> Result<Route, Refusal> {
    let route = Route::parse(recipient, domain).ok_or(Refusal::UnknownRecipient)?;
    match &route {
        // Whether the member may write there is answered by a reply; a place that never existed (a
        // community's id) or an old token is an unknown address.
        Route::Thread { place, token } => {
            crate::threads::address::poster_of(conn, *place, token)?.ok_or(Refusal::UnknownRecipient)?;
            Venue::find(conn, *place)?.ok_or(Refusal::UnknownRecipient)?;
        }
        Route::Support { side, token } => {
            if !crate::support::reply::known_token(conn, *side, token)? {
                return Err(Refusal::UnknownRecipient);
            }
        }
        Route::NotebookReply { token } => {
            Recipient::by_token(conn, token)?.ok_or(Refusal::UnknownRecipient)?;
        }
        Route::Absence { token } => {
            Family::by_mail_token(conn, token)?.ok_or(Refusal::UnknownRecipient)?;
        }
        // A forged report could silence a guardian's alerts: without our tag it is nobody's.
        Route::Bounce {
            outbox_id,
            tag,
            address,
        } => {
            let key = bounce_key(conn, bounce_secret)?;
            if !verp_tag_matches(&key, *outbox_id, address, tag) {
                return Err(Refusal::UnknownRecipient);
            }
        }
        Route::Entry => {}
    }
    Ok(route)
}

/// Stores one message for its recipients, its bytes once. Returns only after the rows are
/// committed; one refused recipient refuses the whole message (the listener checked each at RCPT).
pub fn receive(
    conn: &mut DbConnection,
    domain: &str,
    bounce_secret: Option<&str>,
    max_bytes: usize,
    recipients: &[&str],
    envelope_sender: Option<&str>,
    raw: &[u8],
) -> Result<Vec<Received>, Refusal> {
    if raw.len() > max_bytes {
        return Err(Refusal::TooLarge(max_bytes));
    }
    let key = message_key(raw)?;
    let mut normalised = Vec::with_capacity(recipients.len());
    for recipient in recipients {
        check_recipient(conn, recipient, domain, bounce_secret)?;
        normalised.push(recipient.trim().trim_matches(['<', '>']).to_ascii_lowercase());
    }
    let sender = envelope_sender
        .map(|s| s.trim().trim_matches(['<', '>']))
        .filter(|s| !s.is_empty());
    let stored = InboundMail::store(conn, &key, &normalised, sender, raw)?;
    Ok(stored
        .into_iter()
        .map(|id| id.map_or(Received::Duplicate, Received::Stored))
        .collect())
}

/// The Message-ID, or a hash of the bytes for mail without one; refuses what is not a mail.
fn message_key(raw: &[u8]) -> Result<String, Refusal> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::Unusable("empty message"));
    }
    let parsed = MessageParser::default()
        .parse_headers(raw)
        .ok_or(Refusal::Unusable("no header block"))?;
    // A header block needs at least one "Name: value" line before the body.
    let has_header = parsed.headers().iter().any(|h| !h.name().is_empty());
    if !has_header || !looks_like_header_line(raw) {
        return Err(Refusal::Unusable("no header block"));
    }
    Ok(
        match parsed.message_id().filter(|id| !id.is_empty() && id.len() <= 250) {
            Some(id) => format!("<{id}>"),
            None => format!("sha256:{:x}", Sha256::digest(raw)),
        },
    )
}

/// The first line is a header field (`Name:`), or an mbox/pipe `From ` line or `Return-Path`.
fn looks_like_header_line(raw: &[u8]) -> bool {
    let first = raw.split(|&b| b == b'\n').next().unwrap_or_default();
    let name_end = first.iter().position(|&b| b == b':');
    match name_end {
        Some(end) if end > 0 => first[..end].iter().all(|&b| b.is_ascii_graphic() && b != b':'),
        _ => first.starts_with(b"From "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_key_messages_and_hashes_stand_in() {
        let with_id = b"Message-ID: <abc@docomo.ne.jp>\r\nFrom: a@b.jp\r\n\r\nbody\r\n";
        assert_eq!(message_key(with_id).unwrap(), "<abc@docomo.ne.jp>");
        let without = b"From:softbank@softbank.ne.jp\r\n\r\nbody\r\n";
        let key = message_key(without).unwrap();
        assert!(key.starts_with("sha256:"), "{key}");
        assert_eq!(key, message_key(without).unwrap());
    }

    #[test]
    fn garbage_is_unusable() {
        for garbage in [
            &b""[..],
            b"   \r\n",
            b"\x00\x01\x02binary",
            b"just some text without headers\n",
        ] {
            assert!(matches!(message_key(garbage), Err(Refusal::Unusable(_))), "{garbage:?}");
        }
    }

    #[test]
    fn every_refusal_maps_to_a_pipe_status_and_smtp_code() {
        assert_eq!(Refusal::UnknownRecipient.exit_code(), 67);
        assert_eq!(Refusal::Unusable("x").exit_code(), 65);
        assert_eq!(Refusal::TooLarge(1).exit_code(), 65);
        assert_eq!(Refusal::Transient("x".into()).exit_code(), 75);
        assert_eq!(Refusal::UnknownRecipient.smtp_reply().0, 550);
        assert_eq!(Refusal::TooLarge(1).smtp_reply().0, 552);
        assert_eq!(Refusal::Transient("x".into()).smtp_reply().0, 451);
    }
}
