//! The database: one connection type over SQLite and PostgreSQL, the pool, migrations and models.
//!
//! The backend follows the URL scheme. SQLite is embedded (bundled libsqlite3, the default feature);
//! PostgreSQL needs the `postgres` feature. Queries are written once against `DbConnection`
//! (diesel's `MultiConnection`); where SQL must differ, one model method matches on the variant.

pub mod fold;
pub mod models;
pub mod queue;
pub mod schema;

use crate::config::DatabaseUrl;
use crate::error::AppError;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection};
use diesel::{Connection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

#[cfg(feature = "postgres")]
use diesel::PgConnection;

/// A connection to whichever backend the settings name.
#[cfg(feature = "postgres")]
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// A connection to whichever backend the settings name (this build: SQLite only).
#[cfg(not(feature = "postgres"))]
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<DbManager>;
pub type DbConn = PooledConnection<DbManager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "postgres")]
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Settings applied to every SQLite connection (WAL itself is a property of the file).
const SQLITE_PRAGMAS: &str =
    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
/// How long connecting may take before start-up gives up (a dead host must not hang for minutes).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("データベース {url} を開けません。HIROBA_DATABASE_URL を確かめてください (cannot open the database {url}: check HIROBA_DATABASE_URL): {message}")]
    Connect { url: String, message: String },
    #[error("このビルドは PostgreSQL に未対応です。--features postgres でビルドしてください (built without PostgreSQL support): {0}")]
    Unsupported(String),
    #[error("マイグレーションに失敗しました (migration failed): {0}")]
    Migrate(String),
}

/// Opens connections for the pool: the backend by URL scheme, never by trial and error.
#[derive(Debug, Clone)]
pub struct DbManager {
    url: DatabaseUrl,
}

impl DbManager {
    fn open(&self) -> Result<DbConnection, DbError> {
        // libpq's messages span lines; operators and scripts get one.
        let failed = |e: &dyn std::fmt::Display| DbError::Connect {
            url: self.url.redacted(),
            message: e.to_string().split_whitespace().collect::<Vec<_>>().join(" "),
        };
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy()).map_err(|e| failed(&e))?;
                conn.batch_execute(SQLITE_PRAGMAS).map_err(|e| failed(&e))?;
                // The search triggers fold text through this function (`domain::fold`).
                fold::register_sqlite(&mut conn).map_err(|e| failed(&e))?;
                Ok(DbConnection::Sqlite(conn))
            }
            #[cfg(feature = "postgres")]
            DatabaseUrl::Postgres(url) => {
                let conn = PgConnection::establish(&with_connect_timeout(url)).map_err(|e| failed(&e))?;
                Ok(DbConnection::Postgres(conn))
            }
            #[cfg(not(feature = "postgres"))]
            DatabaseUrl::Postgres(_) => Err(DbError::Unsupported(self.url.redacted())),
        }
    }
}

impl ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.open()
            .map_err(|e| diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(e.to_string())))
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1").map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        diesel::r2d2::R2D2Connection::is_broken(conn)
    }
}

/// libpq waits for the OS TCP timeout (minutes) on an unreachable host unless told otherwise.
#[cfg(feature = "postgres")]
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}connect_timeout={}", CONNECT_TIMEOUT.as_secs())
}

/// One connection without a pool, for short-lived commands such as `mail-in` (a pool starts
/// background threads that would still hold connections while the process exits).
pub fn connect_one(url: &DatabaseUrl) -> Result<DbConnection, DbError> {
    create_sqlite_dir(url)?;
    DbManager { url: url.clone() }.open()
}

/// Runs pending migrations on one connection (see `migrate`).
pub fn migrate_one(conn: &mut DbConnection) -> Result<usize, DbError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len()),
    };
    applied.map_err(|e| DbError::Migrate(e.to_string()))
}

fn create_sqlite_dir(url: &DatabaseUrl) -> Result<(), DbError> {
    if let DatabaseUrl::Sqlite(path) = url {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| DbError::Connect {
                url: url.redacted(),
                message: e.to_string(),
            })?;
        }
    }
    Ok(())
}

/// Opens the pool (creating the SQLite file and its folder) and fails fast when it cannot connect.
pub fn connect(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, DbError> {
    create_sqlite_dir(url)?;
    let manager = DbManager { url: url.clone() };
    // One direct connection first: its error is precise, where the pool's would only say "timed out".
    drop(manager.open()?);
    Pool::builder()
        .max_size(max_size)
        // No idle minimum: with one, r2d2 reopens a connection on a background thread whenever one
        // is taken, and a short command (`migrate`, `worker --until-idle`) that exits meanwhile
        // crashes in libpq's TLS handshake as OpenSSL is torn down (seen: 1 exit in 5 killed).
        .min_idle(Some(0))
        // Idle connections are closed soon after a burst.
        .idle_timeout(Some(Duration::from_secs(60)))
        .connection_timeout(CONNECT_TIMEOUT)
        .build(manager)
        .map_err(|e| DbError::Connect {
            url: url.redacted(),
            message: e.to_string(),
        })
}

/// Applies pending migrations of the connected backend; returns how many ran.
pub fn migrate(pool: &DbPool) -> Result<usize, DbError> {
    let mut conn = pool.get().map_err(|e| DbError::Migrate(e.to_string()))?;
    migrate_one(&mut conn)
}

/// Runs blocking database work on the thread pool, off the actix executor.
pub async fn run<T, F>(pool: &DbPool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(AppError::internal)?;
        work(&mut conn)
    })
    .await
    .map_err(AppError::internal)?
}

/// Makes this connection's commits survive power loss before they return (SQLite's WAL default
/// here, `synchronous = NORMAL`, may lose the last commits; PostgreSQL's default already waits).
/// For writes whose success is promised to someone else, such as accepting a mail.
pub fn durable_commits(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA synchronous = FULL"),
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(_) => Ok(()),
    }
}

/// Runs `work` in a transaction that takes the write lock at its start on SQLite (`BEGIN
/// IMMEDIATE`). A deferred transaction that reads before it writes fails at once with "database is
/// locked" when another connection committed meanwhile (its snapshot is stale; the busy timeout
/// does not apply), so concurrent writers must start this way to wait their turn instead.
/// PostgreSQL: an ordinary transaction.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(_) => return conn.transaction(work),
    }
    // The multi-connection's transaction manager delegates to the SQLite connection's, which now
    // has the transaction open.
    match work(conn) {
        Ok(value) => {
            DbConnection::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            DbConnection::rollback_transaction(conn)?;
            Err(e)
        }
    }
}

/// The current time as stored: UTC without zone (portable across both backends).
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
