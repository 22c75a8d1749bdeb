//! Japanese search over クチコミ, events and facilities by n-grams (docs/search.md).
//!
//! `terms` parses the query, `normalise` folds query and text alike, `backend` finds matching ids
//! (SQLite FTS5 trigram or PostgreSQL pg_trgm — the only place the backends differ) and `results`
//! turns them into ranked hits with snippets.

mod backend;
mod results;
pub mod terms;

pub use results::Hit;
pub use terms::Terms;

use crate::db::DbConnection;
use diesel::QueryResult;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Post,
    Event,
    Facility,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Post, Kind::Event, Kind::Facility];

    /// The `kind=` value of `/search`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Post => "post",
            Kind::Event => "event",
            Kind::Facility => "facility",
        }
    }

    pub fn parse(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The label before a hit.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Post => "クチコミ",
            Kind::Event => "イベント",
            Kind::Facility => "施設",
        }
    }
}

/// Who is searching, and for what.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// Members search クチコミ too; guests only the public information.
    pub member: bool,
    /// One kind, or all.
    pub kind: Option<Kind>,
}

impl Scope {
    fn kinds(self) -> impl Iterator<Item = Kind> {
        Kind::ALL
            .into_iter()
            .filter(move |k| self.kind.is_none_or(|only| only == *k))
            .filter(move |k| self.member || *k != Kind::Post)
    }
}

/// Most hits of one kind a search returns (the newest matches; the list is paged afterwards).
pub const LIMIT_PER_KIND: i64 = 100;

/// Everything `terms` finds in `scope`: hits with more words in their titles first, then the newest.
/// Hidden posts are never found.
pub fn search(conn: &mut DbConnection, terms: &Terms, scope: Scope) -> QueryResult<Vec<Hit>> {
    let mut hits = Vec::new();
    for kind in scope.kinds() {
        let ids = backend::matching_ids(conn, kind, terms, LIMIT_PER_KIND)?;
        hits.extend(results::load(conn, kind, &ids, terms)?);
    }
    results::rank(&mut hits);
    Ok(hits)
}
