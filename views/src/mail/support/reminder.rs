//! The reminder before an activity, to either side.

use crate::mail::MailText;

/// `who` is the other side (「よしこさん 080-…」); `link` the page of the activity.
pub fn reminder(when: &str, kind: &str, who: &str, extra: &str, link: &str) -> MailText {
    let mut body = format!("明日（または本日）の支援のお知らせです。\n\n日時：{when}\n内容：{kind}\n相手：{who}\n");
    if !extra.is_empty() {
        body.push_str(extra);
        body.push('\n');
    }
    body.push_str(&format!("\n{link}\n"));
    MailText {
        subject: format!("支援のお知らせ {when}"),
        body,
    }
}
