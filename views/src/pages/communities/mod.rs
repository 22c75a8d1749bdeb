//! コミュニティ: the list, one community, proposing one (a topic's page and form are a thread's:
//! `threads`).

pub mod list;
pub mod new;
pub mod show;
