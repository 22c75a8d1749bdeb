//! An inbound mail → sender, subject and text in Unicode with standard emoji, and its photos.
//!
//! Keitai mail is sloppy (no Subject, no space after colons, Shift_JIS in 8 bits, truncated
//! attachments), so this reads leniently and refuses only what is not a mail at all.

mod headers;
mod parts;
#[cfg(test)]
mod tests;
mod text;
mod transfer;
mod words;

use crate::domain::email::EmailAddress;
use crate::keitai::{Codec, ProfileRegistry};
use mail_parser::MessageParser;

/// What a member's mail says, ready to become a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedMail {
    /// The Message-ID without `<>`.
    pub message_id: Option<String>,
    pub from: Option<EmailAddress>,
    /// Unicode with standard emoji; empty when the mail had none (SoftBank sends no Subject).
    pub subject: String,
    /// Unicode with standard emoji, LF line ends, trailing newlines trimmed.
    pub body: String,
    /// Images the sender attached (not Decomail decorations), undecoded.
    pub photos: Vec<Attachment>,
    /// Attached images that arrived damaged, by file name or else type, to mention in a reply.
    pub broken: Vec<String>,
    /// A bounce, auto-reply or list mail: never answer it.
    pub automatic: bool,
}

/// An attached file as it arrived (transfer encoding undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: Option<String>,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A message beyond use: `mail-in` answers it with EX_DATAERR (65).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unusable {
    #[error("the message is empty")]
    Empty,
    #[error("the message has no header block")]
    NoHeaders,
    #[error("the message has none of the header fields of a mail")]
    NotAMail,
    #[error("the mail parser failed on the message")]
    ParserFailed,
}

/// Decodes a raw message. Charsets and emoji follow the sender's carrier, which the address's
/// domain names through `profiles`.
pub fn decode(raw: &[u8], codec: &Codec, profiles: &ProfileRegistry) -> Result<DecodedMail, Unusable> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Unusable::Empty);
    }
    let message = parse(raw)?;
    let root = message.parts.first().ok_or(Unusable::NoHeaders)?;
    if !headers::has_mail_fields(root) {
        return Err(Unusable::NotAMail);
    }
    let from = headers::sender(&message, raw);
    let profile = match &from {
        Some(address) => profiles.mail_profile(address.domain()),
        None => profiles.catch_all(),
    };
    let reader = text::Reader {
        codec,
        emoji: profile.emoji,
    };
    let subject = headers::raw_value(raw, root, "Subject")
        .map(|value| words::decode_header(value, &reader))
        .unwrap_or_default();
    let mut content = parts::collect(&message, raw, &reader);
    let images = content.images(profile.keitai);
    Ok(DecodedMail {
        message_id: headers::message_id(&message),
        subject,
        body: text::tidy_body(&content.text()),
        photos: images.photos,
        broken: images.broken,
        automatic: headers::is_automatic(&message, raw, from.as_ref()),
        from,
    })
}

/// mail-parser promises never to panic, but in debug builds its `debug_assert!`s fire on a
/// message/rfc822 nested in another (see the tests); `mail-in` must not die (a panic bounces).
pub(super) fn parse(raw: &[u8]) -> Result<mail_parser::Message<'_>, Unusable> {
    match std::panic::catch_unwind(|| MessageParser::default().parse(raw)) {
        Ok(parsed) => parsed.ok_or(Unusable::NoHeaders),
        Err(_) => {
            log::warn!("mail-parser panicked on a message of {} bytes", raw.len());
            Err(Unusable::ParserFailed)
        }
    }
}
