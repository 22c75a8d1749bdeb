//! Checks shared by the three kinds of roster: one trimmed cell → a value, or why not.

use super::fold;
use crate::domain::email::{EmailAddress, EmailError};

/// Why a cell was refused; the text is the message after 「N 行目（列）: 」.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum CellError {
    #[error("入力してください")]
    Empty,
    #[error("{0} 文字以内で入力してください")]
    TooLong(usize),
    #[error("セルの中で改行しないでください")]
    LineBreak,
    #[error("使えない文字（制御文字）が含まれています")]
    Control,
    #[error("外字は使えません。ふつうの文字に置き換えてください")]
    PrivateUse,
    #[error("半角の英数字と「-」で入力してください")]
    Code,
    #[error("1〜6 の数字で入力してください")]
    Grade,
    #[error("「校門」か「経由」と入力してください")]
    ReaderKind,
    #[error("呼び名を 10 文字以内で入力してください（空欄なら氏名の空白のあとを使います）")]
    ShortName,
    #[error("半角の英数字と「-」「_」「:」で入力してください")]
    Tag,
    #[error("「22:00」や「6:30」のように、時と分を「:」で区切って入力してください")]
    Time,
    #[error("メールアドレスの形が正しくありません")]
    Email,
    #[error("メールアドレスが長すぎます")]
    EmailTooLong,
}

impl From<EmailError> for CellError {
    fn from(error: EmailError) -> Self {
        match error {
            EmailError::Empty => CellError::Empty,
            EmailError::Malformed => CellError::Email,
            EmailError::TooLong => CellError::EmailTooLong,
        }
    }
}

/// One line of text, 1 to `max` characters; runs of spaces (full-width too) become one space.
pub(crate) fn text(cell: &str, max: usize) -> Result<String, CellError> {
    if cell.contains('\n') {
        return Err(CellError::LineBreak);
    }
    let text = collapse_spaces(cell);
    if text.is_empty() {
        return Err(CellError::Empty);
    }
    if text.chars().any(char::is_control) {
        return Err(CellError::Control);
    }
    // Gaiji typed on a school PC decode to the private use area; they show as nothing elsewhere.
    if text.chars().any(|c| matches!(c, '\u{E000}'..='\u{F8FF}')) {
        return Err(CellError::PrivateUse);
    }
    if text.chars().count() > max {
        return Err(CellError::TooLong(max));
    }
    Ok(text)
}

/// A free-text note: empty is none, and line breaks (Alt+Enter in Excel) become spaces.
pub(crate) fn note(cell: &str, max: usize) -> Result<Option<String>, CellError> {
    if cell.is_empty() {
        return Ok(None);
    }
    text(&cell.replace('\n', " "), max).map(Some)
}

/// An ASCII code of letters, digits and `-`, up to 20 characters, case as written.
pub(crate) fn code(cell: &str) -> Result<String, CellError> {
    let code = fold::ascii_code(cell).trim().to_owned();
    if code.is_empty() {
        return Err(CellError::Empty);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(CellError::Code);
    }
    if code.len() > 20 {
        return Err(CellError::TooLong(20));
    }
    Ok(code)
}

/// A mail address in the normalised form [`EmailAddress`] gives; `＠` and other full-width
/// characters typed by mistake are folded first.
pub(crate) fn email(cell: &str) -> Result<String, CellError> {
    Ok(EmailAddress::parse(&fold::ascii_width(cell))?.as_str().to_owned())
}

fn collapse_spaces(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_collapses_spaces_and_counts_characters_not_bytes() {
        assert_eq!(text("山田\u{3000}\u{3000}ゆうた", 10).unwrap(), "山田 ゆうた");
        assert_eq!(text("あいうえおかきくけこ", 10).unwrap(), "あいうえおかきくけこ");
        assert_eq!(text("あいうえおかきくけこさ", 10), Err(CellError::TooLong(10)));
    }

    #[test]
    fn text_refuses_empty_cells_line_breaks_and_gaiji() {
        assert_eq!(text("", 10), Err(CellError::Empty));
        assert_eq!(text("正門\n北側", 10), Err(CellError::LineBreak));
        assert_eq!(text("\u{E000}田", 10), Err(CellError::PrivateUse));
        assert_eq!(text("a\u{7}", 10), Err(CellError::Control));
    }

    #[test]
    fn notes_are_optional_and_may_span_lines() {
        assert_eq!(note("", 100).unwrap(), None);
        assert_eq!(note("体育館側\n2階", 100).unwrap().as_deref(), Some("体育館側 2階"));
    }

    #[test]
    fn codes_fold_full_width_and_keep_case() {
        assert_eq!(code("Ａ－０１２").unwrap(), "A-012");
        assert_eq!(code("b-7").unwrap(), "b-7");
        assert_eq!(code("A 12"), Err(CellError::Code));
        assert_eq!(code("あ"), Err(CellError::Code));
        assert_eq!(code("123456789012345678901"), Err(CellError::TooLong(20)));
        assert_eq!(code(""), Err(CellError::Empty));
    }

    #[test]
    fn emails_are_normalised_by_the_domain_type() {
        assert_eq!(email("Taro..Mama.@docomo.ne.jp").unwrap(), "taro..mama.@docomo.ne.jp");
        assert_eq!(email("ｍａｍａ＠ｅｚｗｅｂ.ne.jp").unwrap(), "mama@ezweb.ne.jp");
        assert_eq!(email("mama@"), Err(CellError::Email));
        assert_eq!(email(""), Err(CellError::Empty));
    }
}
