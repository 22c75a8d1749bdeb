//! Mails about communities: a coordinator's decision on a proposal, and the answer to a topic sent
//! by mail to a community's address.

use super::MailText;

pub fn approved(service: &str, name: &str, community_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】コミュニティが承認されました"),
        body: format!(
            "ご提案いただいたコミュニティ「{name}」が承認され、公開されました。\n\
             あなたが管理人です。さっそくトピックを立ててみましょう。\n\n{community_url}\n"
        ),
    }
}

pub fn rejected(service: &str, name: &str, reason: &str, help_url: &str) -> MailText {
    MailText {
        subject: format!("【{service}】コミュニティの提案について"),
        body: format!(
            "ご提案いただいたコミュニティ「{name}」は、今回は見送らせていただきました。\n\n\
             理由：{reason}\n\n\
             内容を見直して、あらためて提案していただくこともできます。\n{help_url}\n"
        ),
    }
}

/// `notes`: photos that could not be used and text that was cut, each already a sentence.
pub fn topic_accepted(service: &str, community: &str, title: &str, topic_url: &str, notes: &[String]) -> MailText {
    super::thread_accepted(
        &format!("【{service}】トピックを立てました"),
        format!("コミュニティ「{community}」にトピックを立てました。\n\n「{title}」\n{topic_url}\n"),
        notes,
    )
}
