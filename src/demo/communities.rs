//! Demo コミュニティ: four approved communities with topics and comments (はなママ belongs to two),
//! and one proposal waiting for a coordinator.

use crate::db::models::area::Area;
use crate::db::models::community::{Community, Proposal};
use crate::db::models::community_member::CommunityMember;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::thread::{NewThread, Thread};
use crate::db::models::thread_comment::ThreadComment;
use crate::db::DbConnection;
use crate::domain::community::{CommunityDescription, CommunityName, Decision, MemberRole};
use crate::domain::post::{CommentBody, PostTitle};
use crate::domain::thread::{Channel, Place};

const HANA: &str = "hana.mama@docomo.ne.jp";
const SAKURA: &str = "sakura.baaba@ezweb.ne.jp";
const SENSEI: &str = "sensei@kashiwa-es.example.jp";
const COORDINATOR: &str = "coordinator@hiroba.example.jp";
const PENDING_PROPOSER: &str = "admin@hiroba.example.jp";

/// A demo community: owner, name, description, area, other members, topics (author, title, body,
/// device profile) and a comment on the first topic (author, text).
struct Demo {
    owner: &'static str,
    name: &'static str,
    description: &'static str,
    area: &'static str,
    members: &'static [&'static str],
    topics: &'static [(&'static str, &'static str, &'static str, &'static str)],
    comment: Option<(&'static str, &'static str)>,
}

const COMMUNITIES: [Demo; 4] = [
    Demo {
        owner: HANA,
        name: "柏中央 0〜2歳ママの会",
        description:
            "柏中央地域で0〜2歳の子を育てているママの情報交換の場です。\n公園、病院、離乳食のことなど気軽にどうぞ☀",
        area: "柏中央",
        members: &[SAKURA],
        topics: &[
            (
                HANA,
                "雨の日に遊べる場所",
                "雨が続くと家の中で煮つまりますね。室内で遊べるところを教えてください☔",
                "docomo",
            ),
            (
                SAKURA,
                "離乳食の進め方",
                "孫が9か月になりました。手づかみ食べは何から始めましたか？",
                "au",
            ),
        ],
        comment: Some((SAKURA, "中央公民館の子育てひろばは火・木の午前にあいていますよ。")),
    },
    Demo {
        owner: SAKURA,
        name: "手賀沼おさんぽクラブ",
        description: "ベビーカーで手賀沼のまわりを歩く会です。毎月第1土曜の朝に集まります。",
        area: "富勢",
        members: &[HANA],
        topics: &[(
            SAKURA,
            "12月のおさんぽ",
            "12月は第1土曜の9時半、道の駅の前に集合です。寒いので防寒を🧣",
            "au",
        )],
        comment: Some((HANA, "参加します！ベビーカーで行きます。")),
    },
    Demo {
        owner: SENSEI,
        name: "放課後の見守りボランティア",
        description: "下校時間の見守りにご協力いただける方の連絡用です。",
        area: "田中",
        members: &[],
        topics: &[(
            SENSEI,
            "今月の当番表",
            "今月の当番表を職員室前に貼りました。ご確認ください。",
            "pc",
        )],
        comment: None,
    },
    Demo {
        owner: COORDINATOR,
        name: "子育てサークル運営者の集まり",
        description: "市内で子育てサークルを運営している方どうしの情報交換です。",
        area: "増尾",
        members: &[],
        topics: &[],
        comment: None,
    },
];

/// Adds the demo communities to a database without communities; true when it did.
pub fn seed(conn: &mut DbConnection) -> Result<bool, Box<dyn std::error::Error>> {
    if Community::count(conn)? > 0 {
        return Ok(false);
    }
    let Some(coordinator) = member_of(conn, COORDINATOR)? else {
        return Ok(false);
    };
    let areas = Area::all(conn)?;
    let area_of = |name: &str| areas.iter().find(|a| a.name == name).map(|a| a.id);
    for demo in &COMMUNITIES {
        let Some(owner) = member_of(conn, demo.owner)? else {
            continue;
        };
        let proposal = Proposal {
            name: &CommunityName::parse(demo.name)?,
            description: &CommunityDescription::parse(demo.description)?,
            area_id: area_of(demo.area),
            created_by: owner,
        };
        let Some(id) = Community::propose(conn, &proposal)? else {
            continue;
        };
        Community::decide(conn, id, Decision::Approve, coordinator, None)?;
        CommunityMember::join(conn, id, owner, MemberRole::Owner)?;
        for address in demo.members {
            if let Some(member) = member_of(conn, address)? {
                CommunityMember::join(conn, id, member, MemberRole::Member)?;
            }
        }
        let mut first = None;
        for (author, title, body, profile) in demo.topics {
            let Some(member_id) = member_of(conn, author)? else {
                continue;
            };
            let topic = NewThread {
                place: Place::Community(id),
                member_id,
                title: &PostTitle::parse(title)?,
                body,
                category: None,
                area_id: None,
                channel: Channel::Web,
                inbound_mail_id: None,
                profile,
            };
            first.get_or_insert(Thread::insert(conn, &topic)?);
        }
        if let (Some(topic), Some((author, text))) = (first, demo.comment) {
            if let Some(member_id) = member_of(conn, author)? {
                ThreadComment::insert(conn, topic, member_id, &CommentBody::parse(text)?, "docomo")?;
            }
        }
    }
    if let Some(proposer) = member_of(conn, PENDING_PROPOSER)? {
        let proposal = Proposal {
            name: &CommunityName::parse("ふたごママの会")?,
            description: &CommunityDescription::parse("双子・三つ子を育てている家族の情報交換をしたいです。")?,
            area_id: area_of("柏中央"),
            created_by: proposer,
        };
        Community::propose(conn, &proposal)?;
    }
    Ok(true)
}

fn member_of(conn: &mut DbConnection, address: &str) -> diesel::QueryResult<Option<i64>> {
    Ok(MailAddress::find(conn, address)?.map(|a| a.member_id))
}
