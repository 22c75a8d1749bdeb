//! コミュニティ: the list, one community, proposing one, topics.

pub mod list;
pub mod new;
pub mod show;
pub mod topic;
pub mod topic_new;
