//! 子どもの見守り pages: guardians' children and histories, their mail choices, the schools' boards.

pub mod access;
pub mod board;
pub mod history;
pub mod home;
pub mod lines;
pub mod settings;
