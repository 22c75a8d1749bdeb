//! The database schema, portable across SQLite and PostgreSQL.

diesel::table! {
    notices (id) {
        id -> BigInt,
        title -> Text,
        body -> Text,
        published_on -> Date,
        created_at -> Timestamp,
    }
}
