//! Communities (コミュニティ): proposed by a member, decided by a coordinator, listed when approved.

use crate::db::schema::{communities, community_members};
use crate::db::{now, DbConnection};
use crate::domain::community::{CommunityDescription, CommunityName, CommunityStatus, Decision};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = communities)]
pub struct Community {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub area_id: Option<i64>,
    pub created_by: i64,
    pub status: String,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_active_at: NaiveDateTime,
}

/// A line of the community list, with its member count.
#[derive(Debug, Clone)]
pub struct CommunityLine {
    pub id: i64,
    pub name: String,
    pub area_id: Option<i64>,
    pub last_active_at: NaiveDateTime,
    pub members: i64,
}

/// A proposal about to be stored.
#[derive(Debug, Clone)]
pub struct Proposal<'a> {
    pub name: &'a CommunityName,
    pub description: &'a CommunityDescription,
    pub area_id: Option<i64>,
    pub created_by: i64,
}

/// Most communities a list loads (the list is paged to the device afterwards).
const LIST_LIMIT: i64 = 200;

impl Community {
    pub fn status(&self) -> CommunityStatus {
        CommunityStatus::parse(&self.status)
    }

    pub fn is_approved(&self) -> bool {
        self.status() == CommunityStatus::Approved
    }

    /// Stores a pending proposal; `None` when the name is taken (by any community, even a rejected
    /// one: names stay unique so that a list never shows two alike).
    pub fn propose(conn: &mut DbConnection, proposal: &Proposal<'_>) -> QueryResult<Option<i64>> {
        let at = now();
        let stored = diesel::insert_into(communities::table)
            .values((
                communities::name.eq(proposal.name.as_str()),
                communities::description.eq(proposal.description.as_str()),
                communities::area_id.eq(proposal.area_id),
                communities::created_by.eq(proposal.created_by),
                communities::status.eq(CommunityStatus::Pending.as_str()),
                communities::created_at.eq(at),
                communities::last_active_at.eq(at),
            ))
            .returning(communities::id)
            .get_result(conn);
        match stored {
            Ok(id) => Ok(Some(id)),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Community>> {
        communities::table
            .find(id)
            .select(Community::as_select())
            .first(conn)
            .optional()
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        communities::table.count().get_result(conn)
    }

    /// Approved communities, liveliest first, in one area if given, with their member counts.
    pub fn approved(conn: &mut DbConnection, area_id: Option<i64>) -> QueryResult<Vec<CommunityLine>> {
        let mut query = communities::table
            .filter(communities::status.eq(CommunityStatus::Approved.as_str()))
            .order((communities::last_active_at.desc(), communities::id.desc()))
            .limit(LIST_LIMIT)
            .select((
                communities::id,
                communities::name,
                communities::area_id,
                communities::last_active_at,
            ))
            .into_boxed();
        if let Some(area_id) = area_id {
            query = query.filter(communities::area_id.eq(area_id));
        }
        let rows: Vec<(i64, String, Option<i64>, NaiveDateTime)> = query.load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let counts = member_counts(conn, &ids)?;
        Ok(rows
            .into_iter()
            .map(|(id, name, area_id, last_active_at)| CommunityLine {
                id,
                name,
                area_id,
                last_active_at,
                members: counts.iter().find(|(c, _)| *c == id).map_or(0, |(_, n)| *n),
            })
            .collect())
    }

    /// The communities a member has joined, liveliest first (closed ones too, marked by status).
    pub fn joined_by(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<Community>> {
        communities::table
            .inner_join(community_members::table)
            .filter(community_members::member_id.eq(member_id))
            .order((communities::last_active_at.desc(), communities::id.desc()))
            .select(Community::as_select())
            .load(conn)
    }

    /// For coordinators: pending proposals first (oldest first), then the others, newest first.
    pub fn for_coordinators(conn: &mut DbConnection) -> QueryResult<Vec<Community>> {
        let pending = communities::table
            .filter(communities::status.eq(CommunityStatus::Pending.as_str()))
            .order(communities::id)
            .select(Community::as_select())
            .load(conn)?;
        let others: Vec<Community> = communities::table
            .filter(communities::status.ne(CommunityStatus::Pending.as_str()))
            .order(communities::id.desc())
            .limit(LIST_LIMIT)
            .select(Community::as_select())
            .load(conn)?;
        Ok(pending.into_iter().chain(others).collect())
    }

    /// Applies a coordinator's decision if the community still has the status it applies to; true
    /// when it changed (a second click, or two coordinators at once, change nothing).
    pub fn decide(
        conn: &mut DbConnection,
        id: i64,
        decision: Decision,
        by: i64,
        reason: Option<&str>,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            communities::table
                .find(id)
                .filter(communities::status.eq(decision.applies_to().as_str())),
        )
        .set((
            communities::status.eq(decision.outcome().as_str()),
            communities::decided_by.eq(Some(by)),
            communities::decided_at.eq(Some(now())),
            communities::decision_reason.eq(reason),
        ))
        .execute(conn)?;
        Ok(changed > 0)
    }

    /// Marks new activity (a topic or a comment), which moves the community up the list.
    pub fn touch(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
        diesel::update(communities::table.find(id))
            .set(communities::last_active_at.eq(now()))
            .execute(conn)?;
        Ok(())
    }
}

/// (community id, member count) for the given communities.
fn member_counts(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    community_members::table
        .filter(community_members::community_id.eq_any(ids))
        .group_by(community_members::community_id)
        .select((community_members::community_id, diesel::dsl::count_star()))
        .load(conn)
}
