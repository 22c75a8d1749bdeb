//! Reading the replies of a matched request's two sides: the supporter's 受け渡しコード (`sup-`)
//! and the family's answer to an activity report (`fam-`: 確認, or 違う with the reason).
//!
//! Only what the person wrote counts: quoted lines (`>`), the quoted original below a
//! 「-----Original Message-----」 line and a signature below 「--」 or a rule are left out, since a
//! keitai reply quotes our mail, which holds digits and the word 確認 itself. Full-width digits
//! and letters read as ASCII (keitai type ４ as easily as 4).

use crate::domain::fold::fold;

/// Digits of a 受け渡しコード.
pub const CODE_DIGITS: usize = 4;

/// What a supporter's reply says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeReply {
    /// The first digits she wrote, four of them.
    Code(String),
    /// No digits, or a number of another length: the answer says how to reply.
    Unreadable,
}

/// What a family's reply to a report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportReply {
    /// 「確認」 or 「1」: the report is right.
    Confirm,
    /// 「2」 or 「違う」: the report is wrong; the rest of her text is the reason (may be empty).
    Dispute {
        reason: String,
    },
    Unreadable,
}

/// The supporter's code: the first run of digits of her own text, when it has four digits.
pub fn read_code(body: &str) -> CodeReply {
    let text = fold(&own_text(body));
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() == CODE_DIGITS {
        CodeReply::Code(digits)
    } else {
        CodeReply::Unreadable
    }
}

/// The family's answer: what her own text starts with.
pub fn read_report_reply(body: &str) -> ReportReply {
    let text = own_text(body);
    let folded = fold(&text);
    const CONFIRM: [&str; 3] = ["確認", "かくにん", "1"];
    const DISPUTE: [&str; 4] = ["違う", "違います", "ちがう", "2"];
    if CONFIRM.iter().any(|p| folded.starts_with(p)) {
        return ReportReply::Confirm;
    }
    // The longest prefix first, so that 「違います」 is not left as 「ます」 in the reason.
    let mut prefixes = DISPUTE;
    prefixes.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    match prefixes.iter().find(|p| folded.starts_with(*p)) {
        // Folding maps one character to one here (no half-width kana in the prefixes), so the
        // prefix's length in characters is its length in the original text.
        Some(prefix) => {
            let rest: String = text.chars().skip(prefix.chars().count()).collect();
            let reason = rest.trim_start_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ':' | '：' | '、' | '。' | ',' | '，' | '.' | '．' | '-' | '－' | '・'
                    )
            });
            ReportReply::Dispute {
                reason: reason.trim_end().to_string(),
            }
        }
        None => ReportReply::Unreadable,
    }
}

/// The lines she wrote herself, trimmed: without quoted lines, and nothing after the start of a
/// quoted original or a signature.
pub fn own_text(body: &str) -> String {
    let mut lines = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if ends_own_text(trimmed) {
            break;
        }
        if trimmed.starts_with('>') || trimmed.starts_with('＞') {
            continue;
        }
        lines.push(trimmed);
    }
    lines.join("\n").trim().to_string()
}

/// A line after which nothing is hers: a quoted original's header or a signature separator.
fn ends_own_text(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let header = lower.contains("original message")
        || line.contains("元のメッセージ")
        || line.contains("転送メッセージ")
        || (lower.starts_with("on ") && lower.ends_with("wrote:"))
        || line.ends_with("書きました：")
        || line.ends_with("書きました:")
        || line.ends_with("wrote:");
    // 「--」, 「-- 」 and rules of dashes, lines or underscores (a keitai's signature frame).
    let rule = line.chars().count() >= 2
        && line.chars().all(|c| {
            matches!(
                c,
                '-' | '－' | '─' | '━' | '―' | '‐' | '=' | '＝' | '_' | '＿' | '*' | '＊' | '~' | '〜'
            )
        });
    header || rule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_the_first_four_digits_she_wrote() {
        let code = |s: &str| CodeReply::Code(s.to_string());
        let cases = [
            ("1234", code("1234")),
            ("0042", code("0042")),
            ("１２３４", code("1234")),
            ("コードは１２３４です", code("1234")),
            ("  5678\n\nよろしくお願いします", code("5678")),
            (
                "4321\n\n> 受け渡しコード 9999 を入力してください\n> 12月7日 10:00〜12:00",
                code("4321"),
            ),
            (
                "2468\n-----Original Message-----\n12月7日 10:00〜12:00 コード 1357",
                code("2468"),
            ),
            ("1111\n--\nよしこ 080-3333-4444", code("1111")),
            ("8642\n━━━━━━\nよしこ\n080-3333-4444", code("8642")),
            ("123", CodeReply::Unreadable),
            ("12345", CodeReply::Unreadable),
            ("１２ ３４", CodeReply::Unreadable),
            ("わかりません", CodeReply::Unreadable),
            ("", CodeReply::Unreadable),
            ("> 1234\n> 引用だけ", CodeReply::Unreadable),
            ("よろしく\n--\n080-3333-4444", CodeReply::Unreadable),
            ("On Mon, 7 Dec 2026 wrote:\n> 1234", CodeReply::Unreadable),
        ];
        for (body, expected) in cases {
            assert_eq!(read_code(body), expected, "{body:?}");
        }
    }

    #[test]
    fn a_family_confirms_or_disputes_by_what_her_reply_starts_with() {
        let dispute = |s: &str| ReportReply::Dispute { reason: s.to_string() };
        let cases = [
            ("確認", ReportReply::Confirm),
            ("確認しました。ありがとうございました", ReportReply::Confirm),
            ("1", ReportReply::Confirm),
            ("１", ReportReply::Confirm),
            (" 1\n\n> 1 確認 / 2 違う", ReportReply::Confirm),
            ("かくにん", ReportReply::Confirm),
            ("2 終わりは11:30でした", dispute("終わりは11:30でした")),
            ("２：交通費はかかっていません", dispute("交通費はかかっていません")),
            ("違う\n終わりは17時です", dispute("終わりは17時です")),
            ("違います。時間が長いです", dispute("時間が長いです")),
            ("ちがう", dispute("")),
            ("2 迎えは16時でした\n--\nはなママ", dispute("迎えは16時でした")),
            ("ありがとうございました", ReportReply::Unreadable),
            ("", ReportReply::Unreadable),
            ("> 確認\n> 1 確認", ReportReply::Unreadable),
            ("-----Original Message-----\n確認", ReportReply::Unreadable),
        ];
        for (body, expected) in cases {
            assert_eq!(read_report_reply(body), expected, "{body:?}");
        }
    }

    #[test]
    fn quoted_lines_and_signatures_are_not_her_text() {
        assert_eq!(own_text("はい\n> 引用\nです\n-- \n署名"), "はい\nです");
        assert_eq!(own_text("  \n本文\n"), "本文");
        assert_eq!(own_text("本文\n----- Original Message -----\n元"), "本文");
        assert_eq!(own_text("本文\nはなママさんは書きました：\n> 元"), "本文");
    }
}
