//! Members' posts (クチコミ), from the web or by mail to a posting address.

use crate::db::schema::posts;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Where a post came from (for statistics by channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Mail,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Mail => "mail",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = posts)]
pub struct Post {
    pub id: i64,
    pub member_id: i64,
    pub title: String,
    pub body: String,
    pub channel: String,
    pub created_at: NaiveDateTime,
}

impl Post {
    pub fn insert(
        conn: &mut DbConnection,
        member_id: i64,
        title: &str,
        body: &str,
        channel: Channel,
        inbound_mail_id: Option<i64>,
    ) -> QueryResult<i64> {
        diesel::insert_into(posts::table)
            .values((
                posts::member_id.eq(member_id),
                posts::title.eq(title),
                posts::body.eq(body),
                posts::channel.eq(channel.as_str()),
                posts::inbound_mail_id.eq(inbound_mail_id),
                posts::created_at.eq(now()),
            ))
            .returning(posts::id)
            .get_result(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Post>> {
        posts::table.find(id).select(Post::as_select()).first(conn).optional()
    }

    /// The post made from an inbound mail, if any.
    pub fn from_mail(conn: &mut DbConnection, inbound_mail_id: i64) -> QueryResult<Option<Post>> {
        posts::table
            .filter(posts::inbound_mail_id.eq(inbound_mail_id))
            .select(Post::as_select())
            .first(conn)
            .optional()
    }

    /// A member's posts, newest first.
    pub fn of_member(conn: &mut DbConnection, member_id: i64, limit: i64) -> QueryResult<Vec<Post>> {
        posts::table
            .filter(posts::member_id.eq(member_id))
            .order(posts::id.desc())
            .limit(limit)
            .select(Post::as_select())
            .load(conn)
    }
}
