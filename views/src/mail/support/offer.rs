//! The offer to a supporter: what, where, when and for whom (ages only: no names, no address),
//! and how to answer. Short lines for a らくらくホン's screen.

use crate::mail::MailText;

/// What an offer says. Nothing in it identifies the family.
#[derive(Debug, Clone)]
pub struct OfferMail<'a> {
    /// 「送迎（柏中央→富勢、車）」 or 「あずかり（提供会員の自宅）」.
    pub kind: &'a str,
    /// The areas of the activity: 「柏中央」.
    pub areas: &'a str,
    /// 「12/05（土） 17:00〜19:00」.
    pub when: &'a str,
    /// 「2歳・5歳」, with 病後児 noted.
    pub ages: &'a str,
    pub urgent: bool,
    /// She has not met the family: a 事前打合せ comes first.
    pub first_meeting: bool,
    /// `/support/o/{token}` in full.
    pub link: &'a str,
}

pub fn offer(m: &OfferMail<'_>) -> MailText {
    let urgent = if m.urgent { "【急ぎ】" } else { "" };
    let mut body = format!(
        "{urgent}支援のお願いです。\n\n内容：{}\n地域：{}\n日時：{}\nお子さん：{}\n",
        m.kind, m.areas, m.when, m.ages
    );
    if m.first_meeting {
        body.push_str("\nはじめてのご家庭です。活動の前にセンターで事前打合せをします。\n");
    }
    body.push_str(&format!(
        "\n引き受けられる方は下のリンクから、\nまたはこのメールに返信してください。\n{}\n\n返信の場合：\n「1」「はい」で引き受け\n「2」「いいえ」で辞退\n\n先に引き受けた方に決まります。\n",
        m.link
    ));
    MailText {
        subject: format!("{urgent}支援のお願い {}", m.when),
        body,
    }
}

/// To a supporter whose offer closed before she answered: someone else was matched, or the
/// family cancelled.
pub fn offer_closed(when: &str, cancelled: bool) -> MailText {
    let (subject, line) = if cancelled {
        ("依頼が取り消されました", "この依頼は取り消されました。")
    } else {
        ("ほかの方に決まりました", "ほかの方に決まりました。")
    };
    MailText {
        subject: format!("{subject} {when}"),
        body: format!("{when}の支援のお願いは、{line}\nご協力ありがとうございました。\n"),
    }
}
