//! Child-watch settings: debouncing, how late a pass may still be mailed, how long passes are kept.

use super::{parse_positive, ConfigError};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchSettings {
    /// Reads of one tag at one reader within this many minutes are one pass.
    pub debounce_minutes: u32,
    /// A read that reaches us later than this (a reader catching up after an outage) is recorded
    /// but not mailed: 「07:52 に通過」 at three in the afternoon would only alarm a parent.
    pub alert_max_delay_minutes: u32,
    /// Passes and reader events older than this are deleted.
    pub retention_days: u32,
}

/// The `[watch]` table of the settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WatchFileSettings {
    debounce_minutes: Option<u32>,
    alert_max_delay_minutes: Option<u32>,
    retention_days: Option<u32>,
}

impl WatchSettings {
    pub(super) fn load(file: WatchFileSettings, env: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let pick = |name: &'static str, from_file: Option<u32>, default: u32| match env(name) {
            Some(v) => parse_positive(name, &v),
            None => Ok(from_file.unwrap_or(default)),
        };
        Ok(WatchSettings {
            debounce_minutes: pick("HIROBA_WATCH_DEBOUNCE_MINUTES", file.debounce_minutes, 3)?,
            alert_max_delay_minutes: pick("HIROBA_WATCH_ALERT_MAX_DELAY_MINUTES", file.alert_max_delay_minutes, 30)?,
            retention_days: pick("HIROBA_WATCH_RETENTION_DAYS", file.retention_days, 365)?,
        })
    }
}
