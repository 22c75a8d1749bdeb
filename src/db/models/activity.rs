//! When counted things happened, for the statistics report: registrations, posts by channel,
//! comments, mails sent and bounced. Times are UTC; the report sorts them into Japan-time days.

use crate::db::schema::{mail_bounces, members, outbox, post_comments, posts};
use crate::db::DbConnection;
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

    /// (when, channel web|mail, device profile id)
    pub fn posts(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, String, String)>> {
        posts::table
            .filter(posts::created_at.ge(from))
            .filter(posts::created_at.lt(until))
            .select((posts::created_at, posts::channel, posts::profile))
            .load(conn)
    }

    /// (when, device profile id) of comments (written on the web only).
    pub fn comments(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, String)>> {
        post_comments::table
            .filter(post_comments::created_at.ge(from))
            .filter(post_comments::created_at.lt(until))
            .select((post_comments::created_at, post_comments::profile))
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
