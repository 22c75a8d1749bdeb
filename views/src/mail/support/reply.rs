//! Answers to a supporter's reply to an offer.

use crate::mail::MailText;

/// The reply could not be read: how to answer.
pub fn how_to_answer(when: &str, link: &str) -> MailText {
    MailText {
        subject: format!("お返事を読み取れませんでした {when}"),
        body: format!(
            "お返事を読み取れませんでした。\n本文の1行目に\n「1」か「はい」（引き受ける）\n「2」か「いいえ」（辞退する）\nと書いて、もう一度返信してください。\n\nリンクからも答えられます。\n{link}\n"
        ),
    }
}

/// Her decline was recorded.
pub fn declined(when: &str) -> MailText {
    MailText {
        subject: format!("辞退を承りました {when}"),
        body: format!("{when}の支援のお願いを辞退されました。\nまたの機会によろしくお願いします。\n"),
    }
}

/// The offer was closed before her answer came.
pub fn closed(when: &str, cancelled: bool) -> MailText {
    let line = if cancelled {
        "この依頼は取り消されました。"
    } else {
        "ほかの方に決まりました。"
    };
    MailText {
        subject: format!("{} {when}", line.trim_end_matches('。')),
        body: format!("{when}の支援のお願いは、{line}\nご協力ありがとうございました。\n"),
    }
}

/// She had already answered.
pub fn already_answered(when: &str) -> MailText {
    MailText {
        subject: format!("お返事は受け付け済みです {when}"),
        body: format!("{when}の支援のお願いには、すでにお返事をいただいています。\n"),
    }
}

/// The sender is not the supporter the offer went to.
pub fn not_yours() -> MailText {
    MailText {
        subject: "お返事を受け付けられませんでした".into(),
        body: "このアドレスには、お願いをお送りした提供会員の登録済みメールアドレスからお返事ください。\n".into(),
    }
}
