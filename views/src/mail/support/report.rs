//! Mails of the activity report: the report for the family to confirm, the answer to her reply,
//! and the coordinators' alert about a dispute.

use crate::mail::MailText;

/// What the family's report mail says.
#[derive(Debug, Clone)]
pub struct ReportMail<'a> {
    /// 「12/07（月）」
    pub day: &'a str,
    /// 「10:00〜12:30」 (「22:00〜翌1:15」 past midnight).
    pub times: &'a str,
    pub supporter: &'a str,
    pub note: &'a str,
    /// The fee's lines and 「合計 …」, one per line.
    pub fee_detail: &'a str,
    pub confirm_url: &'a str,
    pub reply_address: &'a str,
}

/// To the family: the report, the fee, and how to confirm it or say it is wrong.
pub fn report(mail: &ReportMail<'_>) -> MailText {
    let note = if mail.note.is_empty() {
        String::new()
    } else {
        format!("\n提供会員からのひとこと：\n{}\n", mail.note)
    };
    MailText {
        subject: "【送迎・あずかり】活動報告のご確認".into(),
        body: format!(
            "{supporter}から活動報告が届きました。内容をご確認ください。\n\n\
             日にち：{day}\n時間：{times}\n{note}\n\
             利用料：\n{fee}\n\n\
             内容が正しければ、このメールに「1」または「確認」と返信してください。\n\
             違うところがあれば「2」のあとに、どこが違うかを書いて返信してください（例：2 終わりは11時でした）。\n\
             返信先：{reply}\n\n\
             次のページからも確認できます。\n{url}\n",
            supporter = crate::text::san(mail.supporter),
            day = mail.day,
            times = mail.times,
            fee = mail.fee_detail,
            reply = mail.reply_address,
            url = mail.confirm_url,
        ),
    }
}

/// How the family's answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportAnswer {
    Confirmed,
    Disputed,
    /// She (or a coordinator) answered before.
    AlreadyAnswered,
    /// No report to answer yet, or the request was cancelled.
    NothingToAnswer,
    Unreadable,
}

/// The answer to a reply to `fam-<token>@`.
pub fn report_answer(answer: ReportAnswer, day: &str, page_url: &str) -> MailText {
    let (subject, text) = match answer {
        ReportAnswer::Confirmed => (
            "ご確認ありがとうございました",
            "活動報告の内容を確認済みにしました。ご利用ありがとうございました。",
        ),
        ReportAnswer::Disputed => (
            "お知らせを受け付けました",
            "活動報告に違うところがあるとのお知らせを受け付けました。アドバイザーが確認して、ご連絡します。",
        ),
        ReportAnswer::AlreadyAnswered => (
            "活動報告はお返事済みです",
            "この活動報告には、すでにお返事をいただいています。",
        ),
        ReportAnswer::NothingToAnswer => (
            "活動報告はまだありません",
            "この活動の報告はまだ届いていないか、依頼が取り消されています。",
        ),
        ReportAnswer::Unreadable => (
            "返信の読み方について",
            "返信を読み取れませんでした。\n内容が正しければ「1」または「確認」、違うところがあれば「2」のあとにどこが違うかを書いて、このメールに返信してください。",
        ),
    };
    MailText {
        subject: format!("【送迎・あずかり】{subject}"),
        body: format!("{text}\n\n活動：{day}\n{page_url}\n"),
    }
}

/// To the coordinators: a family disputes a report.
pub fn disputed(activity: &str, family: &str, supporter: &str, reason: &str, admin_url: &str) -> MailText {
    let reason = if reason.is_empty() {
        "（理由の記入なし）"
    } else {
        reason
    };
    MailText {
        subject: "【送迎・あずかり】活動報告に異議があります".into(),
        body: format!(
            "依頼会員が活動報告の内容に同意していません。双方に確認して、報告を確定してください。\n\n\
             活動：{activity}\n依頼会員：{family}\n提供会員：{supporter}\n依頼会員のことば：{reason}\n{admin_url}\n"
        ),
    }
}
