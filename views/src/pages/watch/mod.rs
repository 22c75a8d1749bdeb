//! 子どもの見守り for guardians and schools: children and histories, mail choices, the boards.

pub mod board;
pub mod children;
pub mod settings;
