//! How a mail will read on each kind of phone: composed exactly as the workers compose it, then
//! read back as the phone would, so a coordinator sees lost emoji and the size before sending.

use crate::context::Context;
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
                    from_name: &settings.from_name,
                    from_address: &from,
                    to,
                    subject,
                    body,
                    extra_headers: &[],
                },
                profile,
                &ctx.codec,
            );
            let read = decode(&raw, &ctx.codec, &ctx.profiles).ok();
            Preview {
                profile: profile.name.clone(),
                charset: charset_of(&raw),
                bytes: raw.len(),
                subject: read.as_ref().map(|m| m.subject.clone()).unwrap_or_default(),
                body: read.map(|m| m.body).unwrap_or_default(),
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
