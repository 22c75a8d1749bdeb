//! When counted things happened, for the statistics report: registrations, posts (クチコミ and
//! community topics) by channel, comments, mails sent and bounced. Times are UTC; the report sorts
//! them into Japan-time days.

use crate::db::schema::{community_comments, community_topics, mail_bounces, members, outbox, post_comments, posts};
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

    /// (when, channel web|mail, device profile id) of クチコミ and community topics.
    pub fn posts(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, String, String)>> {
        let mut found: Vec<(NaiveDateTime, String, String)> = posts::table
            .filter(posts::created_at.ge(from))
            .filter(posts::created_at.lt(until))
            .select((posts::created_at, posts::channel, posts::profile))
            .load(conn)?;
        found.extend(
            community_topics::table
                .filter(community_topics::created_at.ge(from))
                .filter(community_topics::created_at.lt(until))
                .select((
                    community_topics::created_at,
                    community_topics::channel,
                    community_topics::profile,
                ))
                .load::<(NaiveDateTime, String, String)>(conn)?,
        );
        Ok(found)
    }

    /// (when, device profile id) of comments on クチコミ and on community topics (web only).
    pub fn comments(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> QueryResult<Vec<(NaiveDateTime, String)>> {
        let mut found: Vec<(NaiveDateTime, String)> = post_comments::table
            .filter(post_comments::created_at.ge(from))
            .filter(post_comments::created_at.lt(until))
            .select((post_comments::created_at, post_comments::profile))
            .load(conn)?;
        found.extend(
            community_comments::table
                .filter(community_comments::created_at.ge(from))
                .filter(community_comments::created_at.lt(until))
                .select((community_comments::created_at, community_comments::profile))
                .load::<(NaiveDateTime, String)>(conn)?,
        );
        Ok(found)
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
