//! Times of day as people choose them (「07:30」), stored as minutes after midnight, Japan time.

use std::fmt;

/// Minutes in a day.
const DAY: i32 = 24 * 60;

/// A time of day, 00:00–23:59.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay(i32);

impl TimeOfDay {
    /// `07:30`, `7:30` or `0730` (a phone's number pad has no colon); full-width digits and
    /// colon count too.
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let text: String = text.trim().chars().map(half_width).collect();
        let (h, m) = match text.split_once(':') {
            Some(parts) => parts,
            None if (3..=4).contains(&text.len()) && text.is_ascii() => text.split_at(text.len() - 2),
            None => return None,
        };
        let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok())?
        };
        let (h, m) = (digits(h, 1..=2)?, digits(m, 2..=2)?);
        (h < 24 && m < 60).then_some(TimeOfDay(h * 60 + m))
    }

    /// From stored minutes; None when out of range.
    pub fn from_minutes(minutes: i32) -> Option<TimeOfDay> {
        (0..DAY).contains(&minutes).then_some(TimeOfDay(minutes))
    }

    pub fn minutes(self) -> i32 {
        self.0
    }

    /// Every half hour of the day, 00:00 to 23:30 (the choices of a keitai select).
    pub fn half_hours() -> impl Iterator<Item = TimeOfDay> {
        (0..DAY).step_by(30).map(TimeOfDay)
    }
}

fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '：' => ':',
        other => other,
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Stored minutes as 「07:30」 (out-of-range values as they are, so nothing is hidden).
pub fn clock(minutes: i32) -> String {
    TimeOfDay::from_minutes(minutes).map_or_else(|| minutes.to_string(), |t| t.to_string())
}

/// Hours in which a recipient gets no pass mails; may wrap midnight (22:00–06:30).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub from: TimeOfDay,
    pub until: TimeOfDay,
}

/// Why two chosen times are not quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuietHoursError {
    #[error("お知らせしない時間は、始まりと終わりの両方を選んでください（なしのときは両方とも「なし」）。")]
    OneSided,
    #[error("お知らせしない時間の始まりと終わりが同じです。")]
    Empty,
    #[error("時刻を読み取れませんでした。選び直してください。")]
    Unreadable,
}

impl QuietHours {
    /// Two choices of a form: both empty (or 「なし」) is no quiet hours.
    pub fn parse(from: &str, until: &str) -> Result<Option<QuietHours>, QuietHoursError> {
        let none = |s: &str| matches!(s.trim(), "" | "なし");
        match (none(from), none(until)) {
            (true, true) => Ok(None),
            (true, false) | (false, true) => Err(QuietHoursError::OneSided),
            (false, false) => {
                let from = TimeOfDay::parse(from).ok_or(QuietHoursError::Unreadable)?;
                let until = TimeOfDay::parse(until).ok_or(QuietHoursError::Unreadable)?;
                if from == until {
                    return Err(QuietHoursError::Empty);
                }
                Ok(Some(QuietHours { from, until }))
            }
        }
    }

    /// From the two stored columns (both or neither).
    pub fn stored(from: Option<i32>, until: Option<i32>) -> Option<QuietHours> {
        Some(QuietHours {
            from: TimeOfDay::from_minutes(from?)?,
            until: TimeOfDay::from_minutes(until?)?,
        })
    }

    /// The pair the recipient model stores.
    pub fn minutes(self) -> (i32, i32) {
        (self.from.minutes(), self.until.minutes())
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〜{}", self.from, self.until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_in_half_and_full_width() {
        assert_eq!(TimeOfDay::parse("07:30").map(TimeOfDay::minutes), Some(450));
        assert_eq!(TimeOfDay::parse("７：３０").map(TimeOfDay::minutes), Some(450));
        assert_eq!(TimeOfDay::parse("0730").map(TimeOfDay::minutes), Some(450));
        assert_eq!(TimeOfDay::parse("８４５").map(TimeOfDay::minutes), Some(525));
        assert_eq!(TimeOfDay::parse("8:05").map(|t| t.to_string()), Some("08:05".into()));
        for bad in [
            "24:00", "07:60", "", "-1:00", "ab:cd", "07:5", "+7:30", "73", "07300", "2400", "+730",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn there_are_48_half_hours() {
        let all: Vec<String> = TimeOfDay::half_hours().map(|t| t.to_string()).collect();
        assert_eq!(all.len(), 48);
        assert_eq!((all[0].as_str(), all[47].as_str()), ("00:00", "23:30"));
    }

    #[test]
    fn quiet_hours_need_both_ends_or_neither() {
        assert_eq!(QuietHours::parse("なし", ""), Ok(None));
        let night = QuietHours::parse("22:00", "06:30").unwrap().unwrap();
        assert_eq!(night.minutes(), (1320, 390));
        assert_eq!(night.to_string(), "22:00〜06:30");
        assert_eq!(QuietHours::parse("22:00", "なし"), Err(QuietHoursError::OneSided));
        assert_eq!(QuietHours::parse("09:00", "09:00"), Err(QuietHoursError::Empty));
        assert_eq!(QuietHours::parse("9時", "10:00"), Err(QuietHoursError::Unreadable));
    }

    #[test]
    fn stored_quiet_hours_need_both_columns() {
        assert_eq!(QuietHours::stored(Some(60), None), None);
        assert_eq!(
            QuietHours::stored(Some(60), Some(120)).map(|q| q.to_string()),
            Some("01:00〜02:00".into())
        );
    }
}
