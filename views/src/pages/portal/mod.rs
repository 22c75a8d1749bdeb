//! あぃあぃ広場の公開情報: the front page, events and facilities.

pub mod events;
pub mod facilities;
pub mod front;
