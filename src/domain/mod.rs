//! Pure logic: no database, no HTTP.

pub mod paging;
