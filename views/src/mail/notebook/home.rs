//! The notebook's home mails: the board's ただいま and the child's replies, to every guardian.

use crate::mail::MailText;

/// The child pressed ただいま on the board at `time` (「15:42」, Japan time).
pub fn tadaima(child: &str, time: &str, device: &str, link: &str) -> MailText {
    MailText {
        subject: format!("{child}さんが {time} に帰宅しました"),
        body: format!(
            "{child}さんが {time} に帰宅しました。\n（ホーム端末「{device}」のただいまボタン）\n\n伝言板：\n{link}\n"
        ),
    }
}

/// The child answered the message written at `message_time` with a fixed reply at `time`.
pub fn reply(child: &str, reply: &str, time: &str, message_time: &str, message: &str, link: &str) -> MailText {
    MailText {
        subject: format!("{child}さんから返事：{reply}"),
        body: format!(
            "{child}さんから返事：{reply}（{time}）\n\n{message_time} の伝言：\n「{message}」\n\n伝言板：\n{link}\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mails_name_the_child_and_the_time() {
        let mail = tadaima(
            "ゆうた",
            "15:42",
            "リビングのタブレット",
            "https://example.jp/notebook/home",
        );
        assert_eq!(mail.subject, "ゆうたさんが 15:42 に帰宅しました");
        assert!(mail.body.contains("リビングのタブレット"));
        let mail = reply(
            "ゆうた",
            "わかった",
            "15:50",
            "15:10",
            "おやつは冷蔵庫だよ",
            "https://example.jp/",
        );
        assert_eq!(mail.subject, "ゆうたさんから返事：わかった");
        assert!(mail.body.contains("「おやつは冷蔵庫だよ」"));
    }
}
