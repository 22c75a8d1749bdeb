//! IC-tag readers: where they stand, the secret they sign with, and whether they are alive.

use crate::db::schema::{reader_requests, readers};
use crate::db::{now, DbConnection};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReaderKind {
    /// A school gate: a pass there is 登校 or 下校.
    Gate,
    /// Anywhere on the way (学童クラブ, 児童館, a crossing): a pass is 通過.
    Waypoint,
}

impl ReaderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReaderKind::Gate => "gate",
            ReaderKind::Waypoint => "waypoint",
        }
    }

    pub fn parse(text: &str) -> Option<ReaderKind> {
        match text {
            "gate" => Some(ReaderKind::Gate),
            "waypoint" => Some(ReaderKind::Waypoint),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReaderKind::Gate => "校門",
            ReaderKind::Waypoint => "経由地点",
        }
    }
}

/// Whether a reader has been heard from lately (see `watch::health`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Unknown,
    Online,
    Offline,
}

impl Health {
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Unknown => "unknown",
            Health::Online => "online",
            Health::Offline => "offline",
        }
    }

    fn parse(text: &str) -> Health {
        match text {
            "online" => Health::Online,
            "offline" => Health::Offline,
            _ => Health::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            // Not a fault: a reader sends nothing until a child passes it.
            Health::Unknown => "受信待ち",
            Health::Online => "正常",
            Health::Offline => "応答なし",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = readers)]
pub struct Reader {
    pub id: i64,
    pub school_id: i64,
    pub name: String,
    kind: String,
    pub secret: String,
    health: String,
    pub last_seen_at: Option<NaiveDateTime>,
    pub battery: Option<i32>,
    pub firmware: Option<String>,
}

impl Reader {
    pub fn kind(&self) -> ReaderKind {
        ReaderKind::parse(&self.kind).unwrap_or(ReaderKind::Waypoint)
    }

    pub fn health(&self) -> Health {
        Health::parse(&self.health)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Reader>> {
        readers::table
            .find(id)
            .select(Reader::as_select())
            .first(conn)
            .optional()
    }

    /// Every reader of every school (for the metrics).
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Reader>> {
        readers::table.order(readers::id).select(Reader::as_select()).load(conn)
    }

    pub fn of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<Reader>> {
        readers::table
            .filter(readers::school_id.eq(school_id))
            .order(readers::id)
            .select(Reader::as_select())
            .load(conn)
    }

    pub fn by_name(conn: &mut DbConnection, school_id: i64, name: &str) -> QueryResult<Option<Reader>> {
        readers::table
            .filter(readers::school_id.eq(school_id))
            .filter(readers::name.eq(name))
            .select(Reader::as_select())
            .first(conn)
            .optional()
    }

    /// Adds a reader with a new secret; returns its id.
    pub fn create(
        conn: &mut DbConnection,
        school_id: i64,
        name: &str,
        kind: ReaderKind,
        secret: &str,
    ) -> QueryResult<i64> {
        diesel::insert_into(readers::table)
            .values((
                readers::school_id.eq(school_id),
                readers::name.eq(name),
                readers::kind.eq(kind.as_str()),
                readers::secret.eq(secret),
                readers::created_at.eq(now()),
            ))
            .returning(readers::id)
            .get_result(conn)
    }

    pub fn set_kind(conn: &mut DbConnection, id: i64, kind: ReaderKind) -> QueryResult<()> {
        diesel::update(readers::table.find(id))
            .set(readers::kind.eq(kind.as_str()))
            .execute(conn)
            .map(drop)
    }

    pub fn set_secret(conn: &mut DbConnection, id: i64, secret: &str) -> QueryResult<()> {
        diesel::update(readers::table.find(id))
            .set(readers::secret.eq(secret))
            .execute(conn)
            .map(drop)
    }

    /// Holds this reader's row until the transaction ends, so that its batches are worked one at a
    /// time: the debounce (`Pass::open`, then `Pass::create`) and the emergency check read before
    /// they write, and under PostgreSQL's READ COMMITTED two batches read together would both find
    /// nothing and both create (two passes, two mails per guardian). After the lock every statement
    /// sees what the batch before committed. `NO KEY UPDATE` leaves the key-share locks of foreign
    /// keys (events, signatures) free, so a batch that inserted those first cannot deadlock.
    /// SQLite needs nothing: a `write_transaction` holds the database's one write lock from BEGIN.
    pub fn lock_for_batch(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
        #[cfg(not(feature = "postgres"))]
        let _ = id;
        match conn {
            DbConnection::Sqlite(_) => Ok(()),
            #[cfg(feature = "postgres")]
            DbConnection::Postgres(c) => readers::table
                .find(id)
                .select(readers::id)
                .for_no_key_update()
                .first::<i64>(c)
                .map(drop),
        }
    }

    /// Records a sign of life; returns the health it had before (Offline: it is back).
    pub fn touch(
        conn: &mut DbConnection,
        id: i64,
        battery: Option<i32>,
        firmware: Option<&str>,
    ) -> QueryResult<Health> {
        let before: String = readers::table.find(id).select(readers::health).first(conn)?;
        let update = diesel::update(readers::table.find(id));
        match (battery, firmware) {
            (None, None) => update
                .set((readers::health.eq("online"), readers::last_seen_at.eq(now())))
                .execute(conn)?,
            _ => update
                .set((
                    readers::health.eq("online"),
                    readers::last_seen_at.eq(now()),
                    readers::battery.eq(battery),
                    readers::firmware.eq(firmware),
                ))
                .execute(conn)?,
        };
        Ok(Health::parse(&before))
    }

    /// Marks one reader offline unless another worker already did; true if this call did.
    pub fn mark_offline(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        diesel::update(readers::table.find(id))
            .filter(readers::health.eq("online"))
            .set(readers::health.eq("offline"))
            .execute(conn)
            .map(|n| n == 1)
    }

    /// Remembers an accepted signature; false if it was seen before (a replayed request).
    /// Looks first, so that inside a transaction the common replay aborts nothing on PostgreSQL.
    pub fn remember_request(conn: &mut DbConnection, id: i64, signature: &str) -> QueryResult<bool> {
        let seen = reader_requests::table
            .filter(reader_requests::reader_id.eq(id))
            .filter(reader_requests::signature.eq(signature))
            .count()
            .get_result::<i64>(conn)?;
        if seen > 0 {
            return Ok(false);
        }
        diesel::insert_into(reader_requests::table)
            .values((
                reader_requests::reader_id.eq(id),
                reader_requests::signature.eq(signature),
                reader_requests::seen_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(true)
    }

    /// Forgets signatures too old to pass the clock-skew check anyway.
    pub fn forget_requests_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(reader_requests::table.filter(reader_requests::seen_at.lt(before))).execute(conn)
    }

    /// A school's readers still marked online but not heard from for `minutes` before `at`.
    pub fn silent_since(
        conn: &mut DbConnection,
        school_id: i64,
        minutes: i64,
        at: NaiveDateTime,
    ) -> QueryResult<Vec<Reader>> {
        let cutoff = at - Duration::minutes(minutes);
        readers::table
            .filter(readers::school_id.eq(school_id))
            .filter(readers::health.eq("online"))
            .filter(readers::last_seen_at.lt(cutoff))
            .select(Reader::as_select())
            .load(conn)
    }
}
