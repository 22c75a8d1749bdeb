//! クチコミ: the list, one post, the form for a new one.

pub mod list;
pub mod new;
pub mod show;
