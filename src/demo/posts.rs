//! Demo クチコミ: a few posts by the demo members in their areas, and a comment.

use crate::db::models::area::Area;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::thread::{NewThread, Thread};
use crate::db::models::thread_comment::ThreadComment;
use crate::db::DbConnection;
use crate::domain::post::{Category, CommentBody, PostTitle};
use crate::domain::thread::{Channel, Place, PlaceKind};
use crate::keitai::profile::ProfileRegistry;

/// (author's address, title, body, category, area).
const POSTS: [(&str, &str, &str, Category, &str); 5] = [
    (
        "hana.mama@docomo.ne.jp",
        "柏の葉公園の噴水広場",
        "噴水が始まりました☀\n水遊びするなら着替えとタオルを忘れずに。トイレにおむつ替え台があります。",
        Category::Play,
        "柏中央",
    ),
    (
        "sakura.baaba@ezweb.ne.jp",
        "土曜午前もやっている小児科",
        "駅前の小児科は土曜の午前も診てくれます。9時前に行くと待ち時間が短めでした。",
        Category::Clinic,
        "富勢",
    ),
    (
        "hana.mama@docomo.ne.jp",
        "授乳室のあるスーパー",
        "駅の東口のスーパーは2階に授乳室とミルク用のお湯があります🍼",
        Category::Shop,
        "柏中央",
    ),
    (
        "sensei@kashiwa-es.example.jp",
        "放課後の校庭開放",
        "水曜と金曜の放課後は校庭を開放しています。ボール遊びもできます。",
        Category::School,
        "田中",
    ),
    (
        "sakura.baaba@ezweb.ne.jp",
        "ベビーカーで歩ける散歩道",
        "手賀沼沿いの遊歩道は段差が少なく、ベンチもたくさんあります。",
        Category::Childcare,
        "富勢",
    ),
];

/// The comment on the first post: (address, text).
const COMMENT: (&str, &str) = (
    "sakura.baaba@ezweb.ne.jp",
    "孫と行ってきました。日陰のベンチが少ないので帽子があると安心です。",
);

/// Adds the demo posts to a database without posts; true when it did.
pub fn seed(conn: &mut DbConnection, profiles: &ProfileRegistry) -> Result<bool, Box<dyn std::error::Error>> {
    if Thread::count(conn, PlaceKind::Portal)? > 0 {
        return Ok(false);
    }
    let areas = Area::all(conn)?;
    let mut first = None;
    for (address, title, body, category, area) in POSTS {
        let Some(author) = MailAddress::find(conn, address)? else {
            continue;
        };
        let title = PostTitle::parse(title)?;
        let new = NewThread {
            place: Place::Portal,
            member_id: author.member_id,
            title: &title,
            body,
            category: Some(category),
            area_id: areas.iter().find(|a| a.name == area).map(|a| a.id),
            channel: Channel::Web,
            inbound_mail_id: None,
            profile: &profiles.mail_profile_of_address(address).id,
        };
        let id = Thread::insert(conn, &new)?;
        first.get_or_insert(id);
    }
    if let (Some(post_id), Some(author)) = (first, MailAddress::find(conn, COMMENT.0)?) {
        let profile = &profiles.mail_profile_of_address(COMMENT.0).id;
        ThreadComment::insert(
            conn,
            post_id,
            author.member_id,
            &CommentBody::parse(COMMENT.1)?,
            profile,
        )?;
    }
    Ok(first.is_some())
}
