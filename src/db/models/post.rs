//! Members' posts (クチコミ), from the web or by mail to a posting address.

use crate::db::schema::{members, posts};
use crate::db::{now, DbConnection};
use crate::domain::post::{Category, PostTitle};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Where a post came from (for statistics by channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Mail,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
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
    pub category: String,
    pub area_id: Option<i64>,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_reason: Option<String>,
    /// The device profile id it was written on: the browser's, or the sender's carrier by mail.
    pub profile: String,
}

/// A post about to be stored.
#[derive(Debug, Clone)]
pub struct NewPost<'a> {
    pub member_id: i64,
    pub title: &'a PostTitle,
    pub body: &'a str,
    pub category: Category,
    pub area_id: Option<i64>,
    pub channel: Channel,
    pub inbound_mail_id: Option<i64>,
    /// The device profile id it came from (see the `profile` column).
    pub profile: &'a str,
}

/// What `/posts` lists: every visible post, or narrowed down.
#[derive(Debug, Clone, Copy, Default)]
pub struct PostFilter {
    pub category: Option<Category>,
    pub area_id: Option<i64>,
    pub member_id: Option<i64>,
}

/// A line of a post list, with the author's nickname.
#[derive(Debug, Clone, Queryable)]
pub struct PostLine {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub area_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub hidden_at: Option<NaiveDateTime>,
    pub nickname: String,
}

/// Most posts a list loads (the list is paged to the device afterwards).
const LIST_LIMIT: i64 = 200;

impl Post {
    pub fn insert(conn: &mut DbConnection, new: &NewPost<'_>) -> QueryResult<i64> {
        diesel::insert_into(posts::table)
            .values((
                posts::member_id.eq(new.member_id),
                posts::title.eq(new.title.as_str()),
                posts::body.eq(new.body),
                posts::channel.eq(new.channel.as_str()),
                posts::inbound_mail_id.eq(new.inbound_mail_id),
                posts::category.eq(new.category.key()),
                posts::area_id.eq(new.area_id),
                posts::profile.eq(new.profile),
                posts::created_at.eq(now()),
            ))
            .returning(posts::id)
            .get_result(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        posts::table.count().get_result(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Post>> {
        posts::table.find(id).select(Post::as_select()).first(conn).optional()
    }

    /// The post if `moderator` may see it: members never see a hidden post.
    pub fn visible(conn: &mut DbConnection, id: i64, moderator: bool) -> QueryResult<Option<Post>> {
        Ok(Post::find(conn, id)?.filter(|p| moderator || !p.is_hidden()))
    }

    pub fn is_hidden(&self) -> bool {
        self.hidden_at.is_some()
    }

    /// The post made from an inbound mail, if any.
    pub fn from_mail(conn: &mut DbConnection, inbound_mail_id: i64) -> QueryResult<Option<Post>> {
        posts::table
            .filter(posts::inbound_mail_id.eq(inbound_mail_id))
            .select(Post::as_select())
            .first(conn)
            .optional()
    }

    /// Deletes a post of `member_id` with its photos, comments and reports (the moderation log keeps
    /// its lines, without the post); false when there was none.
    pub fn delete_own(conn: &mut DbConnection, id: i64, member_id: i64) -> QueryResult<bool> {
        let deleted = diesel::delete(
            posts::table
                .filter(posts::id.eq(id))
                .filter(posts::member_id.eq(member_id)),
        )
        .execute(conn)?;
        Ok(deleted > 0)
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

    /// Visible posts, newest first, narrowed by the filter. A member's own list (`member_id`) also
    /// shows her hidden posts, so that she is not left wondering where one went.
    pub fn list(conn: &mut DbConnection, filter: PostFilter) -> QueryResult<Vec<PostLine>> {
        let mut query = posts::table
            .inner_join(members::table)
            .select((
                posts::id,
                posts::title,
                posts::category,
                posts::area_id,
                posts::created_at,
                posts::hidden_at,
                members::nickname,
            ))
            .order(posts::id.desc())
            .limit(LIST_LIMIT)
            .into_boxed();
        if let Some(category) = filter.category {
            query = query.filter(posts::category.eq(category.key()));
        }
        if let Some(area_id) = filter.area_id {
            query = query.filter(posts::area_id.eq(area_id));
        }
        match filter.member_id {
            Some(member_id) => query = query.filter(posts::member_id.eq(member_id)),
            None => query = query.filter(posts::hidden_at.is_null()),
        }
        query.load(conn)
    }

    /// Posts with open reports first (most reported first), then the newest, each with its
    /// author's nickname and open report count; for coordinators.
    pub fn for_moderation(conn: &mut DbConnection) -> QueryResult<Vec<(Post, String, i64)>> {
        let counted = super::post_report::PostReport::open_counts(conn)?;
        let reported_ids: Vec<i64> = counted.iter().map(|(id, _)| *id).collect();
        let with_author = || {
            posts::table
                .inner_join(members::table)
                .select((Post::as_select(), members::nickname))
        };
        let reported: Vec<(Post, String)> = with_author().filter(posts::id.eq_any(&reported_ids)).load(conn)?;
        let recent: Vec<(Post, String)> = with_author()
            .filter(posts::id.ne_all(&reported_ids))
            .order(posts::id.desc())
            .limit(LIST_LIMIT)
            .load(conn)?;
        let count_of = |id: i64| counted.iter().find(|(p, _)| *p == id).map_or(0, |(_, n)| *n);
        let mut all: Vec<(Post, String, i64)> = reported
            .into_iter()
            .map(|(p, nickname)| {
                let n = count_of(p.id);
                (p, nickname, n)
            })
            .collect();
        all.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.id.cmp(&a.0.id)));
        all.extend(recent.into_iter().map(|(p, nickname)| (p, nickname, 0)));
        Ok(all)
    }

    /// Hides (with the reason) or restores a post; true when it changed.
    pub fn set_hidden(conn: &mut DbConnection, id: i64, hidden: Option<(&str, i64)>) -> QueryResult<bool> {
        let target = posts::table.find(id);
        let changed = match hidden {
            Some((reason, by)) => diesel::update(target.filter(posts::hidden_at.is_null()))
                .set((
                    posts::hidden_at.eq(Some(now())),
                    posts::hidden_reason.eq(Some(reason)),
                    posts::hidden_by.eq(Some(by)),
                ))
                .execute(conn)?,
            None => diesel::update(target.filter(posts::hidden_at.is_not_null()))
                .set((
                    posts::hidden_at.eq(None::<NaiveDateTime>),
                    posts::hidden_reason.eq(None::<String>),
                    posts::hidden_by.eq(None::<i64>),
                ))
                .execute(conn)?,
        };
        Ok(changed > 0)
    }
}
