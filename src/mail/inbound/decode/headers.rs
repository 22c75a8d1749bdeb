//! The top-level header fields a post needs: raw values, the sender, and whether a machine sent it.

use crate::domain::email::EmailAddress;
use mail_parser::{Addr, Message, MessagePart, MimeHeaders};

/// The raw value of the first header field called `name` (folded, undecoded).
pub(super) fn raw_value<'a>(raw: &'a [u8], part: &MessagePart, name: &str) -> Option<&'a [u8]> {
    raw_values(raw, part, name).next()
}

/// Every raw value of the header fields called `name`, in order.
pub(super) fn raw_values<'a, 'p>(
    raw: &'a [u8],
    part: &'p MessagePart,
    name: &'p str,
) -> impl Iterator<Item = &'a [u8]> + 'p
where
    'a: 'p,
{
    part.headers
        .iter()
        .filter(move |h| h.name().eq_ignore_ascii_case(name))
        .filter_map(move |h| raw.get(h.offset_start() as usize..h.offset_end() as usize))
}

/// A raw value as trimmed ASCII-ish text, for fields that carry tokens, not prose.
fn token_value(raw: &[u8], part: &MessagePart, name: &str) -> Option<String> {
    raw_value(raw, part, name).map(|v| String::from_utf8_lossy(v).trim().to_ascii_lowercase())
}

/// Whether the header block looks like a mail's at all (some field RFC 5322 or MIME defines).
pub(super) fn has_mail_fields(part: &MessagePart) -> bool {
    const FIELDS: [&str; 12] = [
        "from",
        "sender",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "return-path",
        "received",
        "mime-version",
        "content-type",
        "reply-to",
    ];
    part.headers
        .iter()
        .any(|h| FIELDS.iter().any(|f| h.name().eq_ignore_ascii_case(f)))
}

/// The sender: `From`, else `Sender`. The parser's address first; if it chokes on a keitai
/// address, whatever sits between `<>` (or the token with an `@`) in the raw field.
pub(super) fn sender(message: &Message, raw: &[u8]) -> Option<EmailAddress> {
    let parsed = |addr: Option<&Addr>| addr.and_then(|a| a.address()).and_then(|a| EmailAddress::parse(a).ok());
    parsed(message.from().and_then(|a| a.first()))
        .or_else(|| parsed(message.sender().and_then(|a| a.first())))
        .or_else(|| {
            let root = message.parts.first()?;
            ["From", "Sender"]
                .iter()
                .filter_map(|name| raw_value(raw, root, name))
                .find_map(address_in)
        })
}

fn address_in(value: &[u8]) -> Option<EmailAddress> {
    let text = String::from_utf8_lossy(value);
    let bracketed = text
        .rsplit_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(a, _)| a);
    let candidate = bracketed.or_else(|| text.split_whitespace().find(|t| t.contains('@')))?;
    EmailAddress::parse(candidate).ok()
}

/// The Message-ID without its angle brackets.
pub(super) fn message_id(message: &Message) -> Option<String> {
    message
        .message_id()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').to_string())
        .filter(|id| !id.is_empty())
}

/// Bounces, auto-replies and list mail: answering them would start a mail loop (RFC 3834).
pub(super) fn is_automatic(message: &Message, raw: &[u8], from: Option<&EmailAddress>) -> bool {
    let Some(root) = message.parts.first() else {
        return false;
    };
    let auto_submitted = token_value(raw, root, "Auto-Submitted").is_some_and(|v| !v.starts_with("no"));
    let null_sender = raw_values(raw, root, "Return-Path").any(|v| {
        let v = String::from_utf8_lossy(v);
        let v = v.trim();
        v.is_empty() || v == "<>" || v.eq_ignore_ascii_case("<mailer-daemon>")
    });
    let daemon = from.is_some_and(|a| {
        let local = a.as_str().split('@').next().unwrap_or_default();
        local == "mailer-daemon" || local == "postmaster"
    });
    let bulk = token_value(raw, root, "Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list"));
    let list = raw_value(raw, root, "List-Id").is_some() || raw_value(raw, root, "List-Unsubscribe").is_some();
    let report = root.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart") && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    auto_submitted || null_sender || daemon || bulk || list || report
}
