//! The `hiroba_fold` SQL function on SQLite: the search triggers fold text through it
//! (`domain::fold`; PostgreSQL spells the same rules in SQL, migration `2026-11-25-000002_search`).

use crate::domain::fold::fold;

/// Makes `hiroba_fold(text)` callable on an SQLite connection: the search triggers store folded
/// copies through it, so every connection that writes posts, events or facilities needs it
/// (`db::DbManager` registers it on each one it opens).
pub fn register_sqlite(conn: &mut diesel::SqliteConnection) -> diesel::QueryResult<()> {
    sql::hiroba_fold_utils::register_impl(conn, |text: Option<String>| text.map(|t| fold(&t)))
}

mod sql {
    use diesel::sql_types::{Nullable, Text};

    #[diesel::declare_sql_function]
    extern "SQL" {
        fn hiroba_fold(text: Nullable<Text>) -> Nullable<Text>;
    }
}
