//! The one spelling difference between the backends in the queue's SQL: numbered parameters.

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
