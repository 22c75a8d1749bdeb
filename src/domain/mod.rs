//! Pure logic: no database, no HTTP.

pub mod clock;
pub mod community;
pub mod email;
pub mod fold;
pub mod kana;
pub mod mail_route;
pub mod moderation;
pub mod next_path;
pub mod nickname;
pub mod notebook;
pub mod nursery;
pub mod paging;
pub mod policy;
pub mod post;
pub mod random;
pub mod role;
pub mod support;
pub mod thread;
pub mod time;
pub mod token;
pub mod unsubscribe;
