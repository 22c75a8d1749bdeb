//! What every request handler shares: settings, device profiles, the codec and the database pool.

use crate::config::Settings;
use crate::db::DbPool;
use crate::keitai::{Codec, ProfileRegistry};

#[derive(Debug)]
pub struct AppState {
    pub settings: Settings,
    pub profiles: ProfileRegistry,
    pub codec: Codec,
    pub pool: DbPool,
}
