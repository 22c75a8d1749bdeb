//! Mail addresses as members type them, including the RFC-breaking ones keitai carriers issued.

use std::fmt;

/// A mail address, lower-cased, checked enough to be deliverable.
///
/// docomo and au issued local parts with consecutive dots or a dot before the `@`
/// (`taro..hanako.@docomo.ne.jp`); those are accepted, since members really have them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

/// Why an address was refused, in words a member understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("メールアドレスを入力してください。")]
    Empty,
    #[error("メールアドレスの形が正しくありません。")]
    Malformed,
    #[error("メールアドレスが長すぎます。")]
    TooLong,
}

const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = text.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(EmailError::Malformed);
        }
        Ok(EmailAddress(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keitai_addresses_that_break_the_rfc_are_accepted() {
        for a in [
            "taro..hanako.@docomo.ne.jp",
            ".mama@ezweb.ne.jp",
            "Mama_2008-@SoftBank.ne.jp",
        ] {
            assert!(EmailAddress::parse(a).is_ok(), "{a}");
        }
        assert_eq!(
            EmailAddress::parse(" Mama@DoCoMo.ne.jp ").unwrap().as_str(),
            "mama@docomo.ne.jp"
        );
    }

    #[test]
    fn broken_addresses_are_refused_with_a_reason() {
        assert_eq!(EmailAddress::parse(""), Err(EmailError::Empty));
        for a in [
            "mama",
            "mama@",
            "@docomo.ne.jp",
            "mama@docomo",
            "ma ma@docomo.ne.jp",
            "mama@-x.jp",
            "ママ@docomo.ne.jp",
        ] {
            assert_eq!(EmailAddress::parse(a), Err(EmailError::Malformed), "{a}");
        }
    }
}
