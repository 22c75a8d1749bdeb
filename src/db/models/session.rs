//! Server-side sessions: the hash of the id, its owner, the profile it is bound to, its CSRF token.

use crate::db::schema::sessions;
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id_hash: String,
    pub member_id: Option<i64>,
    /// The device profile the session was made on; another profile never gets it.
    pub profile: String,
    pub csrf_token: String,
    /// anonymous, low (かんたんログイン) or high (password).
    pub assurance: String,
    pub last_seen_at: NaiveDateTime,
}

/// How often `last_seen_at` is written: not on every click, to spare the database.
const TOUCH_EVERY: Duration = Duration::minutes(1);

impl SessionRow {
    pub fn insert(
        conn: &mut DbConnection,
        id_hash: &str,
        member_id: Option<i64>,
        profile: &str,
        csrf_token: &str,
        assurance: &str,
    ) -> QueryResult<()> {
        let at = now();
        diesel::insert_into(sessions::table)
            .values((
                sessions::id_hash.eq(id_hash),
                sessions::member_id.eq(member_id),
                sessions::profile.eq(profile),
                sessions::csrf_token.eq(csrf_token),
                sessions::assurance.eq(assurance),
                sessions::created_at.eq(at),
                sessions::last_seen_at.eq(at),
            ))
            .execute(conn)
            .map(drop)
    }

    /// The session if it exists and was used within `idle`; refreshes its last use.
    pub fn find_live(conn: &mut DbConnection, id_hash: &str, idle: Duration) -> QueryResult<Option<SessionRow>> {
        let at = now();
        let row: Option<SessionRow> = sessions::table
            .find(id_hash)
            .select(SessionRow::as_select())
            .first(conn)
            .optional()?;
        let Some(row) = row else { return Ok(None) };
        if row.last_seen_at + idle < at {
            SessionRow::delete(conn, id_hash)?;
            return Ok(None);
        }
        if row.last_seen_at + TOUCH_EVERY < at {
            diesel::update(sessions::table.find(id_hash))
                .set(sessions::last_seen_at.eq(at))
                .execute(conn)?;
        }
        Ok(Some(row))
    }

    pub fn delete(conn: &mut DbConnection, id_hash: &str) -> QueryResult<usize> {
        diesel::delete(sessions::table.find(id_hash)).execute(conn)
    }

    /// Raises a session to password assurance after the member typed it again.
    pub fn confirm_password(conn: &mut DbConnection, id_hash: &str) -> QueryResult<usize> {
        diesel::update(sessions::table.find(id_hash))
            .set(sessions::assurance.eq("high"))
            .execute(conn)
    }

    /// Ends every session of a member (password change, suspension).
    pub fn delete_for_member(conn: &mut DbConnection, member_id: i64) -> QueryResult<usize> {
        diesel::delete(sessions::table.filter(sessions::member_id.eq(member_id))).execute(conn)
    }

    /// Ends every session of a member but the one with `keep_hash` (her own, after a password change).
    pub fn delete_others_of_member(conn: &mut DbConnection, member_id: i64, keep_hash: &str) -> QueryResult<usize> {
        diesel::delete(
            sessions::table
                .filter(sessions::member_id.eq(member_id))
                .filter(sessions::id_hash.ne(keep_hash)),
        )
        .execute(conn)
    }

    /// Forgets sessions idle longer than `idle`.
    pub fn purge_idle(conn: &mut DbConnection, idle: Duration) -> QueryResult<usize> {
        diesel::delete(sessions::table.filter(sessions::last_seen_at.lt(now() - idle))).execute(conn)
    }
}
