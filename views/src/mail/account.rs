//! Account mails: address confirmation, a repeated registration, approval.

use super::MailText;

/// Short lines: keitai mail viewers wrap badly and some cut long bodies.
pub fn confirmation(service: &str, confirm_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】メールアドレスの確認"),
        body: format!(
            "{service}へのご登録ありがとうございます。\n\n\
             次のURLを開くと、メールアドレスの確認が終わります。\n{confirm_url}\n\n\
             URLの有効期限は24時間です。\n\
             お心当たりのない場合は、このメールを削除してください。\n"
        ),
    }
}

pub fn already_registered(service: &str, login_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】登録のお申し込みについて"),
        body: format!(
            "このメールアドレスは、すでに登録されています。\n\
             次のURLからログインしてください。\n{login_url}\n\n\
             お心当たりのない場合は、このメールを削除してください。\n"
        ),
    }
}

pub fn approved(service: &str, nickname: &str, top_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】ご利用いただけます"),
        body: format!(
            "{nickname}さん\n\n\
             コーディネーターが登録を承認しました。\n\
             今日からすべての機能をご利用いただけます。\n{top_url}\n"
        ),
    }
}
