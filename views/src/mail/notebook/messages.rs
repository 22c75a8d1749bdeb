//! The notebook's messages mails: the notice of a new message and the reminder to the unread.
//! Short and keitai-safe: the title, whom it is for and the link; the text is on the page.

use crate::mail::MailText;
use crate::text::san;

/// What a notice says about its message.
#[derive(Debug, Clone)]
pub struct NoticeView {
    pub school: String,
    /// お便り or 連絡.
    pub kind: String,
    pub title: String,
    /// The children it is for, by their short names.
    pub children: Vec<String>,
    /// 「回答をお願いします」 when the message asks an answer (a survey or a reply), with its
    /// deadline when it has one.
    pub asks: Option<String>,
    /// `<base_url>/notebook/r/<token>`.
    pub link: String,
}

fn children_line(children: &[String]) -> String {
    children.iter().map(|c| san(c)).collect::<Vec<_>>().join("・")
}

fn body_of(view: &NoticeView, opening: &str) -> String {
    let mut body = format!(
        "{opening}\n\n{}\n【{}】{}\n{}の保護者の方へ\n",
        view.school,
        view.kind,
        view.title,
        children_line(&view.children)
    );
    if let Some(asks) = &view.asks {
        body.push_str(&format!("{asks}\n"));
    }
    body.push_str(&format!("\n▼内容を見る\n{}\n", view.link));
    if view.asks.is_some() {
        body.push_str("\nこのメールに返信しても回答できます。\n");
    }
    body
}

/// The notice of a new message.
pub fn notice(view: &NoticeView) -> MailText {
    MailText {
        subject: format!("【{}】{}", view.kind, view.title),
        body: body_of(view, &format!("{}から{}が届きました。", view.school, view.kind)),
    }
}

/// The reminder to a guardian who has not opened the message yet.
pub fn reminder(view: &NoticeView) -> MailText {
    MailText {
        subject: format!("【再送】{}", view.title),
        body: body_of(
            view,
            &format!("{}からの{}をまだご覧になっていないようです。", view.school, view.kind),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_names_every_child_once_and_carries_the_link() {
        let view = NoticeView {
            school: "柏第一小学校".into(),
            kind: "お便り".into(),
            title: "遠足のお知らせ".into(),
            children: vec!["ゆうた".into(), "さき".into()],
            asks: Some("回答をお願いします（12/10まで）".into()),
            link: "https://hiroba.example/notebook/r/abc".into(),
        };
        let mail = notice(&view);
        assert_eq!(mail.subject, "【お便り】遠足のお知らせ");
        assert!(
            mail.body.contains("ゆうたさん・さきさんの保護者の方へ"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("https://hiroba.example/notebook/r/abc"));
        assert!(mail.body.contains("返信しても回答できます"));
        assert!(reminder(&view).subject.starts_with("【再送】"));
    }
}
