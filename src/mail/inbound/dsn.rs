//! Delivery reports: RFC 3464 DSNs only (`multipart/report` with a `message/delivery-status`
//! part). Plain-text bounces are refused: anyone can write 「550 5.1.1」 in a mail, and a report
//! believed wrongly silences a guardian.
//!
//! Classification follows the enhanced status codes (RFC 3463): 5.1.x the mailbox does not
//! exist; 5.2.x and 5.7.1 the mailbox refused us — on Japanese carriers the member's 指定受信 or
//! なりすまし settings; 5.2.2 full; 4.x.x temporary. docomo answers "550 Unknown user" for
//! both a missing mailbox and a reception filter, so an UnknownUser from docomo may really be a
//! filter: the member is told either way and a test mail shows which.

use mail_parser::{MessageParser, MimeHeaders};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BounceKind {
    UnknownUser,
    Filtered,
    MailboxFull,
    Transient,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    pub recipient: Option<String>,
    /// The enhanced status code, e.g. "5.1.1".
    pub status: Option<String>,
    pub kind: BounceKind,
    pub diagnostic: Option<String>,
}

/// Reads a DSN; `None` when the message is not one.
pub fn parse_bounce(raw: &[u8]) -> Option<Bounce> {
    let message = MessageParser::default().parse(raw)?;
    let is_report = message.content_type().is_some_and(|ct| {
        ct.c_type.eq_ignore_ascii_case("multipart") && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    if !is_report {
        return None;
    }
    let text = message
        .parts
        .iter()
        .find(|part| {
            part.content_type().is_some_and(|ct| {
                ct.c_type.eq_ignore_ascii_case("message")
                    && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("delivery-status"))
            })
        })
        .map(|part| String::from_utf8_lossy(part.contents()).into_owned())?;
    let field = |name: &str| {
        text.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
        })
    };
    let recipient = field("Final-Recipient")
        .or_else(|| field("Original-Recipient"))
        .map(|v| {
            v.rsplit(';')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches(['<', '>'])
                .to_string()
        });
    let diagnostic = field("Diagnostic-Code");
    let status = field("Status")
        .and_then(|s| enhanced_code(&s))
        .or_else(|| enhanced_code(&text));
    let lower = text.to_lowercase();
    let kind = match status.as_deref() {
        Some(code) => classify(code, &lower),
        None if lower.contains("user unknown") || lower.contains("unknown user") || lower.contains("no such user") => {
            BounceKind::UnknownUser
        }
        None if is_filter_text(&lower) => BounceKind::Filtered,
        None if lower.contains("delivery") && (lower.contains("failed") || lower.contains("returned")) => {
            BounceKind::Other
        }
        None => return None,
    };
    Some(Bounce {
        recipient,
        status,
        kind,
        diagnostic,
    })
}

fn classify(code: &str, lower_text: &str) -> BounceKind {
    match code {
        c if c.starts_with('4') => BounceKind::Transient,
        "5.2.2" => BounceKind::MailboxFull,
        c if c.starts_with("5.1.") => BounceKind::UnknownUser,
        c if c.starts_with("5.2.") || c == "5.7.1" => BounceKind::Filtered,
        _ if is_filter_text(lower_text) => BounceKind::Filtered,
        _ => BounceKind::Other,
    }
}

fn is_filter_text(lower: &str) -> bool {
    ["filter", "rejected by recipient", "指定受信", "なりすまし", "受信拒否"]
        .iter()
        .any(|needle| lower.contains(needle))
}

/// The first `d.ddd.ddd` enhanced status code in the text whose class is 2, 4 or 5.
fn enhanced_code(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|word| {
            let parts: Vec<&str> = word.split('.').collect();
            parts.len() == 3
                && matches!(parts[0], "2" | "4" | "5")
                && parts[1..]
                    .iter()
                    .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/mail/bounce-docomo-unknown.eml"
        ))
        .unwrap()
    }

    #[test]
    fn the_docomo_dsn_is_an_unknown_user() {
        let bounce = parse_bounce(&fixture()).unwrap();
        assert_eq!(bounce.status.as_deref(), Some("5.1.1"));
        assert_eq!(bounce.kind, BounceKind::UnknownUser);
        assert_eq!(bounce.recipient.as_deref(), Some("hanako.old@docomo.ne.jp"));
    }

    fn dsn(status: &str) -> Vec<u8> {
        format!(
            "From: MAILER-DAEMON@mx.example.jp\r\nTo: bounce-0000001-a=ezweb.ne.jp@h.example.jp\r\n\
             Subject: Undelivered\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n\
             --B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n\
             --B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.jp\r\n\r\n\
             Final-Recipient: rfc822; a@ezweb.ne.jp\r\nAction: failed\r\nStatus: {status}\r\n--B--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn status_codes_decide_the_kind() {
        assert_eq!(parse_bounce(&dsn("5.2.0")).unwrap().kind, BounceKind::Filtered);
        assert_eq!(parse_bounce(&dsn("5.7.1")).unwrap().kind, BounceKind::Filtered);
        assert_eq!(parse_bounce(&dsn("5.2.2")).unwrap().kind, BounceKind::MailboxFull);
        assert_eq!(parse_bounce(&dsn("4.4.1")).unwrap().kind, BounceKind::Transient);
        assert_eq!(
            parse_bounce(&dsn("5.1.1")).unwrap().recipient.as_deref(),
            Some("a@ezweb.ne.jp")
        );
    }

    #[test]
    fn plain_text_bounces_are_not_reports() {
        let qmail = b"From: MAILER-DAEMON@mx.example.jp\r\nSubject: failure notice\r\n\r\n\
            Hi. This is the qmail-send program.\r\n<a@softbank.ne.jp>:\r\n550 5.1.1 <a@softbank.ne.jp>... User unknown\r\n";
        assert_eq!(parse_bounce(qmail), None);
        assert_eq!(
            parse_bounce(b"From: mama@docomo.ne.jp\r\nSubject: hi\r\n\r\nhello\r\n"),
            None
        );
        assert_eq!(parse_bounce(b"\x00\x01"), None);
    }
}
