//! A matched request was cancelled: the supporter is told.

use crate::mail::MailText;

pub fn cancelled_to_supporter(when: &str, reason: &str) -> MailText {
    MailText {
        subject: format!("依頼が取り消されました {when}"),
        body: format!(
            "{when}の支援は、依頼会員の都合で取り消しになりました。\n理由：{reason}\n\nご協力ありがとうございました。\n"
        ),
    }
}

/// A coordinator cancelled: the family is told.
pub fn cancelled_to_family(when: &str, reason: &str, fee: &str) -> MailText {
    let mut body = format!("{when}の依頼は、センターで取り消しました。\n理由：{reason}\n");
    if !fee.is_empty() {
        body.push_str(&format!("キャンセル料：{fee}\n"));
    }
    MailText {
        subject: format!("依頼の取り消し {when}"),
        body,
    }
}
