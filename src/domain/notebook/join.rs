//! 申込コード: their alphabet, making one, and reading one as people type it.
//!
//! A code is 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L), printed as
//! `K7M2-P9QX`. People type it in full width, in lower case, with spaces or hyphens: all of that
//! reads as the same code. 31⁸ ≈ 8.5 × 10¹¹ codes, and guessing is rate-limited besides.

use crate::domain::fold::fold;
use argon2::password_hash::rand_core::{OsRng, RngCore};

/// The characters of a code.
pub const ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// The number of characters of a code.
pub const CODE_LEN: usize = 8;

/// A 申込コード in its stored form (8 upper-case characters of `ALPHABET`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JoinCode(String);

impl JoinCode {
    /// A fresh random code.
    pub fn generate() -> JoinCode {
        let mut code = String::with_capacity(CODE_LEN);
        while code.len() < CODE_LEN {
            let mut byte = [0u8; 1];
            OsRng.fill_bytes(&mut byte);
            // 248 = 8 × 31: dropping the rest keeps every character equally likely.
            if byte[0] < 248 {
                code.push(char::from(ALPHABET[usize::from(byte[0] % 31)]));
            }
        }
        JoinCode(code)
    }

    /// A code as typed: full width, lower case, spaces and hyphens of any kind are fine. `None`
    /// when what remains is not 8 characters of the alphabet.
    pub fn parse(typed: &str) -> Option<JoinCode> {
        let compact: String = fold(typed)
            .chars()
            .filter(|c| !is_separator(*c))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = compact.len() == CODE_LEN && compact.bytes().all(|b| ALPHABET.contains(&b));
        valid.then_some(JoinCode(compact))
    }

    /// The codes a mail's subject or body may hold: each word, and each run of words of the
    /// code's characters (「K7M2 P9QX」), that reads as a code. At most `max`, in order.
    pub fn find_in(text: &str, max: usize) -> Vec<JoinCode> {
        let folded = fold(text);
        let mut found: Vec<JoinCode> = Vec::new();
        let push = |candidate: &str, found: &mut Vec<JoinCode>| {
            if let Some(code) = JoinCode::parse(candidate) {
                if !found.contains(&code) {
                    found.push(code);
                }
            }
        };
        // Runs of code-like characters, separators inside allowed.
        for run in folded.split(|c: char| !(c.is_ascii_alphanumeric() || is_separator(c))) {
            for word in run.split_whitespace() {
                push(word, &mut found);
            }
            push(run, &mut found);
        }
        found.truncate(max);
        found
    }

    /// The stored form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As the letter prints it: `K7M2-P9QX`.
    pub fn display(&self) -> String {
        let (head, tail) = self.0.split_at(CODE_LEN / 2);
        format!("{head}-{tail}")
    }
}

/// Spaces and hyphens people put inside a code (after folding: ASCII space and `-`, and the
/// dashes folding leaves alone).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—' | '―' | 'ー' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_people_type_them() {
        let code = JoinCode::parse("K7M2P9QX").unwrap();
        for typed in [
            "k7m2p9qx",
            "K7M2-P9QX",
            " k7m2 p9qx ",
            "Ｋ７Ｍ２－Ｐ９ＱＸ",
            "ｋ７ｍ２　ｐ９ｑｘ",
            "K7M2ーP9QX",
        ] {
            assert_eq!(JoinCode::parse(typed).as_ref(), Some(&code), "{typed}");
        }
        assert_eq!(code.display(), "K7M2-P9QX");
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_no_code() {
        for typed in [
            "K7M2P9Q",
            "K7M2P9QXY",
            "K7M2P9Q0",
            "K7M2P9QO",
            "K7M2P9Q1",
            "K7M2P9QI",
            "K7M2P9QL",
            "",
            "ゆうた",
        ] {
            assert_eq!(JoinCode::parse(typed), None, "{typed}");
        }
    }

    #[test]
    fn generated_codes_use_the_alphabet_and_read_back() {
        for _ in 0..200 {
            let code = JoinCode::generate();
            assert_eq!(code.as_str().len(), CODE_LEN);
            assert_eq!(JoinCode::parse(code.as_str()), Some(code.clone()));
            assert_eq!(JoinCode::parse(&code.display()), Some(code));
        }
    }

    #[test]
    fn codes_are_found_in_mail_text() {
        let code = JoinCode::parse("K7M2P9QX").unwrap();
        let one = std::slice::from_ref(&code);
        assert_eq!(
            JoinCode::find_in("申込コード：K7M2-P9QX\r\nよろしくお願いします", 3),
            one
        );
        assert_eq!(JoinCode::find_in("コードは ｋ７ｍ２ ｐ９ｑｘ です", 3), one);
        assert_eq!(JoinCode::find_in("K7M2P9QX", 3), one);
        assert!(JoinCode::find_in("", 3).is_empty());
        assert!(JoinCode::find_in("よろしくお願いします。090-1234-5678", 3).is_empty());
    }
}
