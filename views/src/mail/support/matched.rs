//! The confirmations of a match: the family learns who comes and the 受け渡しコード; the
//! supporter learns the family's address, the children and the places.

use crate::mail::MailText;

/// To the family.
#[derive(Debug, Clone)]
pub struct FamilyConfirmation<'a> {
    pub when: &'a str,
    pub kind: &'a str,
    pub supporter_nickname: &'a str,
    pub supporter_phone: &'a str,
    pub handover_code: &'a str,
    /// A 事前打合せ comes first.
    pub first_meeting: bool,
    /// `/support/requests/{id}` in full.
    pub link: &'a str,
}

pub fn family_confirmation(m: &FamilyConfirmation<'_>) -> MailText {
    let mut body = format!(
        "支援する方が決まりました。\n\n日時：{}\n内容：{}\n提供会員：{}\n電話：{}\n\n受け渡しコード：{}\nお子さんを預けるときに、このコードを提供会員に伝えてください。\n",
        m.when, m.kind, crate::text::san(m.supporter_nickname), m.supporter_phone, m.handover_code
    );
    if m.first_meeting {
        body.push_str("\n活動の前にセンターで事前打合せをします。センターからの連絡をお待ちください。\n");
    }
    body.push_str(&format!("\n依頼の内容と取り消し：\n{}\n", m.link));
    MailText {
        subject: format!("支援が決まりました {}", m.when),
        body,
    }
}

/// To the supporter.
#[derive(Debug, Clone)]
pub struct SupporterConfirmation<'a> {
    pub when: &'a str,
    pub kind: &'a str,
    /// 「さくら（5歳）、はると（2歳・病後児）」.
    pub children: &'a str,
    pub family_nickname: &'a str,
    pub family_phone: &'a str,
    pub address: &'a str,
    /// 送迎: 「さくら保育園 → 自宅」; empty for あずかり.
    pub places: &'a str,
    pub note: &'a str,
    pub first_meeting: bool,
    /// `/support/h/{token}` in full: the handover page.
    pub handover_link: &'a str,
    /// `sup-<token>@…`: where the 受け渡しコード can be replied.
    pub reply_address: &'a str,
}

pub fn supporter_confirmation(m: &SupporterConfirmation<'_>) -> MailText {
    let mut body = format!(
        "引き受けていただき、ありがとうございます。\n\n日時：{}\n内容：{}\nお子さん：{}\n依頼会員：{}\n電話：{}\n住所：{}\n",
        m.when, m.kind, m.children, crate::text::san(m.family_nickname), m.family_phone, m.address
    );
    if !m.places.is_empty() {
        body.push_str(&format!("場所：{}\n", m.places));
    }
    if !m.note.is_empty() {
        body.push_str(&format!("連絡事項：{}\n", m.note));
    }
    if m.first_meeting {
        body.push_str("\n活動の前にセンターで事前打合せをします。\n");
    }
    body.push_str(&format!(
        "\nお子さんを預かるときに、依頼会員から4けたの受け渡しコードを聞いて、下のページで入力するか、このメールに返信してください。\n{}\n返信先：{}\n",
        m.handover_link, m.reply_address
    ));
    MailText {
        subject: format!("支援の確定 {}", m.when),
        body,
    }
}
