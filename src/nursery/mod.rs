//! 保育所入所選考 from the municipal files: reading them (CSV from Excel, UTF-8 or Shift_JIS,
//! column names after NFKC, other names through a TOML mapping), running the matcher and the
//! checker of `domain::nursery`, and writing the result file.

mod columns;
mod read;
mod run;
mod write;

pub use columns::Columns;
pub use read::read_tables;
pub use run::{generate_files, match_files, MatchFailure, MatchFiles, MatchReport};
pub use write::{result_csv, tables_csv, Encoding};
