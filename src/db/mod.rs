//! The database: connection pool, migrations and models.
//!
//! SQLite is embedded (bundled libsqlite3). PostgreSQL support joins with the accounts work
//! through diesel's `MultiConnection`; until then a `postgres://` URL is refused with a clear message.

pub mod models;
pub mod schema;

use crate::config::DatabaseUrl;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel::{Connection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub type DbConnection = SqliteConnection;
pub type DbPool = Pool<ConnectionManager<DbConnection>>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Why the database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("データベースに接続できません (cannot open the database {url}): {message}")]
    Connect { url: String, message: String },
    #[error("このビルドは PostgreSQL に未対応です (PostgreSQL is not supported by this build yet): {0}")]
    Unsupported(String),
    #[error("マイグレーションに失敗しました (migration failed): {0}")]
    Migrate(String),
}

/// Settings applied to every SQLite connection the pool hands out (WAL is set once in `connect`).
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Opens the pool (creating the SQLite file and its folder) and fails fast when it cannot connect.
pub fn connect(url: &DatabaseUrl) -> Result<DbPool, DbError> {
    let path = match url {
        DatabaseUrl::Sqlite(path) => path,
        DatabaseUrl::Postgres(url) => return Err(DbError::Unsupported(url.clone())),
    };
    let shown = path.display().to_string();
    let connect_err = |message: String| DbError::Connect {
        url: shown.clone(),
        message,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| connect_err(e.to_string()))?;
    }
    // WAL is a property of the file: switch it once, before several connections compete for the lock.
    let mut first = SqliteConnection::establish(&shown).map_err(|e| connect_err(e.to_string()))?;
    first
        .batch_execute("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;")
        .map_err(|e| connect_err(e.to_string()))?;
    Pool::builder()
        .max_size(8)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager::new(shown.clone()))
        .map_err(|e| connect_err(e.to_string()))
}

/// Applies pending migrations.
pub fn migrate(pool: &DbPool) -> Result<usize, DbError> {
    let mut conn = pool.get().map_err(|e| DbError::Migrate(e.to_string()))?;
    let applied = conn
        .run_pending_migrations(SQLITE_MIGRATIONS)
        .map_err(|e| DbError::Migrate(e.to_string()))?;
    Ok(applied.len())
}
