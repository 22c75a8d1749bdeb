//! The numbers community topics had before they became threads (migration
//! `2026-12-03-000003_threads`): topic URLs were mailed in replies, and the topic page sends an old
//! number on to its thread.

use crate::db::schema::legacy_topics;
use crate::db::DbConnection;
use diesel::prelude::*;

/// The queries on `legacy_topics`.
pub struct LegacyTopic;

impl LegacyTopic {
    /// The thread that was topic `topic_id`.
    pub fn thread_of(conn: &mut DbConnection, topic_id: i64) -> QueryResult<Option<i64>> {
        legacy_topics::table
            .find(topic_id)
            .select(legacy_topics::thread_id)
            .first(conn)
            .optional()
    }
}
