//! The notebook's families mails: a join approved or refused, and the 空メール answers that carry
//! a 申込コード on to joining.

use crate::mail::MailText;

/// To the guardian: the school approved her request to join `child` (「2年1組 やまだ ゆうた」).
pub fn join_approved(school: &str, child: &str, notebook_url: &str) -> MailText {
    MailText {
        subject: "【連絡帳】登録が承認されました".into(),
        body: format!(
            "{school}から、{child}さんの連絡帳への登録が承認されました。\n\n\
             学校からのお知らせや欠席の連絡は、次のURLからどうぞ。\n{notebook_url}\n"
        ),
    }
}

/// To the guardian: the school refused her request to join `child`.
pub fn join_refused(school: &str, child: &str) -> MailText {
    MailText {
        subject: "【連絡帳】登録を承認できませんでした".into(),
        body: format!(
            "{school}で、{child}さんの連絡帳への登録を承認できませんでした。\n\n\
             お心当たりのない場合や、お子さんの保護者の方は、お手数ですが学校にお問い合わせください。\n"
        ),
    }
}

/// 空メール with a valid 申込コード from an address nobody has registered: register first, then
/// join.
pub fn entry_with_code(service: &str, register_url: &str, join_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】会員登録と連絡帳のご案内"),
        body: format!(
            "空メールありがとうございます。\n\n\
             1. 次のURLから会員登録にお進みください（このメールアドレスは確認済みとして登録されます）。\n\
             {register_url}\n\
             URLの有効期限は24時間で、1回だけ使えます。\n\n\
             2. 登録が承認されたら、次のURLでログインすると、申込コードが入った状態でお子さんの連絡帳の登録に進めます。\n\
             {join_url}\n\n\
             お心当たりのない場合は、このメールを削除してください。\n"
        ),
    }
}

/// 空メール with a valid 申込コード from a member's address: straight to joining.
pub fn entry_member_join(join_url: &str) -> MailText {
    MailText {
        subject: "【連絡帳】お子さんの登録のご案内".into(),
        body: format!(
            "空メールありがとうございます。\n\n\
             このメールアドレスはすでに会員として登録されています。\n\
             次のURLからログインすると、申込コードが入った状態でお子さんの連絡帳の登録に進めます。\n\
             {join_url}\n"
        ),
    }
}

/// 空メール with something that looks like a 申込コード but is none, or too many wrong ones.
pub fn entry_wrong_code(entry_address: &str) -> MailText {
    MailText {
        subject: "【連絡帳】申込コードを確認できませんでした".into(),
        body: format!(
            "メールにあった申込コードを確認できませんでした。\n\n\
             学校からのお手紙の申込コード（8文字、例 K7M2-P9QX）をもう一度お確かめのうえ、\n\
             {entry_address} あてに本文へコードだけを書いて送ってください。\n\
             何度も間違えると、しばらく受け付けられなくなります。\n"
        ),
    }
}
