//! Answers to mail members send us: 空メール registration, posts by mail, and the test mail.

use super::MailText;

pub fn entry_invite(service: &str, register_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】会員登録のご案内"),
        body: format!(
            "空メールありがとうございます。\n\n\
             次のURLから会員登録にお進みください。\n\
             このメールアドレスは確認済みとして登録されます。\n{register_url}\n\n\
             URLの有効期限は24時間で、1回だけ使えます。\n\
             お心当たりのない場合は、このメールを削除してください。\n"
        ),
    }
}

/// `notes`: photos that could not be used and text that was cut, each already a sentence.
pub fn post_accepted(service: &str, title: &str, post_url: &str, notes: &[String]) -> MailText {
    super::thread_accepted(
        &format!("【{service}】投稿しました"),
        format!("メールでの投稿を受け付けました。\n\n「{title}」\n{post_url}\n"),
        notes,
    )
}

/// Why nothing was posted; `reason` is a sentence for the sender.
pub fn post_refused(service: &str, reason: &str, help_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】投稿できませんでした"),
        body: format!(
            "お送りいただいたメールは投稿されませんでした。\n\n{reason}\n\n\
             メール投稿の使い方：\n{help_url}\n"
        ),
    }
}

pub fn test_mail(service: &str, nickname: &str, mypage_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】テストメール"),
        body: format!(
            "{nickname}さん\n\n\
             テストメールです。このメールが届いていれば、\n\
             {service}からのお知らせを受け取れます。\n\n\
             マイページ：\n{mypage_url}\n"
        ),
    }
}
