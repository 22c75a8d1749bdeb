//! Table models: rows and the queries on them.

pub mod notice;
