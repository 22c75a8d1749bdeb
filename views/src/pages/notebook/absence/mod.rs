//! The notebook's absence pages: the guardian's form and list, the teacher's notices of the day,
//! and the not-arrived list.

pub mod form;
pub mod list;
pub mod not_arrived;
pub mod school_day;
