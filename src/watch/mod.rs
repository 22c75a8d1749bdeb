//! Child watch (子どもの見守り): IC-tag readers report children passing; guardians get a mail.

pub mod roster;
