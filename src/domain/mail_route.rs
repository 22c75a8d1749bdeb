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
    /// posting address, her private posting token), `c<community id>-<token>@` for a community
    /// (her own token for that community, `community_posting_tokens`, so that a shared community
    /// address reveals nothing else). `threads::address` says whose a token is.
    Thread { place: Place, token: String },
    /// A reply in 送迎・あずかり支援 (`<prefix>-<token>@`, see `SupportSide`): the token names one
    /// offer, or one side of one matched request, and authenticates the reply.
    Support { side: SupportSide, token: String },
    /// `nb-<token>@`: a guardian answering a notebook message; the token is her recipient row's
    /// (`notebook_recipients.token`) and authenticates the answer.
    NotebookReply { token: String },
    /// `abs-<token>@`: a family's own address for absence notices (`notebook_families.mail_token`).
    Absence { token: String },
    /// `bounce-<outbox id>-<tag>-<local>=<domain>@`: delivery reports for one outbox row (VERP).
    /// The tag ([`verp_tag`]) is checked by whoever holds the key before anything is believed.
    Bounce {
        outbox_id: i64,
        tag: String,
        address: String,
    },
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
        let (id, rest) = rest.split_once('-')?;
        let (tag, address) = rest.split_once('-')?;
        let (user, host) = address.rsplit_once('=')?;
        let tag_ok = tag.len() == VERP_TAG_LEN && tag.bytes().all(|b| b.is_ascii_hexdigit());
        if user.is_empty() || host.is_empty() || !tag_ok || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Route::Bounce {
            outbox_id: id.parse().ok()?,
            tag: tag.to_string(),
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

/// The envelope sender of one outbox row: a bounce names the row, a tag only we can make for that
/// row and recipient (with `key`), and the address it was for.
pub fn verp_address(outbox_id: i64, recipient: &str, domain: &str, key: &[u8]) -> String {
    let tag = verp_tag(key, outbox_id, recipient);
    format!(
        "bounce-{outbox_id:07}-{tag}-{}@{domain}",
        recipient.replacen('@', "=", 1)
    )
}

/// Hex digits of a VERP tag: 64 bits, far beyond guessing one mail at a time.
const VERP_TAG_LEN: usize = 16;

/// The tag of a bounce address: the start of HMAC-SHA256(key, "<row>:<recipient>"), the
/// recipient lower-cased because MTAs and our parser fold the local part's case.
pub fn verp_tag(key: &[u8], outbox_id: i64, recipient: &str) -> String {
    use hmac::{Hmac, Mac};
    #[expect(clippy::expect_used, reason = "HMAC takes keys of any length")]
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(format!("{outbox_id}:{}", recipient.to_ascii_lowercase()).as_bytes());
    let digest = mac.finalize().into_bytes();
    super::token::hex(&digest[..VERP_TAG_LEN / 2])
}

/// Whether `tag` is the one [`verp_tag`] makes (compared in constant time).
pub fn verp_tag_matches(key: &[u8], outbox_id: i64, recipient: &str, tag: &str) -> bool {
    let expected = verp_tag(key, outbox_id, recipient);
    let (a, b) = (expected.as_bytes(), tag.to_ascii_lowercase().into_bytes());
    a.len() == b.len() && a.iter().zip(&b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
        let key = b"a test key of thirty-two bytes!!";
        let verp = verp_address(42, "hanako.old@docomo.ne.jp", DOMAIN, key);
        let tag = verp_tag(key, 42, "hanako.old@docomo.ne.jp");
        assert_eq!(
            verp,
            format!("bounce-0000042-{tag}-hanako.old=docomo.ne.jp@hiroba.example.jp")
        );
        assert_eq!(
            Route::parse(&verp, DOMAIN),
            Some(Route::Bounce {
                outbox_id: 42,
                tag: tag.clone(),
                address: "hanako.old@docomo.ne.jp".into()
            })
        );
        let odd = verp_address(7, "taro..hanako-.@ezweb.ne.jp", DOMAIN, key);
        let Some(Route::Bounce {
            outbox_id,
            tag: odd_tag,
            address,
        }) = Route::parse(&odd, DOMAIN)
        else {
            panic!("{odd}");
        };
        assert_eq!((outbox_id, address.as_str()), (7, "taro..hanako-.@ezweb.ne.jp"));
        assert!(verp_tag_matches(key, 7, &address, &odd_tag));
        let quoted = format!("\"{}", odd.replacen('@', "\"@", 1));
        assert_eq!(Route::parse(&quoted, DOMAIN), Route::parse(&odd, DOMAIN));
        assert_eq!(Route::parse("bounce-x-a=b@hiroba.example.jp", DOMAIN), None);
        // The untagged form of old, and a tag of the wrong shape, are nobody's address.
        assert_eq!(
            Route::parse("bounce-0000042-hanako.old=docomo.ne.jp@hiroba.example.jp", DOMAIN),
            None
        );
        assert_eq!(
            Route::parse("bounce-0000042-0123-hanako.old=docomo.ne.jp@hiroba.example.jp", DOMAIN),
            None
        );
    }

    #[test]
    fn a_verp_tag_belongs_to_one_row_one_recipient_and_one_key() {
        let key = b"a test key of thirty-two bytes!!";
        let tag = verp_tag(key, 42, "Hanako@docomo.ne.jp");
        assert!(
            verp_tag_matches(key, 42, "hanako@docomo.ne.jp", &tag),
            "case does not matter"
        );
        assert!(verp_tag_matches(key, 42, "hanako@docomo.ne.jp", &tag.to_uppercase()));
        assert!(!verp_tag_matches(key, 43, "hanako@docomo.ne.jp", &tag), "another row");
        assert!(
            !verp_tag_matches(key, 42, "taro@docomo.ne.jp", &tag),
            "another recipient"
        );
        assert!(!verp_tag_matches(
            b"another key, also long enough!!!",
            42,
            "hanako@docomo.ne.jp",
            &tag
        ));
        assert!(!verp_tag_matches(key, 42, "hanako@docomo.ne.jp", &tag[..15]));
    }
}
