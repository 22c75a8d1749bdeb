//! The spelling differences between the backends in the queue's SQL: numbered parameters, and
//! row locks that only PostgreSQL has.

use crate::db::DbConnection;

/// The statement for this connection. Queue SQL is written once with PostgreSQL's `$1`, `$2` …;
/// SQLite spells numbered parameters `?1`, `?2` …. (SQLite reads `$1` too, but as a *named*
/// parameter numbered by first appearance, which would silently bind the wrong value as soon as
/// `$2` came before `$1` in the text.) The queue's SQL has no other `$`.
pub(super) fn for_backend(conn: &DbConnection, sql: String) -> String {
    match conn {
        DbConnection::Sqlite(_) => sql.replace('$', "?"),
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(_) => sql,
    }
}

/// What a claim's subquery adds to lock the rows it picks: PostgreSQL's `FOR UPDATE SKIP LOCKED`;
/// nothing on SQLite, whose one writer at a time makes the claim atomic already.
pub(super) fn skip_locked(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Sqlite(_) => "",
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(_) => " FOR UPDATE SKIP LOCKED",
    }
}
