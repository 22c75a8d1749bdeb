//! When counted things happened, for the statistics report: registrations, threads (クチコミ and
//! community topics, not the schools' notebook messages) by channel, comments, mails sent and
//! bounced. Times are UTC; the report sorts
//! them into Japan-time days.

use crate::db::schema::{mail_bounces, members, outbox, thread_comments, threads};
use crate::db::DbConnection;
use crate::domain::thread::{Channel, PlaceKind};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub struct Activity;

impl Activity {
    pub fn registrations(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<NaiveDateTime>> {
        members::table
            .filter(members::created_at.ge(from))
            .filter(members::created_at.lt(until))
            .select(members::created_at)
            .load(conn)
    }

    /// (when, channel, device profile id) of the members' threads (every place but the notebook).
    pub fn threads(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, Channel, String)>> {
        let found: Vec<(NaiveDateTime, String, String)> = threads::table
            .filter(threads::created_at.ge(from))
            .filter(threads::created_at.lt(until))
            .filter(threads::place.ne(PlaceKind::Notebook.key()))
            .select((threads::created_at, threads::channel, threads::profile))
            .load(conn)?;
        Ok(found
            .into_iter()
            .map(|(at, channel, profile)| (at, Channel::parse(&channel), profile))
            .collect())
    }

    /// (when, device profile id) of the comments on members' threads (web only; not the notebook's replies).
    pub fn comments(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, String)>> {
        thread_comments::table
            .filter(thread_comments::created_at.ge(from))
            .filter(thread_comments::created_at.lt(until))
            .filter(
                thread_comments::thread_id.ne_all(
                    threads::table
                        .filter(threads::place.eq(PlaceKind::Notebook.key()))
                        .select(threads::id),
                ),
            )
            .select((thread_comments::created_at, thread_comments::profile))
            .load(conn)
    }

    pub fn mails_sent(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<NaiveDateTime>> {
        let sent: Vec<Option<NaiveDateTime>> = outbox::table
            .filter(outbox::status.eq("sent"))
            .filter(outbox::sent_at.ge(from))
            .filter(outbox::sent_at.lt(until))
            .select(outbox::sent_at)
            .load(conn)?;
        Ok(sent.into_iter().flatten().collect())
    }

    pub fn bounces(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<NaiveDateTime>> {
        mail_bounces::table
            .filter(mail_bounces::received_at.ge(from))
            .filter(mail_bounces::received_at.lt(until))
            .select(mail_bounces::received_at)
            .load(conn)
    }
}
