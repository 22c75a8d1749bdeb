//! デジタル連絡帳・伝言板 settings: how long records are kept, attachment limits, 申込コード
//! guessing, home board pairing. A school's own choices (approval, absence reasons, the
//! not-arrived mail) are in its `notebook_schools` row, which its teachers edit.

use super::{parse_positive, ConfigError};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotebookSettings {
    /// Days messages, receipts and absence notices are kept after their school year ends (31 March).
    pub keep_days_after_year: u32,
    /// The largest attachment a teacher may add, in bytes.
    pub attachment_max_bytes: u32,
    /// Wrong 申込コード entries allowed per account and per sending address in an hour.
    pub join_attempts_per_hour: u32,
    /// Minutes a home board's pairing code stays valid.
    pub pairing_minutes: u32,
}

/// The `[notebook]` table of the settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NotebookFileSettings {
    keep_days_after_year: Option<u32>,
    attachment_max_bytes: Option<u32>,
    join_attempts_per_hour: Option<u32>,
    pairing_minutes: Option<u32>,
}

impl NotebookSettings {
    pub(super) fn load(file: NotebookFileSettings, env: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let pick = |name: &'static str, from_file: Option<u32>, default: u32| match env(name) {
            Some(v) => parse_positive(name, &v),
            None => Ok(from_file.unwrap_or(default)),
        };
        Ok(NotebookSettings {
            keep_days_after_year: pick("HIROBA_NOTEBOOK_KEEP_DAYS_AFTER_YEAR", file.keep_days_after_year, 90)?,
            attachment_max_bytes: pick(
                "HIROBA_NOTEBOOK_ATTACHMENT_MAX_BYTES",
                file.attachment_max_bytes,
                5 * 1024 * 1024,
            )?,
            join_attempts_per_hour: pick("HIROBA_NOTEBOOK_JOIN_ATTEMPTS_PER_HOUR", file.join_attempts_per_hour, 5)?,
            pairing_minutes: pick("HIROBA_NOTEBOOK_PAIRING_MINUTES", file.pairing_minutes, 10)?,
        })
    }
}
