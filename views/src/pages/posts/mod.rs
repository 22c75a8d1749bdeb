//! クチコミ: the list (a post's page and form are a thread's: `threads`).

pub mod list;
