//! Usage statistics for coordinators: page views counted in memory and written every few
//! seconds, and the report by day, week or month (`report`).

pub mod buckets;
pub mod counter;
pub mod report;

pub use counter::PageViewCounter;
