//! Nicknames: what other members see of a member, checked the same at registration and on my page.

use std::fmt;

/// A nickname, trimmed: 1–20 characters, no control characters (a line break or an escape in a
/// name would break the one-line lists and the mails it appears in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nickname(String);

/// Why a nickname was refused, in words a member understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NicknameError {
    #[error("ニックネームは1〜20文字で入力してください。")]
    Length,
    #[error("ニックネームに使えない文字（改行など）が含まれています。")]
    Control,
}

/// The longest nickname, in characters: one line on a 2008 keitai screen.
pub const MAX_CHARS: usize = 20;

impl Nickname {
    pub fn parse(input: &str) -> Result<Self, NicknameError> {
        let text = input.trim();
        if text.is_empty() || text.chars().count() > MAX_CHARS {
            return Err(NicknameError::Length);
        }
        if text.chars().any(char::is_control) {
            return Err(NicknameError::Control);
        }
        Ok(Nickname(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Nickname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_are_trimmed_and_checked() {
        let twenty = "あ".repeat(MAX_CHARS);
        let too_long = "あ".repeat(MAX_CHARS + 1);
        let cases: [(&str, Result<&str, NicknameError>); 8] = [
            ("はなママ", Ok("はなママ")),
            ("  はなママ☀ ", Ok("はなママ☀")),
            ("", Err(NicknameError::Length)),
            ("   ", Err(NicknameError::Length)),
            (&twenty, Ok(&twenty)),
            (&too_long, Err(NicknameError::Length)),
            ("はな\nママ", Err(NicknameError::Control)),
            ("はな\u{1b}ママ", Err(NicknameError::Control)),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Nickname::parse(input).map(Nickname::into_string),
                expected.map(str::to_string),
                "{input:?}"
            );
        }
    }
}
