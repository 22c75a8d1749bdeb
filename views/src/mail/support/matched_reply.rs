//! The answer to a reply to a matched request's address from an address that is not that side's.

use crate::mail::MailText;

pub fn sender_refused() -> MailText {
    MailText {
        subject: "【送迎・あずかり】返信を受け付けられませんでした".into(),
        body: "このアドレスからの返信は受け付けられません。\n\
               会員登録で確認済みのメールアドレスから返信するか、メールにあるページから操作してください。\n"
            .into(),
    }
}
