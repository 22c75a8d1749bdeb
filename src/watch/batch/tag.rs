//! IC-tag ids as readers send them and coordinators type them.

use std::fmt;

/// The longest tag id, in characters.
pub const MAX_TAG_LEN: usize = 64;

/// An IC tag's id: 1–64 ASCII letters, digits, `-`, `_` and `:`, upper-cased so that
/// `04a1b2` and `04A1B2` are one tag. Separators are kept: `04:A1:B2` is another tag than `04A1B2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagId(String);

/// Why a tag id was refused. The `Display` text is English for readers' vendors;
/// [`japanese`](Self::japanese) is for a coordinator typing an id into a form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagIdError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {MAX_TAG_LEN} characters")]
    TooLong,
    #[error("may contain only ASCII letters, digits, '-', '_' and ':' (found {0:?})")]
    BadCharacter(char),
}

impl TagIdError {
    /// The refusal in words a coordinator understands.
    pub fn japanese(&self) -> String {
        match self {
            Self::Empty => "タグ番号を入力してください。".to_owned(),
            Self::TooLong => format!("タグ番号は{MAX_TAG_LEN}文字以内で入力してください。"),
            Self::BadCharacter(_) => "タグ番号に使える文字は半角の英字・数字と「-」「_」「:」だけです。".to_owned(),
        }
    }
}

impl TagId {
    /// Trims surrounding white space, checks the characters and the length, upper-cases.
    pub fn parse(input: &str) -> Result<Self, TagIdError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(TagIdError::Empty);
        }
        if let Some(bad) = text
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')))
        {
            return Err(TagIdError::BadCharacter(bad));
        }
        // ASCII only from here on, so bytes are characters.
        if text.len() > MAX_TAG_LEN {
            return Err(TagIdError::TooLong);
        }
        Ok(Self(text.to_ascii_uppercase()))
    }

    /// The normalised id, as stored and compared.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_case_and_surrounding_space_do_not_make_another_tag() {
        let lower = TagId::parse(" 04a1b2\t").unwrap();
        assert_eq!(lower, TagId::parse("04A1B2").unwrap());
        assert_eq!(lower.as_str(), "04A1B2");
        assert_eq!(lower.to_string(), "04A1B2");
    }

    #[test]
    fn separators_are_allowed_and_kept() {
        assert_eq!(TagId::parse("e0:04-01_ab").unwrap().as_str(), "E0:04-01_AB");
        assert_ne!(TagId::parse("04:A1").unwrap(), TagId::parse("04A1").unwrap());
    }

    #[test]
    fn empty_ids_are_refused() {
        assert_eq!(TagId::parse(""), Err(TagIdError::Empty));
        assert_eq!(TagId::parse("   "), Err(TagIdError::Empty));
    }

    #[test]
    fn sixty_four_characters_pass_and_sixty_five_do_not() {
        assert!(TagId::parse(&"A".repeat(64)).is_ok());
        assert_eq!(TagId::parse(&"A".repeat(65)), Err(TagIdError::TooLong));
    }

    #[test]
    fn other_characters_are_refused_by_name() {
        for (input, bad) in [
            ("04 A1", ' '),
            ("04.A1", '.'),
            ("０４A1", '０'),
            ("04/A1", '/'),
            ("ä", 'ä'),
        ] {
            assert_eq!(TagId::parse(input), Err(TagIdError::BadCharacter(bad)), "{input}");
        }
        assert!(TagIdError::BadCharacter('.').to_string().contains("'.'"));
        assert!(TagIdError::BadCharacter('.').japanese().contains("半角"));
    }
}
