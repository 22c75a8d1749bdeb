//! Random secrets (session ids, CSRF and confirmation tokens) and the hashes stored in their place.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// 128 random bits as 32 lower-case hex digits: short enough for a keitai URL, safe in any query.
pub fn random_token() -> String {
    random_hex::<16>()
}

/// `N` random bytes from the operating system as `2 * N` lower-case hex digits.
pub fn random_hex<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The secret part of a posting address: 16 characters of a 32-letter alphabet (80 bits) that
/// avoids look-alikes (0/o, 1/l) for members who copy it by hand.
pub fn posting_token() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect()
}

/// What the database keeps of a token: a leaked table must not hand out live sessions.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Only strings that look like our tokens reach the database.
pub fn looks_like_token(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Bytes as lower-case hex digits, two per byte.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_well_formed() {
        let a = random_token();
        assert!(looks_like_token(&a));
        assert_ne!(a, random_token());
        assert_eq!(token_hash(&a).len(), 64);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &random_token()));
        assert!(!looks_like_token("../../etc/passwd"));
        let posting = posting_token();
        assert_eq!(posting.len(), 16);
        assert_ne!(posting, posting_token());
    }
}
