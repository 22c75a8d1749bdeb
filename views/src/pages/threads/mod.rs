//! Threads wherever they live (クチコミ, a community's topics): one thread with its comments, the
//! form for a new one, and a line of a list.

pub mod line;
pub mod new;
pub mod show;
