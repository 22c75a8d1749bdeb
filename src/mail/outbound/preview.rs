//! How a mail will read on each kind of phone: composed exactly as the workers compose it, then
//! read back as the phone would, so a coordinator sees lost emoji and the size before sending.

use crate::context::Context;
use crate::keitai::emoji::{Carrier, EmojiTable};
use crate::mail::inbound::decode::decode;
use crate::mail::outbound::compose::{compose, Outgoing};
use chrono::Utc;

/// One carrier's view of a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The profile's name (ドコモ, au, …).
    pub profile: String,
    /// The charset the mail is written in.
    pub charset: String,
    pub bytes: usize,
    pub subject: String,
    pub body: String,
}

/// An address of each kind the service mails to.
const SAMPLES: [&str; 5] = [
    "preview@docomo.ne.jp",
    "preview@ezweb.ne.jp",
    "preview@softbank.ne.jp",
    "preview@i.softbank.jp",
    "preview@example.jp",
];

pub fn previews(ctx: &Context, subject: &str, body: &str) -> Vec<Preview> {
    let settings = &ctx.settings.mail;
    let from = settings.from_address();
    let date = Utc::now().with_timezone(&crate::domain::time::JST);
    SAMPLES
        .iter()
        .map(|to| {
            let profile = ctx.profiles.mail_profile_of_address(to);
            let raw = compose(
                &Outgoing {
                    message_id: "preview@hiroba",
                    date,
                    from_name: &ctx.settings.service_name,
                    from_address: &from,
                    to,
                    subject,
                    body,
                    extra_headers: &[],
                },
                profile,
                &ctx.codec,
            );
            // The decoder reads emoji in the sender's code space; here they are in the
            // recipient's, so it reads a copy that says it comes from the recipient.
            let as_sent_by_phone = replace_first(&raw, format!("<{from}>").as_bytes(), format!("<{to}>").as_bytes());
            let read = decode(&as_sent_by_phone, &ctx.codec, &ctx.profiles).ok();
            let carrier = Carrier::of(profile.emoji);
            let shown = |text: &str| on_a_pc(text, ctx.codec.emoji(), carrier);
            Preview {
                profile: profile.name.clone(),
                charset: charset_of(&raw),
                bytes: raw.len(),
                subject: read.as_ref().map(|m| shown(&m.subject)).unwrap_or_default(),
                body: read.map(|m| shown(&m.body)).unwrap_or_default(),
            }
        })
        .collect()
}

fn charset_of(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw).to_ascii_lowercase();
    text.split("charset=")
        .nth(1)
        .map(|rest| {
            rest.trim_start_matches('"')
                .split(['"', ';', '\r', '\n'])
                .next()
                .unwrap_or("")
                .to_uppercase()
        })
        .unwrap_or_default()
}

/// The phone's text as a PC can show it: each emoji as its standard picture (the table's text,
/// e.g. 「[霧]」, where Unicode has none and a PC would draw an empty box) marked with the
/// carrier's Shift_JIS code, e.g. 「☀[F89F]」. An emoji the carrier lacks is its text already.
fn on_a_pc(text: &str, table: &EmojiTable, carrier: Option<Carrier>) -> String {
    let Some(carrier) = carrier else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match table.match_prefix(rest) {
            Some((emoji, len)) => {
                let private = emoji.text.chars().next().is_some_and(|c| u32::from(c) >= 0xF0000);
                out.push_str(if private { &emoji.fallback } else { &emoji.text });
                if let Some(code) = emoji.code(carrier) {
                    let codes: Vec<String> = code.sjis.iter().map(|c| format!("{c:04X}")).collect();
                    out.push_str(&format!("[{}]", codes.join(" ")));
                }
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// `bytes` with the first `from` replaced by `to`.
fn replace_first(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    match bytes.windows(from.len()).position(|w| w == from) {
        Some(at) => [&bytes[..at], to, &bytes[at + from.len()..]].concat(),
        None => bytes.to_vec(),
    }
}
