//! Mails of the handover check: the answer to a supporter who replied with the 受け渡しコード, and
//! the coordinators' alert when a code is locked after too many wrong entries.

use crate::mail::MailText;

/// How a code entry ended, as the answer tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeAnswer {
    /// Recorded now, at 「14:05」.
    Recorded { at: String },
    /// It was recorded before (at 「14:05」).
    AlreadyRecorded { at: String },
    /// Wrong; this many tries are left.
    Wrong { left: u32 },
    /// Too many wrong entries: the centre must help.
    Locked,
    /// The match no longer stands (cancelled) or the activity was reported already.
    Closed,
    /// No four digits in the reply.
    Unreadable,
}

/// The answer to a reply to `sup-<token>@`. `activity` is 「12/07（月） 10:00〜12:00」;
/// `page_url` the activity page (by token, no password).
pub fn code_answer(answer: &CodeAnswer, activity: &str, page_url: &str) -> MailText {
    let (subject, text) = match answer {
        CodeAnswer::Recorded { at } => (
            "受け渡しを記録しました",
            format!("受け渡しコードを確認し、{at}の受け渡しを記録しました。\n活動が終わったら、次のページから活動報告をお願いします。"),
        ),
        CodeAnswer::AlreadyRecorded { at } => (
            "受け渡しは記録済みです",
            format!("この活動の受け渡しは{at}に記録済みです。もう一度送る必要はありません。"),
        ),
        CodeAnswer::Wrong { left } => (
            "受け渡しコードが違います",
            format!(
                "受け渡しコードが違います。保護者の方に4けたのコードをもう一度確かめて、返信してください。\nあと{left}回まで入力できます。"
            ),
        ),
        CodeAnswer::Locked => (
            "受け渡しコードを確認できません",
            "間違いが続いたため、この活動の受け渡しコードは使えなくなりました。\nお手数ですが、ファミリー・サポート・センター（アドバイザー）にお電話でご連絡ください。アドバイザーにもお知らせしました。".to_string(),
        ),
        CodeAnswer::Closed => (
            "受け渡しを記録できません",
            "この活動は取り消されたか、すでに報告が済んでいるため、受け渡しを記録できません。".to_string(),
        ),
        CodeAnswer::Unreadable => (
            "返信の読み方について",
            "返信から受け渡しコードを読み取れませんでした。\n保護者の方から聞いた4けたの数字（例：1234）だけを本文に書いて、このメールに返信してください。".to_string(),
        ),
    };
    MailText {
        subject: format!("【送迎・あずかり】{subject}"),
        body: format!("{text}\n\n活動：{activity}\n{page_url}\n"),
    }
}

/// To the coordinators: a code was locked after `attempts` wrong entries.
pub fn code_locked(activity: &str, supporter: &str, family: &str, attempts: u32, admin_url: &str) -> MailText {
    MailText {
        subject: "【送迎・あずかり】受け渡しコードがロックされました".into(),
        body: format!(
            "受け渡しコードの入力が{attempts}回続けて違ったため、コードをロックしました。\n\
             提供会員と依頼会員に連絡し、受け渡しを確認してください。\n\n\
             活動：{activity}\n提供会員：{supporter}\n依頼会員：{family}\n{admin_url}\n"
        ),
    }
}
