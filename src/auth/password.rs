//! Passwords: the rules members see, and argon2id hashing.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// A password as typed, checked against the rules; never logged or stored.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("パスワードは8文字以上にしてください。")]
    TooShort,
    #[error("パスワードは128文字以内にしてください。")]
    TooLong,
}

impl Password {
    /// 8–128 characters and no other rule (length is what makes a password strong).
    pub fn parse(text: &str) -> Result<Self, PasswordError> {
        match text.chars().count() {
            0..=7 => Err(PasswordError::TooShort),
            8..=128 => Ok(Password(text.to_string())),
            _ => Err(PasswordError::TooLong),
        }
    }
}

/// An argon2id hash in PHC string form (default parameters: 19 MiB, 2 passes).
pub fn hash_password(password: &Password) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.0.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `typed` matches the stored hash; a broken hash never matches.
pub fn verify_password(typed: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| Argon2::default().verify_password(typed.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Spends the time a real check would, so an unknown address answers as slowly as a known one.
pub fn verify_against_nothing(typed: &str) {
    let _ = verify_password(typed, DUMMY_HASH);
}

/// A well-formed hash of nothing anyone knows, with the default parameters.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3T2wqL2bGtL8bqnXFh0Mdt7nV4M0BfK8bVMEBe8cRcU";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let pw = Password::parse("ひろば-2026-あき").unwrap();
        let stored = hash_password(&pw).unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify_password("ひろば-2026-あき", &stored));
        assert!(!verify_password("ひろば-2026-あさ", &stored));
        assert!(!verify_password("x", "not a hash"));
        // The timing decoy must be parsed and computed, not rejected early.
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn length_rules() {
        assert_eq!(Password::parse("1234567").unwrap_err(), PasswordError::TooShort);
        assert!(Password::parse("12345678").is_ok());
        assert_eq!(Password::parse(&"a".repeat(129)).unwrap_err(), PasswordError::TooLong);
    }
}
