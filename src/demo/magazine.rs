//! Demo お知らせメール choices: every member has her own area's general notices (the default);
//! the demo families also chose the topics a mother and a grandmother would.

use crate::db::models::magazine::{Subscription, DEFAULT_TOPIC};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::DbConnection;
use diesel::QueryResult;

/// (address, topics besides the general notices) of demo members who chose more.
const CHOICES: [(&str, &[&str]); 2] = [
    ("hana.mama@docomo.ne.jp", &["events", "health"]),
    ("sakura.baaba@ezweb.ne.jp", &["events", "safety"]),
];

/// Adds the demo families' topics to their own area's subscription.
pub fn seed(conn: &mut DbConnection) -> QueryResult<()> {
    for (address, topics) in CHOICES {
        let Some(found) = MailAddress::find(conn, address)? else {
            continue;
        };
        let member = Member::find(conn, found.member_id)?;
        let mut choice = Subscription::defaults(member.area_id);
        if choice.area_ids.is_empty() {
            continue;
        }
        choice.topics = std::iter::once(DEFAULT_TOPIC)
            .chain(topics.iter().copied())
            .map(str::to_string)
            .collect();
        choice.save(conn, member.id)?;
    }
    Ok(())
}
