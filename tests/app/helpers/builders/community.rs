//! Communities: approved, with their owner, members and topics, or a proposal waiting for a
//! coordinator.

use super::PostBuilder;
use crate::helpers::app::TestApp;
use hiroba::db::models::area::Area;
use hiroba::db::models::community::{Community, Proposal};
use hiroba::db::models::community_member::CommunityMember;
use hiroba::domain::community::{CommunityDescription, CommunityName, Decision, MemberRole};

pub struct CommunityBuilder {
    owner: i64,
    name: String,
    description: String,
    area: Option<String>,
    approved_by: Option<i64>,
    members: Vec<i64>,
    topics: Vec<PostBuilder>,
}

/// A community as built.
#[derive(Debug, Clone)]
pub struct TestCommunity {
    pub id: i64,
}

impl CommunityBuilder {
    /// A community proposed by `owner`, approved (by its owner, unless `approved_by` says who)
    /// and joined by the owner.
    pub fn new(owner: i64, name: &str) -> Self {
        CommunityBuilder {
            owner,
            name: name.to_string(),
            description: format!("{name}の情報交換の場です。"),
            area: None,
            approved_by: Some(owner),
            members: Vec::new(),
            topics: Vec::new(),
        }
    }

    pub fn area(mut self, area: &str) -> Self {
        self.area = Some(area.to_string());
        self
    }

    /// Approved by this coordinator.
    pub fn approved_by(mut self, coordinator: i64) -> Self {
        self.approved_by = Some(coordinator);
        self
    }

    /// Left as a proposal waiting for a coordinator (nobody joins it yet).
    pub fn proposal(mut self) -> Self {
        self.approved_by = None;
        self
    }

    pub fn member(mut self, member: i64) -> Self {
        self.members.push(member);
        self
    }

    /// A topic written on the web.
    pub fn topic(mut self, author: i64, title: &str, body: &str) -> Self {
        self.topics.push(PostBuilder::new(author, title).body(body));
        self
    }

    /// A comment on the last topic added.
    pub fn comment(mut self, member: i64, text: &str) -> Self {
        let topic = self.topics.pop().expect("a topic to comment on");
        self.topics.push(topic.comment(member, text));
        self
    }

    pub fn insert(self, app: &TestApp) -> TestCommunity {
        let mut conn = app.pool.get().expect("connection");
        let area_id = self.area.map(|name| {
            let areas = Area::all(&mut conn).expect("areas");
            areas.into_iter().find(|a| a.name == name).expect("area").id
        });
        let proposal = Proposal {
            name: &CommunityName::parse(&self.name).expect("name"),
            description: &CommunityDescription::parse(&self.description).expect("description"),
            area_id,
            created_by: self.owner,
        };
        let id = Community::propose(&mut conn, &proposal)
            .expect("proposal")
            .expect("a new name");
        let Some(coordinator) = self.approved_by else {
            return TestCommunity { id };
        };
        Community::decide(&mut conn, id, Decision::Approve, coordinator, None).expect("approval");
        CommunityMember::join(&mut conn, id, self.owner, MemberRole::Owner).expect("owner");
        for member in self.members {
            CommunityMember::join(&mut conn, id, member, MemberRole::Member).expect("member");
        }
        for topic in self.topics {
            topic.in_community(id).insert_on(&mut conn);
        }
        TestCommunity { id }
    }
}
