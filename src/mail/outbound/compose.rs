//! Renders one outbox row for one recipient as the exact bytes to hand to SMTP.
//!
//! The recipient's profile (`ProfileRegistry::mail_profile`) decides the charset:
//!
//! - **Keitai** get ISO-2022-JP, 7bit (RFC 1468), which every Japanese handset reads.
//!   - au: its emoji as JIS codes in rows 0x75–0x7B, as au handsets send them.
//!   - docomo and SoftBank: if the subject or body holds an emoji the carrier has, the mail is
//!     Shift_JIS, 8bit, with the carrier's Shift_JIS emoji codes — the only way to show emoji on
//!     their handsets (jpmobile `lib/jpmobile/mobile/{docomo,softbank}.rb`: mail charset
//!     Shift_JIS, transfer encoding 8bit; Encode::JP::Mobile's `MIME-Header-JP-Mobile-DoCoMo`).
//!   - WILLCOM, and any emoji a carrier lacks: the table's text fallback (`[雨]`); an emoji the
//!     table does not know becomes `[絵文字]`, never 〓.
//!   - ISO-2022-JP holds JIS X 0208 only: NEC row 13 (①, ㈱) is kept as CP50220 writes it
//!     (au handsets send it), except for docomo, whose handsets may lack it ((1), (株) as on
//!     its pages); IBM extensions have no code and get a plain replacement or 〓; half-width
//!     kana become full-width (`ESC ( I` is a Microsoft extension that handsets show unevenly).
//! - **Smartphones and PCs** get UTF-8 with standard emoji, body in base64: Japanese text is
//!   nearly all non-ASCII, so quoted-printable would triple its size, while base64 adds a third
//!   and keeps every line at 76 characters.
//!
//! Headers: Date, From, To, Subject, Message-ID, MIME-Version, Content-Type,
//! Content-Transfer-Encoding, then the caller's extra headers (any that would repeat one of
//! those is dropped). Non-ASCII text is written as RFC 2047 B encoded-words of at most 75
//! characters on lines of at most 76: ISO-2022-JP for keitai (UTF-8 otherwise), except that a
//! Shift_JIS mail's Subject is a Shift_JIS encoded-word when it holds the carrier's emoji, as
//! those handsets write it themselves (Encode::JP::Mobile: `=?SHIFT_JIS?B?+J+CxYK3?=`).
//! A printable-ASCII subject that fits on one line is written as it is.
//!
//! Every line ends in CRLF and holds at most 998 bytes; a longer line of a 7bit or 8bit body is cut
//! between characters (see `body::lines`), while a base64 body keeps its lines whole.

use super::body::{base64_lines, crlf_lines, lines, normalize_newlines};
use super::encoded_word::{encoded_words, first_word_max, fold};
use super::header_address::header_address;
use super::keitai_text::{has_carrier_emoji, mail_carrier, KeitaiText};
use super::wire::Wire;
use crate::keitai::emoji::Carrier;
use crate::keitai::profile::{Charset, EmojiSet, Profile};
use crate::keitai::{Codec, Target};
use chrono::{DateTime, FixedOffset};

/// One outbox row, addressed to one recipient.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    /// Stable per outbox row (so a resend is recognisable), without `<>`.
    pub message_id: &'a str,
    /// In JST, as the recipients expect to read it.
    pub date: DateTime<FixedOffset>,
    /// The sender's display name, e.g. "あぃあぃ広場".
    pub from_name: &'a str,
    pub from_address: &'a str,
    /// A bare address; keitai local parts that break RFC 5322 are quoted in the header.
    pub to: &'a str,
    /// Unicode, may contain standard emoji.
    pub subject: &'a str,
    /// Unicode with LF line ends, may contain standard emoji.
    pub body: &'a str,
    /// ASCII headers written after the MIME ones (Auto-Submitted, List-Unsubscribe…).
    pub extra_headers: &'a [(&'a str, &'a str)],
}

/// The charset a mail is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailCharset {
    /// 7bit, for keitai.
    Iso2022Jp,
    /// 8bit with carrier emoji codes, for docomo and SoftBank when the text has their emoji.
    ShiftJis,
    /// base64, for smartphones and PCs.
    Utf8,
}

impl MailCharset {
    pub fn label(self) -> &'static str {
        match self {
            MailCharset::Iso2022Jp => "ISO-2022-JP",
            MailCharset::ShiftJis => "Shift_JIS",
            MailCharset::Utf8 => "UTF-8",
        }
    }

    pub fn transfer_encoding(self) -> &'static str {
        match self {
            MailCharset::Iso2022Jp => "7bit",
            MailCharset::ShiftJis => "8bit",
            MailCharset::Utf8 => "base64",
        }
    }
}

/// The charset for a recipient of `profile`, given all the text of the mail.
pub fn charset_for(profile: &Profile, body_and_subject: &str, codec: &Codec) -> MailCharset {
    if !profile.keitai {
        return MailCharset::Utf8;
    }
    match mail_carrier(profile) {
        Some(carrier @ (Carrier::Docomo | Carrier::Softbank))
            if has_carrier_emoji(body_and_subject, carrier, codec.emoji()) =>
        {
            MailCharset::ShiftJis
        }
        _ => MailCharset::Iso2022Jp,
    }
}

/// Headers this module writes; an extra header with one of these names is dropped.
const OWN_HEADERS: [&str; 8] = [
    "Date",
    "From",
    "To",
    "Subject",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];

/// The whole message, headers and body, with CRLF line ends.
pub fn compose(mail: &Outgoing, profile: &Profile, codec: &Codec) -> Vec<u8> {
    let body = normalize_newlines(mail.body);
    let subject = one_line(mail.subject);
    let from_name = one_line(mail.from_name);
    let charset = charset_for(profile, &format!("{subject}\n{body}"), codec);
    let text = HeaderText {
        codec,
        keitai: KeitaiText::new(codec, profile),
        utf8: charset == MailCharset::Utf8,
    };
    let subject_in_sjis = charset == MailCharset::ShiftJis
        && mail_carrier(profile).is_some_and(|c| has_carrier_emoji(&subject, c, codec.emoji()));

    let mut head = String::with_capacity(512);
    push_line(
        &mut head,
        &format!("Date: {}", mail.date.format("%a, %d %b %Y %H:%M:%S %z")),
    );
    push_line(&mut head, &from_header(&from_name, mail.from_address, &text));
    push_line(&mut head, &format!("To: {}", header_address(mail.to)));
    push_line(&mut head, &subject_header(&subject, &text, subject_in_sjis));
    push_line(&mut head, &format!("Message-ID: <{}>", message_id(mail.message_id)));
    push_line(&mut head, "MIME-Version: 1.0");
    push_line(
        &mut head,
        &format!("Content-Type: text/plain; charset={}", charset.label()),
    );
    push_line(
        &mut head,
        &format!("Content-Transfer-Encoding: {}", charset.transfer_encoding()),
    );
    for (name, value) in mail.extra_headers {
        if let Some(line) = extra_header(name, value) {
            push_line(&mut head, &line);
        }
    }
    head.push_str("\r\n");

    let mut out = head.into_bytes();
    out.extend(match charset {
        MailCharset::Iso2022Jp => lines(&text.keitai.jis(&body), text.jis_wire()),
        MailCharset::ShiftJis => lines(&text.keitai.shift_jis(&body), Wire::ShiftJis),
        MailCharset::Utf8 => base64_lines(&crlf_lines(&text.utf8_bytes(&body))),
    });
    out
}

/// How header text is written for this mail.
struct HeaderText<'a> {
    codec: &'a Codec,
    keitai: KeitaiText<'a>,
    utf8: bool,
}

impl HeaderText<'_> {
    fn jis_wire(&self) -> Wire {
        Wire::Jis {
            au_emoji: self.keitai.au_emoji(),
        }
    }

    /// UTF-8 with standard emoji (Google PUA ones get their fallback), no control characters.
    fn utf8_bytes(&self, text: &str) -> Vec<u8> {
        let clean: String = text
            .chars()
            .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
            .collect();
        let target = Target {
            charset: Charset::Utf8,
            emoji: EmojiSet::Unicode,
            avoid_vendor_rows: false,
        };
        self.codec.encode(&clean, target)
    }

    /// Encoded-words for `text` in the mail's header charset (Shift_JIS when asked).
    fn words(&self, name: &str, text: &str, shift_jis: bool) -> Vec<String> {
        let first_max = first_word_max(name);
        if self.utf8 {
            encoded_words("UTF-8", Wire::Utf8, &self.utf8_bytes(text), first_max)
        } else if shift_jis {
            encoded_words("Shift_JIS", Wire::ShiftJis, &self.keitai.shift_jis(text), first_max)
        } else {
            encoded_words("ISO-2022-JP", self.jis_wire(), &self.keitai.jis(text), first_max)
        }
    }
}

fn from_header(name: &str, address: &str, text: &HeaderText) -> String {
    let address = header_address(address.trim());
    if name.is_empty() {
        return format!("From: {address}");
    }
    if is_printable_ascii(name) && !name.contains("=?") {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        return format!("From: \"{quoted}\" <{address}>");
    }
    fold("From", &text.words("From", name, false), &format!(" <{address}>"))
}

fn subject_header(subject: &str, text: &HeaderText, shift_jis: bool) -> String {
    if subject.is_empty() {
        return "Subject:".to_string();
    }
    let raw = format!("Subject: {subject}");
    if is_printable_ascii(subject) && !subject.contains("=?") && raw.len() <= 78 {
        return raw;
    }
    fold("Subject", &text.words("Subject", subject, shift_jis), "")
}

/// `Name: value` for a caller's header, or nothing if the name is not a valid field name or is
/// one of ours. Control characters become spaces and non-ASCII `?`; long values fold at spaces.
fn extra_header(name: &str, value: &str) -> Option<String> {
    let valid = !name.is_empty() && name.bytes().all(|b| (0x21..=0x7E).contains(&b) && b != b':');
    if !valid || OWN_HEADERS.iter().any(|own| own.eq_ignore_ascii_case(name)) {
        return None;
    }
    let value: String = value
        .trim()
        .chars()
        .map(|c| match c {
            _ if c.is_control() => ' ',
            _ if !c.is_ascii() => '?',
            _ => c,
        })
        .collect();
    Some(fold_at_spaces(&format!("{name}: {value}")))
}

/// Folds an ASCII header line before a space wherever it would pass 78 characters.
fn fold_at_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut line_len = 0;
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            if line_len + 1 + word.len() > 78 && line_len > 0 {
                out.push_str("\r\n");
                line_len = 0;
            }
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out
}

/// Header text on one line: line breaks and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn message_id(id: &str) -> String {
    id.chars()
        .filter(|&c| c.is_ascii_graphic() && c != '<' && c != '>')
        .collect()
}

fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..=0x7E).contains(&b))
}

fn push_line(head: &mut String, line: &str) {
    head.push_str(line);
    head.push_str("\r\n");
}

#[cfg(test)]
mod tests;
