//! Account mails: address confirmation, a repeated registration, approval, a password reset.

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

/// 「パスワードを忘れた方」: the link to set a new password. It names no account and no nickname:
/// whoever reads the mail learns only that someone typed this address.
pub fn password_reset(reset_url: &str, minutes: i64) -> MailText {
    MailText {
        subject: "【かしわ子育てひろば】パスワードの再設定".into(),
        body: format!(
            "パスワードの再設定のお申し込みを受け付けました。\n\n\
             次のURLを開いて、新しいパスワードを入力してください。\n{reset_url}\n\n\
             URLの有効期限は{minutes}分です。一度だけ使えます。\n\
             お心当たりのない場合は、このメールを削除してください。\n\
             いまのパスワードはそのまま使えます。\n"
        ),
    }
}
