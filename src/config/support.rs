//! 送迎・あずかり支援 settings: how offers go out in waves, reminders, the handover code, the fees.

use super::{parse_positive, ConfigError};
use crate::domain::support::fee_table::FeeTable;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportSettings {
    /// Supporters offered a request at once (one wave).
    pub offers_per_wave: u32,
    /// Minutes a wave waits for an acceptance before the next goes out.
    pub wave_minutes: u32,
    /// The same for 急ぎ (same-day) requests: a parent waiting for this afternoon cannot wait long.
    pub urgent_wave_minutes: u32,
    /// Waves at most; after the last one the coordinators are told the request is unfilled.
    pub max_waves: u32,
    /// The hour (Japan time) of the evening before at which both sides get a reminder.
    pub reminder_hour: u32,
    /// Minutes before the start at which a 急ぎ request's reminder goes (when matched earlier).
    pub urgent_reminder_minutes: u32,
    /// Wrong 受け渡しコード entries before the code is locked and the coordinator must help.
    pub handover_attempts: u32,
    pub fees: FeeTable,
}

/// The `[support]` table of the settings file; `[support.fees]` is the fee table
/// (`domain::support::fee_table` documents its keys).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SupportFileSettings {
    offers_per_wave: Option<u32>,
    wave_minutes: Option<u32>,
    urgent_wave_minutes: Option<u32>,
    max_waves: Option<u32>,
    reminder_hour: Option<u32>,
    urgent_reminder_minutes: Option<u32>,
    handover_attempts: Option<u32>,
    fees: Option<FeeTable>,
}

impl SupportSettings {
    pub(super) fn load(file: SupportFileSettings, env: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let pick = |name: &'static str, from_file: Option<u32>, default: u32| match env(name) {
            Some(v) => parse_positive(name, &v),
            None => Ok(from_file.unwrap_or(default)),
        };
        let reminder_hour = pick("HIROBA_SUPPORT_REMINDER_HOUR", file.reminder_hour, 19)?;
        if reminder_hour > 23 {
            return Err(ConfigError::Invalid {
                name: "HIROBA_SUPPORT_REMINDER_HOUR",
                value: reminder_hour.to_string(),
                reason: "expected an hour from 1 to 23",
            });
        }
        Ok(SupportSettings {
            offers_per_wave: pick("HIROBA_SUPPORT_OFFERS_PER_WAVE", file.offers_per_wave, 5)?,
            wave_minutes: pick("HIROBA_SUPPORT_WAVE_MINUTES", file.wave_minutes, 30)?,
            urgent_wave_minutes: pick("HIROBA_SUPPORT_URGENT_WAVE_MINUTES", file.urgent_wave_minutes, 10)?,
            max_waves: pick("HIROBA_SUPPORT_MAX_WAVES", file.max_waves, 3)?,
            reminder_hour,
            urgent_reminder_minutes: pick(
                "HIROBA_SUPPORT_URGENT_REMINDER_MINUTES",
                file.urgent_reminder_minutes,
                60,
            )?,
            handover_attempts: pick("HIROBA_SUPPORT_HANDOVER_ATTEMPTS", file.handover_attempts, 5)?,
            fees: file.fees.unwrap_or_default(),
        })
    }

    /// How long a wave waits for an acceptance.
    pub fn wave_wait(&self, urgent: bool) -> chrono::Duration {
        let minutes = if urgent {
            self.urgent_wave_minutes
        } else {
            self.wave_minutes
        };
        chrono::Duration::minutes(i64::from(minutes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn load_file(text: &str) -> Result<Settings, ConfigError> {
        let path = std::env::temp_dir().join(format!("hiroba-support-{}.toml", crate::domain::token::random_token()));
        std::fs::write(&path, text).unwrap();
        let settings = Settings::load(Some(&path), |_| None);
        std::fs::remove_file(&path).unwrap();
        settings
    }

    #[test]
    fn the_support_table_and_its_fee_table_are_read_from_the_file() {
        let settings = load_file(
            "[support]\noffers_per_wave = 3\nurgent_wave_minutes = 5\n\
             [support.fees]\nunit_minutes = 15\nbands = [{ from = \"00:00\", until = \"00:00\", per_hour = 900 }]\n",
        )
        .unwrap();
        let support = settings.support;
        assert_eq!(
            (
                support.offers_per_wave,
                support.wave_minutes,
                support.urgent_wave_minutes
            ),
            (3, 30, 5)
        );
        assert_eq!(support.wave_wait(true), chrono::Duration::minutes(5));
        assert_ne!(support.fees, FeeTable::default());
        assert_eq!(
            Settings::load(None, |_| None).unwrap().support.fees,
            FeeTable::default()
        );
    }

    #[test]
    fn a_fee_table_with_a_gap_stops_start_up_with_the_reason() {
        let err = load_file("[support.fees]\nbands = [{ from = \"07:00\", until = \"09:00\", per_hour = 800 }]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("料金表の時間帯が"), "{err}");
    }

    #[test]
    fn environment_overrides_and_bad_hours_are_refused() {
        let env = |name: &str| (name == "HIROBA_SUPPORT_MAX_WAVES").then(|| "4".to_string());
        assert_eq!(Settings::load(None, env).unwrap().support.max_waves, 4);
        let late = |name: &str| (name == "HIROBA_SUPPORT_REMINDER_HOUR").then(|| "25".to_string());
        assert!(Settings::load(None, late).is_err());
    }
}
