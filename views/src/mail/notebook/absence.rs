//! The notebook's absence mails: the answer to an absence mail (received, or how to write it), the
//! teacher's 確認, and the not-arrived mail.

use crate::mail::MailText;

/// How to write an absence mail (appended to every answer that asks again).
fn how_to_write(children: &[String]) -> String {
    let mut text = String::from("書き方：\n");
    if children.len() > 1 {
        text.push_str("お子さんのお名前（");
        text.push_str(&children.join("、"));
        text.push_str("のどれか1人）と、");
    }
    text.push_str("「欠席」「遅刻」「早退」、日付（今日・明日・12/5など）、理由を書いてください。\n例：");
    if let Some(first) = children.first() {
        text.push_str(first);
        text.push(' ');
    }
    text.push_str("明日 熱のため欠席します\n");
    text
}

/// The notice was recorded: 「ゆうたさんの欠席連絡を受け付けました」.
pub fn received(child: &str, day: &str, kind: &str, reason: &str) -> MailText {
    MailText {
        subject: format!("{child}さんの{kind}連絡を受け付けました"),
        body: format!(
            "{child}さんの{kind}連絡を受け付けました。\n日付：{day}\n種類：{kind}\n理由：{reason}\n\n先生が確認すると、もう一度メールでお知らせします。\n内容が違うときは、もう一度送ってください。\n"
        ),
    }
}

/// Several children and the mail names none (or two): nothing was stored.
pub fn which_child(children: &[String]) -> MailText {
    MailText {
        subject: "どのお子さんの連絡か分かりませんでした".into(),
        body: format!(
            "どのお子さんの連絡か分からなかったため、受け付けていません。\nお名前を入れて、もう一度送ってください。\n\n{}",
            how_to_write(children)
        ),
    }
}

/// The day is past or too far ahead: nothing was stored.
pub fn day_refused(reason: &str, children: &[String]) -> MailText {
    MailText {
        subject: "日付を確認してください".into(),
        body: format!(
            "{reason}\n受け付けていません。もう一度送ってください。\n\n{}",
            how_to_write(children)
        ),
    }
}

/// The sender is not a confirmed address of the family's guardians.
pub fn not_registered() -> MailText {
    MailText {
        subject: "欠席連絡を受け付けられませんでした".into(),
        body: "このアドレスへの欠席連絡は、連絡帳に登録した保護者のメールアドレスから送ってください。\n受け付けていません。\n".into(),
    }
}

/// A teacher read the notice: 「ゆうたさんの欠席連絡を先生が確認しました」.
pub fn confirmed(child: &str, day: &str, kind: &str) -> MailText {
    MailText {
        subject: format!("{child}さんの{kind}連絡を先生が確認しました"),
        body: format!("{day}の{child}さんの{kind}連絡を、先生が確認しました。\n"),
    }
}

/// The child has no arrival and no notice at the school's time.
pub fn not_arrived(child: &str, school: &str, address: &str, link: &str) -> MailText {
    MailText {
        subject: format!("{child}さんの登校が確認できません"),
        body: format!(
            "{school}です。\n{child}さんは、まだ登校が確認できません。欠席の場合はご連絡ください。\n\nこのメールに返信するか、次のアドレスに送ってください。\n{address}\n例：{child} 欠席 発熱\n\nフォームからも連絡できます。\n{link}\n\n登校していた場合は、このメールは気にしないでください。\n"
        ),
    }
}
