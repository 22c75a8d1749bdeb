//! Alerts to the coordinators (アドバイザー).

use crate::mail::MailText;

/// Every wave went unanswered (or nobody was left to ask).
pub fn unfilled(when: &str, kind: &str, asked: usize, link: &str) -> MailText {
    MailText {
        subject: format!("【未決定】支援の依頼 {when}"),
        body: format!(
            "次の依頼に引き受け手が見つかっていません。\n\n日時：{when}\n内容：{kind}\nお知らせした提供会員：{asked}人\n\n手動での割り当てをお願いします。\n{link}\n"
        ),
    }
}
