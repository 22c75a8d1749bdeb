//! Which rows match: the one place where SQLite and PostgreSQL search differ.
//!
//! Both look at the folded text of a row (`hiroba_fold(…)`, see `normalise`), every word of the
//! query must occur in it, newest rows first.
//! - SQLite: the FTS5 table `search_index` (trigram tokenizer) holds a folded copy of every row,
//!   kept by triggers; its rowid is `id * 8 + kind code`. Words of three characters or more are
//!   FTS5 phrases (served by the trigram index); shorter words are `LIKE` conditions on the stored
//!   copy, which FTS5 answers by scanning the rows the phrases left (all rows when every word is
//!   short: the trigram index has nothing to look up for one or two characters).
//! - PostgreSQL: a GIN `gin_trgm_ops` index on the folded expression of each table; every word is
//!   a `LIKE '%word%'` on that same expression, which the index serves for words of three
//!   characters or more. For shorter words pg_trgm extracts no trigram, so the planner scans.

use super::terms::{fts_phrase, like_pattern, Terms};
use super::Kind;
use crate::db::DbConnection;
use crate::domain::thread::PlaceKind;
use diesel::sql_types::{BigInt, Text};
#[cfg(feature = "postgres")]
use diesel::{connection::SimpleConnection, Connection};
use diesel::{QueryResult, QueryableByName, RunQueryDsl};

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Ids of the rows of `kind` that contain every word, newest first, at most `limit`. Only the
/// portal's visible threads are クチコミ: hidden ones and community topics are left out.
pub fn matching_ids(conn: &mut DbConnection, kind: Kind, terms: &Terms, limit: i64) -> QueryResult<Vec<i64>> {
    let rows = match conn {
        DbConnection::Sqlite(c) => sqlite(c, kind, terms, limit)?,
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(c) => postgres(c, kind, terms, limit)?,
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The table of a kind and the condition that keeps a row findable.
fn table(kind: Kind) -> (&'static str, String) {
    match kind {
        Kind::Post => (
            "threads",
            format!("t.place = '{}' AND t.hidden_at IS NULL", PlaceKind::Portal.key()),
        ),
        Kind::Event => ("events", "1 = 1".into()),
        Kind::Facility => ("facilities", "1 = 1".into()),
    }
}

/// The kind's code in the rowid of `search_index` (the SQLite migration's triggers use the same).
fn sqlite_code(kind: Kind) -> i64 {
    match kind {
        Kind::Post => 1,
        Kind::Event => 2,
        Kind::Facility => 3,
    }
}

fn sqlite(conn: &mut diesel::SqliteConnection, kind: Kind, terms: &Terms, limit: i64) -> QueryResult<Vec<IdRow>> {
    let (name, visible) = table(kind);
    let (long, short) = terms.split_by_length();
    let mut sql = format!(
        "SELECT t.id AS id FROM search_index JOIN {name} t ON t.id = search_index.rowid / 8 \
         WHERE search_index.rowid % 8 = {code} AND {visible}",
        code = sqlite_code(kind)
    );
    if !long.is_empty() {
        sql.push_str(" AND search_index MATCH ?");
    }
    for _ in &short {
        sql.push_str(" AND search_index.doc LIKE ? ESCAPE '\\'");
    }
    sql.push_str(" ORDER BY t.id DESC LIMIT ?");
    let mut query = diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>();
    if !long.is_empty() {
        let phrases: Vec<String> = long.iter().map(|w| fts_phrase(w)).collect();
        query = query.bind::<Text, _>(phrases.join(" AND "));
    }
    for word in short {
        query = query.bind::<Text, _>(like_pattern(word));
    }
    query.bind::<BigInt, _>(limit).load(conn)
}

/// The folded text of a row on PostgreSQL, exactly as the migration's GIN indexes spell it.
#[cfg(feature = "postgres")]
fn postgres_document(kind: Kind) -> &'static str {
    match kind {
        Kind::Post => r"hiroba_fold(t.title || E'\n' || t.body)",
        Kind::Event => r"hiroba_fold(t.title || E'\n' || t.place || E'\n' || t.body)",
        Kind::Facility => {
            r"hiroba_fold(t.name || E'\n' || t.kind || E'\n' || t.address || E'\n' || t.hours || E'\n' || t.note)"
        }
    }
}

#[cfg(feature = "postgres")]
fn postgres(conn: &mut diesel::PgConnection, kind: Kind, terms: &Terms, limit: i64) -> QueryResult<Vec<IdRow>> {
    let (name, visible) = table(kind);
    let document = postgres_document(kind);
    let words = terms.words();
    let mut sql = format!("SELECT t.id AS id FROM {name} t WHERE {visible}");
    for n in 1..=words.len() {
        // `\` is LIKE's default escape character on PostgreSQL.
        sql.push_str(&format!(" AND {document} LIKE ${n}"));
    }
    sql.push_str(&format!(" ORDER BY t.id DESC LIMIT ${}", words.len() + 1));
    let mut query = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
    for word in words {
        query = query.bind::<Text, _>(like_pattern(word));
    }
    let query = query.bind::<BigInt, _>(limit);
    // diesel keeps the statement prepared; after five runs PostgreSQL may plan it once for any
    // pattern, and that generic plan walks the primary key backwards folding every row (660 ms on
    // 10,000 posts for a word found nowhere, against 0.2 ms through the trigram index). A plan
    // for the actual patterns, in this transaction only:
    conn.transaction(|conn| {
        conn.batch_execute("SET LOCAL plan_cache_mode = force_custom_plan")?;
        query.load(conn)
    })
}
