//! 保育所入所選考 (nursery admission): the instance, the matcher, an independent checker and the
//! explanations (理由). Pure: no database, no HTTP, no files.
//!
//! Rows as the municipal files hold them ([`rows`]) are checked and turned into an [`Instance`]
//! with integer ids and flat arrays; [`matcher::run`] places the children; [`checker::check`]
//! counts blocking coalitions and over-full cells from the instance and the result alone; and
//! [`explain`] says in Japanese why each child got what she got.

pub mod checker;
mod expand;
pub mod explain;
pub mod generate;
mod instance;
mod invalid;
pub mod matcher;
mod outcome;
mod pattern;
pub mod rows;
mod score;

#[cfg(test)]
mod tests;

pub use instance::{Child, Facility, Instance, Placement, Unit, UnitOption, AGES};
pub use invalid::{InputError, InputFile, Problem};
pub use outcome::{ChildResult, MatchSummary, Outcome, Seat};
pub use pattern::SiblingPattern;
pub use score::Score;
