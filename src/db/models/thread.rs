//! Threads: a member's title and text in a place (a クチコミ on the portal, a community's topic),
//! from the web or by mail. A coordinator may hide one with a reason; its author may delete it.

use super::hidden::set_hidden_fn;
use super::place::{place_of, PlaceColumns};
use crate::db::schema::{members, threads};
use crate::db::{now, DbConnection};
use crate::domain::post::{Category, PostTitle};
use crate::domain::thread::{Channel, Place, PlaceKind};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A thread, its stored columns read into their types.
#[derive(Debug, Clone)]
pub struct Thread {
    pub id: i64,
    pub place: Place,
    pub member_id: i64,
    pub title: String,
    pub body: String,
    pub channel: Channel,
    /// The portal's category; none where a place has no categories.
    pub category: Option<Category>,
    pub area_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_reason: Option<String>,
    /// The device profile id it was written on: the browser's, or the sender's carrier by mail.
    pub profile: String,
}

/// A thread's row as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = threads)]
struct Row {
    id: i64,
    place: String,
    community_id: Option<i64>,
    school_id: Option<i64>,
    member_id: i64,
    title: String,
    body: String,
    channel: String,
    category: Option<String>,
    area_id: Option<i64>,
    created_at: NaiveDateTime,
    hidden_at: Option<NaiveDateTime>,
    hidden_reason: Option<String>,
    profile: String,
}

impl TryFrom<Row> for Thread {
    type Error = diesel::result::Error;

    fn try_from(row: Row) -> Result<Thread, Self::Error> {
        Ok(Thread {
            id: row.id,
            place: place_of(&row.place, row.community_id, row.school_id)?,
            member_id: row.member_id,
            title: row.title,
            body: row.body,
            channel: Channel::parse(&row.channel),
            category: row.category.as_deref().map(category_of),
            area_id: row.area_id,
            created_at: row.created_at,
            hidden_at: row.hidden_at,
            hidden_reason: row.hidden_reason,
            profile: row.profile,
        })
    }
}

/// A stored category; an unknown key (from a newer version) reads as その他.
fn category_of(key: &str) -> Category {
    Category::parse(key).unwrap_or(Category::Other)
}

/// A thread about to be stored.
#[derive(Debug, Clone)]
pub struct NewThread<'a> {
    pub place: Place,
    pub member_id: i64,
    pub title: &'a PostTitle,
    /// Checked by `PostBody` from a form; a mail's text cut to its length.
    pub body: &'a str,
    /// Kept only where the place classifies its threads (その他 there when none is given).
    pub category: Option<Category>,
    /// Kept only where the place classifies its threads.
    pub area_id: Option<i64>,
    pub channel: Channel,
    pub inbound_mail_id: Option<i64>,
    /// The device profile id it came from (see `Thread::profile`).
    pub profile: &'a str,
}

/// What a list of threads shows: one place's, narrowed down.
#[derive(Debug, Clone, Copy)]
pub struct ThreadFilter {
    pub place: Place,
    pub category: Option<Category>,
    pub area_id: Option<i64>,
    /// One member's threads only (わたしの投稿).
    pub member_id: Option<i64>,
    /// Hidden threads too: for coordinators, and for an author's own list, so that she is not left
    /// wondering where one went.
    pub with_hidden: bool,
}

impl ThreadFilter {
    /// Every visible thread of a place.
    pub fn visible_in(place: Place) -> ThreadFilter {
        ThreadFilter {
            place,
            category: None,
            area_id: None,
            member_id: None,
            with_hidden: false,
        }
    }
}

/// A line of a thread list, with the author's nickname.
#[derive(Debug, Clone)]
pub struct ThreadLine {
    pub id: i64,
    pub title: String,
    pub category: Option<Category>,
    pub area_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub hidden: bool,
    pub nickname: String,
}

/// Most threads a list loads (the list is paged to the device afterwards).
const LIST_LIMIT: i64 = 200;

impl Thread {
    /// Stores a thread; its id. (With its photos and the place's bookkeeping: `threads::start`.)
    pub fn insert(conn: &mut DbConnection, new: &NewThread<'_>) -> QueryResult<i64> {
        let place = PlaceColumns::from(new.place);
        // The table's CHECK: a category exactly where the place classifies its threads.
        let classified = new.place.classified();
        let category = classified.then(|| new.category.unwrap_or(Category::Other).key());
        let area_id = new.area_id.filter(|_| classified);
        diesel::insert_into(threads::table)
            .values((
                threads::place.eq(place.key),
                threads::community_id.eq(place.community_id),
                threads::school_id.eq(place.school_id),
                threads::member_id.eq(new.member_id),
                threads::title.eq(new.title.as_str()),
                threads::body.eq(new.body),
                threads::category.eq(category),
                threads::area_id.eq(area_id),
                threads::channel.eq(new.channel.key()),
                threads::inbound_mail_id.eq(new.inbound_mail_id),
                threads::profile.eq(new.profile),
                threads::created_at.eq(now()),
            ))
            .returning(threads::id)
            .get_result(conn)
    }

    /// How many threads live in places of this kind.
    pub fn count(conn: &mut DbConnection, kind: PlaceKind) -> QueryResult<i64> {
        threads::table
            .filter(threads::place.eq(kind.key()))
            .count()
            .get_result(conn)
    }

    /// The thread, hidden or not, wherever it lives.
    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Thread>> {
        threads::table
            .find(id)
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .map(Thread::try_from)
            .transpose()
    }

    /// The thread if it lives in `place` and the viewer may see it: members never see a hidden one.
    pub fn visible(conn: &mut DbConnection, place: Place, id: i64, moderator: bool) -> QueryResult<Option<Thread>> {
        Ok(Thread::find(conn, id)?
            .filter(|t| t.place == place)
            .filter(|t| moderator || !t.is_hidden()))
    }

    /// Whether a coordinator hid it.
    pub fn is_hidden(&self) -> bool {
        self.hidden_at.is_some()
    }

    /// The thread made from an inbound mail, if any.
    pub fn from_mail(conn: &mut DbConnection, inbound_mail_id: i64) -> QueryResult<Option<Thread>> {
        threads::table
            .filter(threads::inbound_mail_id.eq(inbound_mail_id))
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .map(Thread::try_from)
            .transpose()
    }

    /// A member's threads in every place, newest first.
    pub fn of_member(conn: &mut DbConnection, member_id: i64, limit: i64) -> QueryResult<Vec<Thread>> {
        threads::table
            .filter(threads::member_id.eq(member_id))
            .order(threads::id.desc())
            .limit(limit)
            .select(Row::as_select())
            .load(conn)?
            .into_iter()
            .map(Thread::try_from)
            .collect()
    }

    /// Deletes a thread with its photos, comments and reports (the foreign keys cascade; log lines
    /// keep their text and lose the link). False when there was none.
    pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        Ok(diesel::delete(threads::table.find(id)).execute(conn)? > 0)
    }

    /// A place's threads, newest first, narrowed by the filter.
    pub fn list(conn: &mut DbConnection, filter: ThreadFilter) -> QueryResult<Vec<ThreadLine>> {
        let place = PlaceColumns::from(filter.place);
        let mut query = threads::table
            .inner_join(members::table)
            .filter(threads::place.eq(place.key))
            .select((
                threads::id,
                threads::title,
                threads::category,
                threads::area_id,
                threads::created_at,
                threads::hidden_at,
                members::nickname,
            ))
            .order(threads::id.desc())
            .limit(LIST_LIMIT)
            .into_boxed();
        // Naming the community column either way lets the (place, community_id, id) index give the
        // threads newest first, without sorting them (the portal's have none).
        query = match place.community_id {
            Some(community_id) => query.filter(threads::community_id.eq(community_id)),
            None => query.filter(threads::community_id.is_null()),
        };
        if let Some(school_id) = place.school_id {
            query = query.filter(threads::school_id.eq(school_id));
        }
        if let Some(category) = filter.category {
            query = query.filter(threads::category.eq(category.key()));
        }
        if let Some(area_id) = filter.area_id {
            query = query.filter(threads::area_id.eq(area_id));
        }
        if let Some(member_id) = filter.member_id {
            query = query.filter(threads::member_id.eq(member_id));
        }
        if !filter.with_hidden {
            query = query.filter(threads::hidden_at.is_null());
        }
        type Line = (
            i64,
            String,
            Option<String>,
            Option<i64>,
            NaiveDateTime,
            Option<NaiveDateTime>,
            String,
        );
        Ok(query
            .load::<Line>(conn)?
            .into_iter()
            .map(
                |(id, title, category, area_id, created_at, hidden_at, nickname)| ThreadLine {
                    id,
                    title,
                    category: category.as_deref().map(category_of),
                    area_id,
                    created_at,
                    hidden: hidden_at.is_some(),
                    nickname,
                },
            )
            .collect())
    }

    /// A place's threads with open reports first (most reported first), then the newest, each with
    /// its author's nickname and open report count; for coordinators.
    pub fn for_moderation(conn: &mut DbConnection, place: Place) -> QueryResult<Vec<(Thread, String, i64)>> {
        let counted = super::thread_report::ThreadReport::open_counts(conn)?;
        let reported_ids: Vec<i64> = counted.iter().map(|(id, _)| *id).collect();
        let with_author = || {
            threads::table
                .inner_join(members::table)
                .select((Row::as_select(), members::nickname))
        };
        let reported = in_place(
            with_author().filter(threads::id.eq_any(&reported_ids)).load(conn)?,
            place,
        )?;
        let recent = in_place(
            with_author()
                .filter(threads::id.ne_all(&reported_ids))
                .filter(threads::place.eq(place.kind().key()))
                .order(threads::id.desc())
                .limit(LIST_LIMIT)
                .load(conn)?,
            place,
        )?;
        let count_of = |id: i64| counted.iter().find(|(t, _)| *t == id).map_or(0, |(_, n)| *n);
        let mut all: Vec<(Thread, String, i64)> = reported
            .into_iter()
            .map(|(t, nickname)| {
                let n = count_of(t.id);
                (t, nickname, n)
            })
            .collect();
        all.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.id.cmp(&a.0.id)));
        all.extend(recent.into_iter().map(|(t, nickname)| (t, nickname, 0)));
        Ok(all)
    }

    set_hidden_fn!(threads);
}

/// The rows of one place, typed, with their authors' nicknames.
fn in_place(rows: Vec<(Row, String)>, place: Place) -> QueryResult<Vec<(Thread, String)>> {
    let mut found = Vec::new();
    for (row, nickname) in rows {
        let thread = Thread::try_from(row)?;
        if thread.place == place {
            found.push((thread, nickname));
        }
    }
    Ok(found)
}
