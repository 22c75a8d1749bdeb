//! What members type to take part: their phone number, and a child's name, birth date and notes,
//! read and checked with the messages the forms show.

use crate::domain::fold::fold;
use crate::domain::time::parse_day_text;
use chrono::{Months, NaiveDate};

/// The oldest child the service takes: ファミリー・サポート covers children up to 小学6年生, who
/// turn twelve during that year.
pub const OLDEST_AGE: u32 = 12;
/// Longest child's name and notes (a keitai form's text fields).
pub const NAME_MAX: usize = 30;
pub const NOTES_MAX: usize = 200;
pub const ADDRESS_MAX: usize = 100;

/// A phone number as digits and hyphens: 「090-1234-5678」 (full-width typing folded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("電話番号を入力してください。")]
    Missing,
    #[error("電話番号は数字とハイフン（-）で、「090-1234-5678」のように入力してください。")]
    Unreadable,
}

impl Phone {
    pub fn parse(text: &str) -> Result<Phone, PhoneError> {
        let folded: String = fold(text.trim()).chars().filter(|c| *c != ' ').collect();
        if folded.is_empty() {
            return Err(PhoneError::Missing);
        }
        let digits = folded.chars().filter(char::is_ascii_digit).count();
        let well_formed = folded.chars().all(|c| c.is_ascii_digit() || c == '-')
            && folded.starts_with('0')
            && (10..=11).contains(&digits)
            && !folded.ends_with('-')
            && !folded.contains("--");
        if well_formed {
            Ok(Phone(folded))
        } else {
            Err(PhoneError::Unreadable)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A child as the family entered her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildFields {
    pub name: String,
    pub birth_date: NaiveDate,
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChildError {
    #[error("お子さんの名前を入力してください（30文字まで）。")]
    Name,
    #[error("生年月日を「2021-04-02」のように入力してください。")]
    BirthUnreadable,
    #[error("生年月日が今日より後になっています。")]
    BornInFuture,
    #[error("ファミリー・サポートは小学6年生（12歳）までのお子さんが対象です。生年月日をご確認ください。")]
    TooOld,
    #[error("メモは200文字までにしてください。")]
    Notes,
}

impl ChildFields {
    /// Reads the form's three fields; `today` decides which birth dates are possible.
    pub fn parse(name: &str, birth: &str, notes: &str, today: NaiveDate) -> Result<ChildFields, ChildError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            return Err(ChildError::Name);
        }
        let birth_date = parse_day_text(birth).ok_or(ChildError::BirthUnreadable)?;
        if birth_date > today {
            return Err(ChildError::BornInFuture);
        }
        // Born on this day thirteen years ago, she turns thirteen today.
        let turns_thirteen = birth_date.checked_add_months(Months::new((OLDEST_AGE + 1) * 12));
        if turns_thirteen.is_none_or(|day| day <= today) {
            return Err(ChildError::TooOld);
        }
        let notes = notes.trim();
        if notes.chars().count() > NOTES_MAX {
            return Err(ChildError::Notes);
        }
        Ok(ChildFields {
            name: name.to_string(),
            birth_date,
            notes: notes.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "090-1234-5678",
            "09012345678",
            "０９０－１２３４－５６７８",
            "04-7100-1234",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Phone::parse("０９０－１２３４－５６７８").unwrap().as_str(),
            "090-1234-5678"
        );
        assert_eq!(Phone::parse("  "), Err(PhoneError::Missing));
        for bad in [
            "090-1234",
            "90-1234-5678",
            "090-1234-5678-9",
            "090 abc",
            "090--12345678",
            "03-1234-5678-",
        ] {
            assert_eq!(Phone::parse(bad), Err(PhoneError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn children_up_to_twelve() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let parse = |birth: &str| ChildFields::parse("さくら", birth, "", today);
        assert!(parse("2021-04-02").is_ok());
        assert!(parse("2026-12-07").is_ok(), "born today");
        assert!(parse("2013-12-08").is_ok(), "twelve, thirteen tomorrow");
        assert_eq!(parse("2013-12-07"), Err(ChildError::TooOld));
        assert_eq!(parse("2026-12-08"), Err(ChildError::BornInFuture));
        assert_eq!(parse("2021-13-01"), Err(ChildError::BirthUnreadable));
        assert_eq!(ChildFields::parse(" ", "2021-04-02", "", today), Err(ChildError::Name));
        assert_eq!(
            ChildFields::parse("さくら", "2021-04-02", &"あ".repeat(201), today),
            Err(ChildError::Notes)
        );
    }
}
