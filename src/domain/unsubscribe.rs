//! The token of a one-click unsubscribe link (RFC 8058): a member's id signed with the service's
//! key, so that the link works without login and cannot be made for another member.

use crate::domain::token::{hex, same_secret};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// What the signature covers besides the id, so that no other signed value can stand in for it.
const PURPOSE: &[u8] = b"hiroba-magazine-unsubscribe:";

/// A member's unsubscribe token: `<member id>-<32 hex digits of HMAC-SHA256>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribeToken(String);

impl UnsubscribeToken {
    pub fn sign(key: &[u8], member_id: i64) -> UnsubscribeToken {
        UnsubscribeToken(format!("{member_id}-{}", mac(key, member_id)))
    }

    /// The member id of a token this key signed; `None` for anything else.
    pub fn verify(key: &[u8], text: &str) -> Option<i64> {
        let (id, signature) = text.split_once('-')?;
        let member_id: i64 = id.parse().ok().filter(|n: &i64| *n > 0)?;
        same_secret(&mac(key, member_id), signature).then_some(member_id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 128 bits of the MAC: plenty against guessing, short enough for a keitai URL.
fn mac(key: &[u8], member_id: i64) -> String {
    let Ok(mut mac) = HmacSha256::new_from_slice(key) else {
        // HMAC takes keys of any length; this cannot happen.
        return String::new();
    };
    mac.update(PURPOSE);
    mac.update(member_id.to_string().as_bytes());
    hex(&mac.finalize().into_bytes()[..16])
}

#[cfg(test)]
mod tests {
    use super::UnsubscribeToken;

    #[test]
    fn a_token_names_its_member_only_under_its_key() {
        let token = UnsubscribeToken::sign(b"key one", 42);
        assert_eq!(UnsubscribeToken::verify(b"key one", token.as_str()), Some(42));
        assert_eq!(UnsubscribeToken::verify(b"key two", token.as_str()), None);
        let other = token.as_str().replacen("42-", "43-", 1);
        assert_eq!(
            UnsubscribeToken::verify(b"key one", &other),
            None,
            "another member's id"
        );
        assert_eq!(UnsubscribeToken::verify(b"key one", "42"), None);
        assert_eq!(UnsubscribeToken::verify(b"key one", "-1-00"), None);
    }
}
