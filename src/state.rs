//! What every request handler shares: settings, device profiles, the codec, gateway list and the pool.

use crate::auth::easy_login::Gateways;
use crate::config::Settings;
use crate::db::DbPool;
use crate::keitai::gateway::GatewayList;
use crate::keitai::{Codec, ProfileRegistry};
use crate::stats::PageViewCounter;
use crate::worker::Wakeup;

#[derive(Debug)]
pub struct AppState {
    pub settings: Settings,
    pub profiles: ProfileRegistry,
    pub codec: Codec,
    pub pool: DbPool,
    /// The carrier gateway list for かんたんログイン (None: not installed, so the feature is off).
    pub gateway_list: Option<GatewayList>,
    /// Wakes this process's idle workers when a request has queued mail.
    pub wakeup: Wakeup,
    /// Page views counted since the last flush (statistics).
    pub page_views: PageViewCounter,
}

impl AppState {
    /// The かんたんログイン checks as of today.
    pub fn gateways(&self) -> Gateways<'_> {
        Gateways {
            list: self.gateway_list.as_ref(),
            max_age_days: self.settings.gateway_max_age_days,
            today: chrono::Utc::now().date_naive(),
            settings: &self.settings,
        }
    }
}
