//! Our own addresses and what each is for: the registry of inbound routes.
//!
//! Everything arrives at `HIROBA_MAIL_DOMAIN`. A new kind of address (absence notices) is a new
//! `Route` variant here and a handler in `process/`; a new place for threads (the notebook) is a
//! prefix in `Route::parse` and `thread_address`.

use super::thread::Place;

/// What a recipient address of ours is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `entry@`: an empty mail asks for a registration link (空メール登録).
    Entry,
    /// A member's secret address for threads in one place: `post-<token>@` for the portal (her
    /// posting address), `c<community id>-<token>@` for a community. The member's posting token
    /// authenticates it, so renewing the token renews them all.
    Thread { place: Place, token: String },
    /// A reply in 送迎・あずかり支援 (`<prefix>-<token>@`, see `SupportSide`): the token names one
    /// offer, or one side of one matched request, and authenticates the reply.
    Support { side: SupportSide, token: String },
    /// `nb-<token>@`: a guardian answering a notebook message; the token is her recipient row's
    /// (`notebook_recipients.token`) and authenticates the answer.
    NotebookReply { token: String },
    /// `abs-<token>@`: a family's own address for absence notices (`notebook_families.mail_token`).
    Absence { token: String },
    /// `bounce-<outbox id>-<local>=<domain>@`: delivery reports for one outbox row (VERP).
    Bounce { outbox_id: i64, address: String },
}

/// Who replies in 送迎・あずかり支援, by the address the mail was sent from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportSide {
    /// `offer-`: a supporter answering an offer (1/はい/OK accepts, 2/いいえ declines).
    Offer,
    /// `sup-`: the matched supporter (the 受け渡しコード at handover).
    Supporter,
    /// `fam-`: the family (確認 of an activity report).
    Family,
}

impl SupportSide {
    const ALL: [SupportSide; 3] = [SupportSide::Offer, SupportSide::Supporter, SupportSide::Family];

    fn prefix(self) -> &'static str {
        match self {
            SupportSide::Offer => "offer-",
            SupportSide::Supporter => "sup-",
            SupportSide::Family => "fam-",
        }
    }
}

/// The reply address of an offer or of one side of a match (`Route::Support`).
pub fn support_address(side: SupportSide, token: &str, domain: &str) -> String {
    format!("{}{token}@{domain}", side.prefix())
}

const NOTEBOOK_REPLY_PREFIX: &str = "nb-";
const ABSENCE_PREFIX: &str = "abs-";

/// A notebook recipient's reply address (`Route::NotebookReply`): the mail's From and Reply-To.
pub fn notebook_reply_address(token: &str, domain: &str) -> String {
    format!("{NOTEBOOK_REPLY_PREFIX}{token}@{domain}")
}

/// A family's address for absence notices (`Route::Absence`).
pub fn absence_address(token: &str, domain: &str) -> String {
    format!("{ABSENCE_PREFIX}{token}@{domain}")
}

/// The length of a posting token (see `domain::token::posting_token`).
const POSTING_TOKEN_LEN: usize = 16;

impl Route {
    /// The route of an envelope recipient, or `None` when the address is not ours or unknown.
    pub fn parse(recipient: &str, domain: &str) -> Option<Route> {
        let (local, at) = recipient.trim().trim_matches(['<', '>']).rsplit_once('@')?;
        if !at.eq_ignore_ascii_case(domain) {
            return None;
        }
        // An MTA may quote a local part that is not a dot-atom (VERP for `taro..hanako.@…`).
        let local = local.trim_matches('"').to_ascii_lowercase();
        if local == "entry" {
            return Some(Route::Entry);
        }
        if let Some(token) = local.strip_prefix("post-") {
            return is_token(token).then(|| Route::Thread {
                place: Place::Portal,
                token: token.to_string(),
            });
        }
        if let Some(token) = local.strip_prefix(NOTEBOOK_REPLY_PREFIX) {
            return is_token(token).then(|| Route::NotebookReply {
                token: token.to_string(),
            });
        }
        if let Some(token) = local.strip_prefix(ABSENCE_PREFIX) {
            return is_token(token).then(|| Route::Absence {
                token: token.to_string(),
            });
        }
        for side in SupportSide::ALL {
            if let Some(token) = local.strip_prefix(side.prefix()) {
                return is_token(token).then(|| Route::Support {
                    side,
                    token: token.to_string(),
                });
            }
        }
        if let Some((id, token)) = local.strip_prefix('c').and_then(|rest| rest.split_once('-')) {
            let digits = !id.is_empty() && id.len() <= 18 && id.bytes().all(|b| b.is_ascii_digit());
            if digits && !id.starts_with('0') && is_token(token) {
                return Some(Route::Thread {
                    place: Place::Community(id.parse().ok()?),
                    token: token.to_string(),
                });
            }
            return None;
        }
        let rest = local.strip_prefix("bounce-")?;
        let (id, address) = rest.split_once('-')?;
        let (user, host) = address.rsplit_once('=')?;
        if user.is_empty() || host.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Route::Bounce {
            outbox_id: id.parse().ok()?,
            address: format!("{user}@{host}"),
        })
    }
}

/// Whether a local part's tail has the shape of a posting token.
fn is_token(token: &str) -> bool {
    token.len() == POSTING_TOKEN_LEN && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn entry_address(domain: &str) -> String {
    format!("entry@{domain}")
}

/// A member's posting address (for クチコミ, and shown as hers on マイページ).
pub fn posting_address(token: &str, domain: &str) -> String {
    thread_address(Place::Portal, token, domain)
}

/// A member's address for threads in one place (`Route::Thread`). The notebook has no posting
/// address: a guardian answers one message, and `token` is then her recipient row's.
pub fn thread_address(place: Place, token: &str, domain: &str) -> String {
    match place {
        Place::Portal => format!("post-{token}@{domain}"),
        Place::Community(id) => format!("c{id}-{token}@{domain}"),
        Place::Notebook(_) => notebook_reply_address(token, domain),
    }
}

/// The envelope sender of one outbox row: a bounce names the row and the address it was for.
pub fn verp_address(outbox_id: i64, recipient: &str, domain: &str) -> String {
    format!("bounce-{outbox_id:07}-{}@{domain}", recipient.replacen('@', "=", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOMAIN: &str = "hiroba.example.jp";

    #[test]
    fn routes_are_read_from_the_local_part() {
        assert_eq!(Route::parse("Entry@Hiroba.Example.JP", DOMAIN), Some(Route::Entry));
        assert_eq!(
            Route::parse("<post-abcdefghjk234567@hiroba.example.jp>", DOMAIN),
            Some(Route::Thread {
                place: Place::Portal,
                token: "abcdefghjk234567".into()
            })
        );
        assert_eq!(Route::parse("post-short@hiroba.example.jp", DOMAIN), None);
        assert_eq!(Route::parse("entry@elsewhere.example.jp", DOMAIN), None);
        assert_eq!(Route::parse("info@hiroba.example.jp", DOMAIN), None);
        assert_eq!(Route::parse("no-at-sign", DOMAIN), None);
    }

    #[test]
    fn community_addresses_carry_the_community_and_the_members_token() {
        let address = thread_address(Place::Community(12), "abcdefghjk234567", DOMAIN);
        assert_eq!(address, "c12-abcdefghjk234567@hiroba.example.jp");
        assert_eq!(
            Route::parse(&address.to_uppercase(), DOMAIN),
            Some(Route::Thread {
                place: Place::Community(12),
                token: "abcdefghjk234567".into()
            })
        );
        for bad in [
            "c-abcdefghjk234567",
            "c012-abcdefghjk234567",
            "c12-short",
            "cx-abcdefghjk234567",
            "c12abcdefghjk234567",
            "c99999999999999999999-abcdefghjk234567",
            "c12-abcdefghjk23456!",
        ] {
            assert_eq!(Route::parse(&format!("{bad}@{DOMAIN}"), DOMAIN), None, "{bad}");
        }
        assert_eq!(Route::parse("c12-abcdefghjk234567@elsewhere.example.jp", DOMAIN), None);
    }

    #[test]
    fn support_addresses_name_the_side_and_the_token() {
        for side in SupportSide::ALL {
            let address = support_address(side, "abcdefghjk234567", DOMAIN);
            assert_eq!(
                Route::parse(&address.to_uppercase(), DOMAIN),
                Some(Route::Support {
                    side,
                    token: "abcdefghjk234567".into()
                })
            );
        }
        assert_eq!(Route::parse("offer-short@hiroba.example.jp", DOMAIN), None);
        assert_eq!(Route::parse("sup-abcdefghjk23456!@hiroba.example.jp", DOMAIN), None);
    }

    #[test]
    fn verp_addresses_round_trip_keitai_local_parts() {
        let verp = verp_address(42, "hanako.old@docomo.ne.jp", DOMAIN);
        // The form of tests/data/mail/bounce-docomo-unknown.eml.
        assert_eq!(verp, "bounce-0000042-hanako.old=docomo.ne.jp@hiroba.example.jp");
        assert_eq!(
            Route::parse(&verp, DOMAIN),
            Some(Route::Bounce {
                outbox_id: 42,
                address: "hanako.old@docomo.ne.jp".into()
            })
        );
        let odd = verp_address(7, "taro..hanako-.@ezweb.ne.jp", DOMAIN);
        assert_eq!(
            Route::parse(&odd, DOMAIN),
            Some(Route::Bounce {
                outbox_id: 7,
                address: "taro..hanako-.@ezweb.ne.jp".into()
            })
        );
        let quoted = format!("\"{}", odd.replacen('@', "\"@", 1));
        assert_eq!(Route::parse(&quoted, DOMAIN), Route::parse(&odd, DOMAIN));
        assert_eq!(Route::parse("bounce-x-a=b@hiroba.example.jp", DOMAIN), None);
    }
}
