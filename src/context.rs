//! What every process of Hiroba reads and never changes while it runs: the settings, the device
//! profiles and the codec. Workers and mail processing need no more than this and a connection;
//! the HTTP side adds its own state on top (`routes::state::AppState`).

use crate::config::Settings;
use crate::keitai::{Codec, ProfileRegistry};

#[derive(Debug)]
pub struct Context {
    pub settings: Settings,
    pub profiles: ProfileRegistry,
    pub codec: Codec,
}
