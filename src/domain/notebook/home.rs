//! The home board: pairing codes, the child's fixed replies, messages to the child.

use crate::domain::token::{random_hex, token_hash};
use chrono::Duration;

/// Digits of a pairing code: easy to type on a kiosk or a phone's keypad.
pub const CODE_DIGITS: usize = 6;

/// The longest message a guardian leaves for the child (one line on the board).
pub const MESSAGE_MAX_CHARS: usize = 60;

/// The longest name of a device (「リビングのタブレット」).
pub const NAME_MAX_CHARS: usize = 20;

/// What a device is called when its name was left empty.
pub const DEFAULT_NAME: &str = "ホーム端末";

/// A second ただいま for the same child within this window mails no one again.
pub const TADAIMA_WINDOW: Duration = Duration::minutes(2);

/// How many of the guardians' messages the board shows.
pub const BOARD_MESSAGES: i64 = 5;

/// What the board's messages go back: a message older than this is no longer shown.
pub const BOARD_DAYS: i64 = 3;

/// The child's fixed replies, in the order the board shows them.
pub const REPLIES: [&str; 4] = ["わかった", "ありがとう", "はやくかえってきて", "でんわして"];

/// A posted reply, if it is one of the fixed ones.
pub fn parse_reply(text: &str) -> Option<&'static str> {
    REPLIES.iter().copied().find(|r| *r == text.trim())
}

/// A fresh pairing code: six random decimal digits (leading zeros kept).
pub fn new_code() -> String {
    let raw = u32::from_str_radix(&random_hex::<4>(), 16).unwrap_or_default();
    format!("{:0width$}", raw % 1_000_000, width = CODE_DIGITS)
}

/// A code as people type it: full-width digits, spaces and hyphens allowed; `None` unless six
/// digits remain.
pub fn parse_code(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | 'ー' | '－' | '　'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    (digits.len() == CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// A device's name as typed: trimmed, the default when empty.
pub fn parse_name(text: &str) -> Result<String, &'static str> {
    let name = text.trim();
    if name.is_empty() {
        return Ok(DEFAULT_NAME.to_string());
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err("端末の名前は20文字までにしてください。");
    }
    Ok(name.to_string())
}

/// A guardian's message as typed: one line, not empty, at most `MESSAGE_MAX_CHARS`.
pub fn parse_message(text: &str) -> Result<String, &'static str> {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return Err("伝言を入力してください。");
    }
    if line.chars().count() > MESSAGE_MAX_CHARS {
        return Err("伝言は60文字までにしてください。");
    }
    Ok(line)
}

/// The hidden field a board's forms carry: derived from the device's token, so a page of another
/// site cannot post to the board (the board has no member session and so no session CSRF token).
pub fn board_csrf(token: &str) -> String {
    token_hash(&format!("home-board-form:{token}"))[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_read_as_typed() {
        for _ in 0..50 {
            let code = new_code();
            assert_eq!(code.len(), 6);
            assert_eq!(parse_code(&code), Some(code.clone()));
        }
        let cases = [
            ("042917", Some("042917")),
            ("０４２９１７", Some("042917")),
            ("042 917", Some("042917")),
            ("042-917", Some("042917")),
            ("04291", None),
            ("0429178", None),
            ("04291a", None),
            ("", None),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_code(typed).as_deref(), want, "{typed:?}");
        }
    }

    #[test]
    fn names_messages_and_replies() {
        assert_eq!(parse_name("  ").unwrap(), DEFAULT_NAME);
        assert_eq!(parse_name(" リビングのタブレット ").unwrap(), "リビングのタブレット");
        assert!(parse_name(&"あ".repeat(21)).is_err());
        assert_eq!(parse_message(" おやつは\n冷蔵庫だよ ").unwrap(), "おやつは 冷蔵庫だよ");
        assert!(parse_message("").is_err());
        assert!(parse_message(&"あ".repeat(60)).is_ok());
        assert!(parse_message(&"あ".repeat(61)).is_err());
        assert_eq!(parse_reply("わかった"), Some("わかった"));
        assert_eq!(parse_reply("いやだ"), None);
    }

    #[test]
    fn the_board_form_field_depends_on_the_token() {
        let a = board_csrf("0123456789abcdef0123456789abcdef");
        assert_eq!(a.len(), 32);
        assert_eq!(a, board_csrf("0123456789abcdef0123456789abcdef"));
        assert_ne!(a, board_csrf("f123456789abcdef0123456789abcdef"));
    }
}
