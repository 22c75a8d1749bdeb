//! What the HTTP side shares between requests: the context, the pool, the gateway list, the
//! workers' wake-up and the page views counted since the last flush.

use crate::auth::easy_login::Gateways;
use crate::auth::hashing::HashPool;
use crate::config::Settings;
use crate::context::Context;
use crate::db::DbPool;
use crate::keitai::gateway::GatewayList;
use crate::metrics::RequestCounts;
use crate::stats::PageViewCounter;
use crate::worker::Wakeup;
use std::sync::Arc;

#[derive(Debug)]
pub struct AppState {
    pub ctx: Arc<Context>,
    pub pool: DbPool,
    /// The carrier gateway list for かんたんログイン (None: not installed, so the feature is off).
    pub gateway_list: Option<GatewayList>,
    /// Wakes this process's idle workers when a request has queued mail.
    pub wakeup: Arc<Wakeup>,
    /// Page views counted since the last flush (statistics).
    pub page_views: Arc<PageViewCounter>,
    /// Requests this server answered, for `/metrics`.
    pub metrics: Arc<RequestCounts>,
    /// The threads that check and make password hashes.
    pub hashes: HashPool,
}

impl AppState {
    pub fn settings(&self) -> &Settings {
        &self.ctx.settings
    }

    /// The かんたんログイン checks as of today.
    pub fn gateways(&self) -> Gateways<'_> {
        Gateways {
            list: self.gateway_list.as_ref(),
            max_age_days: self.ctx.settings.gateway_max_age_days,
            today: chrono::Utc::now().date_naive(),
            settings: &self.ctx.settings,
        }
    }
}
