//! A place as a member meets it: whether she may read its threads, and whether she may write there
//! or why not. The portal is open to every approved member (the permission policy decides who that
//! is); a community by its status and its members.

use crate::db::models::community::Community;
use crate::db::models::community_member::CommunityMember;
use crate::db::DbConnection;
use crate::domain::community::CommunityStatus;
use crate::domain::thread::{Place, Refusal};
use diesel::QueryResult;

/// A place with what its rules need to know.
#[derive(Debug, Clone)]
pub struct Venue {
    pub place: Place,
    /// The community, for a community's place.
    pub community: Option<Community>,
}

impl Venue {
    /// The place, or `None` when its community does not exist.
    pub fn find(conn: &mut DbConnection, place: Place) -> QueryResult<Option<Venue>> {
        let community = match place {
            Place::Portal | Place::Notebook(_) => None,
            Place::Community(id) => match Community::find(conn, id)? {
                Some(found) => Some(found),
                None => return Ok(None),
            },
        };
        Ok(Some(Venue { place, community }))
    }

    /// The place if the member reads its threads (`readable_by`); `None` for a community that does
    /// not exist.
    pub fn readable(
        conn: &mut DbConnection,
        place: Place,
        member_id: i64,
        moderator: bool,
    ) -> QueryResult<Option<Venue>> {
        Ok(Venue::find(conn, place)?.filter(|v| v.readable_by(member_id, moderator)))
    }

    /// Whether a member reads the threads here: an approved or closed community's are open to every
    /// member; a proposal's (pending or rejected) only to its proposer and coordinators.
    pub fn readable_by(&self, member_id: i64, moderator: bool) -> bool {
        if let Place::Notebook(_) = self.place {
            // Who reads a message is its recipients and the school's teachers (`notebook::access`).
            return false;
        }
        match &self.community {
            None => true,
            Some(c) => match c.status() {
                CommunityStatus::Approved | CommunityStatus::Closed => true,
                CommunityStatus::Pending | CommunityStatus::Rejected => moderator || c.created_by == member_id,
            },
        }
    }

    /// Why the member may not write threads and comments here, or `None` when she may: a community
    /// takes them while it is approved, from the members who joined it.
    pub fn refusal_for(&self, conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<Refusal>> {
        let Some(community) = &self.community else {
            return Ok(None);
        };
        if !community.is_approved() {
            return Ok(Some(Refusal::Closed));
        }
        if CommunityMember::role_of(conn, community.id, member_id)?.is_none() {
            return Ok(Some(Refusal::NotJoined));
        }
        Ok(None)
    }
}
