//! A community's topics (トピック), from the web or by mail to the community's address; a coordinator
//! may hide one with a reason, and its author may delete it.

use crate::db::models::post::Channel;
use crate::db::schema::{community_topics, members};
use crate::db::{now, DbConnection};
use crate::domain::post::PostTitle;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = community_topics)]
pub struct Topic {
    pub id: i64,
    pub community_id: i64,
    pub member_id: i64,
    pub title: String,
    pub body: String,
    pub channel: String,
    pub created_at: NaiveDateTime,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_reason: Option<String>,
}

/// A topic about to be stored.
#[derive(Debug, Clone)]
pub struct NewTopic<'a> {
    pub community_id: i64,
    pub member_id: i64,
    pub title: &'a PostTitle,
    /// Checked by `PostBody` from a form; a mail's text cut to its length.
    pub body: &'a str,
    pub channel: Channel,
    pub inbound_mail_id: Option<i64>,
    /// The device profile it was written on.
    pub profile: &'a str,
}

/// A line of a community's topic list.
#[derive(Debug, Clone, Queryable)]
pub struct TopicLine {
    pub id: i64,
    pub title: String,
    pub created_at: NaiveDateTime,
    pub hidden_at: Option<NaiveDateTime>,
    pub nickname: String,
}

/// Most topics a community page loads (paged to the device afterwards).
const LIST_LIMIT: i64 = 200;

impl Topic {
    pub fn insert(conn: &mut DbConnection, new: &NewTopic<'_>) -> QueryResult<i64> {
        diesel::insert_into(community_topics::table)
            .values((
                community_topics::community_id.eq(new.community_id),
                community_topics::member_id.eq(new.member_id),
                community_topics::title.eq(new.title.as_str()),
                community_topics::body.eq(new.body),
                community_topics::channel.eq(new.channel.as_str()),
                community_topics::inbound_mail_id.eq(new.inbound_mail_id),
                community_topics::profile.eq(new.profile),
                community_topics::created_at.eq(now()),
            ))
            .returning(community_topics::id)
            .get_result(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Topic>> {
        community_topics::table
            .find(id)
            .select(Topic::as_select())
            .first(conn)
            .optional()
    }

    /// The topic of that community if the viewer may see it: members never see a hidden topic.
    pub fn visible(conn: &mut DbConnection, community_id: i64, id: i64, moderator: bool) -> QueryResult<Option<Topic>> {
        Ok(Topic::find(conn, id)?
            .filter(|t| t.community_id == community_id)
            .filter(|t| moderator || !t.is_hidden()))
    }

    pub fn is_hidden(&self) -> bool {
        self.hidden_at.is_some()
    }

    /// A community's topics, newest first; hidden ones only for coordinators.
    pub fn of_community(conn: &mut DbConnection, community_id: i64, with_hidden: bool) -> QueryResult<Vec<TopicLine>> {
        let mut query = community_topics::table
            .inner_join(members::table)
            .filter(community_topics::community_id.eq(community_id))
            .select((
                community_topics::id,
                community_topics::title,
                community_topics::created_at,
                community_topics::hidden_at,
                members::nickname,
            ))
            .order(community_topics::id.desc())
            .limit(LIST_LIMIT)
            .into_boxed();
        if !with_hidden {
            query = query.filter(community_topics::hidden_at.is_null());
        }
        query.load(conn)
    }

    /// The topics a member wrote, newest first (for tests and statistics).
    pub fn of_member(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<Topic>> {
        community_topics::table
            .filter(community_topics::member_id.eq(member_id))
            .order(community_topics::id.desc())
            .select(Topic::as_select())
            .load(conn)
    }

    /// Deletes a member's own visible topic of that community, with its photos and comments (the
    /// foreign keys cascade; log lines keep their text and lose the link). False when there was no
    /// such topic.
    pub fn delete_own(conn: &mut DbConnection, community_id: i64, id: i64, member_id: i64) -> QueryResult<bool> {
        let deleted = diesel::delete(
            community_topics::table
                .filter(community_topics::id.eq(id))
                .filter(community_topics::community_id.eq(community_id))
                .filter(community_topics::member_id.eq(member_id))
                .filter(community_topics::hidden_at.is_null()),
        )
        .execute(conn)?;
        Ok(deleted > 0)
    }

    /// Hides (with the reason) or restores a topic; true when it changed.
    pub fn set_hidden(conn: &mut DbConnection, id: i64, hidden: Option<(&str, i64)>) -> QueryResult<bool> {
        let target = community_topics::table.find(id);
        let changed = match hidden {
            Some((reason, by)) => diesel::update(target.filter(community_topics::hidden_at.is_null()))
                .set((
                    community_topics::hidden_at.eq(Some(now())),
                    community_topics::hidden_reason.eq(Some(reason)),
                    community_topics::hidden_by.eq(Some(by)),
                ))
                .execute(conn)?,
            None => diesel::update(target.filter(community_topics::hidden_at.is_not_null()))
                .set((
                    community_topics::hidden_at.eq(None::<NaiveDateTime>),
                    community_topics::hidden_reason.eq(None::<String>),
                    community_topics::hidden_by.eq(None::<i64>),
                ))
                .execute(conn)?,
        };
        Ok(changed > 0)
    }
}
