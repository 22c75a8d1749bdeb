//! `hiroba readers simulate`: plays a morning rush or a dismissal through the real reader API
//! of a running server, as the readers of a school district would send it (demos, benchmarks).
//!
//! [`participants`] reads who exists from the database, [`plan`] decides who passes which reader when,
//! [`run`] sends the signed batches over [`client`] and adds up the answers in a [`Summary`].

pub mod client;
pub mod participants;
pub mod plan;
pub mod run;
mod summary;

pub use participants::Participants;
pub use plan::Scenario;
pub use run::{simulate, Options};
pub use summary::Summary;

/// Why a simulation could not start (failed requests are counted in the [`Summary`] instead).
#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    #[error("学校「{0}」はありません (no such school)")]
    UnknownSchool(String),
    #[error(
        "校門のリーダーと、タグを持つ児童がいる学校がありません (no school with a gate reader and tagged children)"
    )]
    NothingToPlay,
    #[error(transparent)]
    Url(#[from] client::UrlError),
    #[error("データベース (database): {0}")]
    Db(#[from] diesel::result::Error),
}
