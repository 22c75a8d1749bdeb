//! What the tests share: the app on a fresh database (`app`), raw HTTP (`http`), a browser that
//! fills in forms (`browser`), signed-in sessions (`session`), devices and their budgets
//! (`device`), mail in and out (`mail`, `relay`, `faulty_relay`), child watch (`watch`) and builders for the rows
//! a test needs (`builders`).

pub mod app;
pub mod browser;
pub mod builders;
pub mod device;
pub mod faulty_relay;
pub mod http;
pub mod log;
pub mod mail;
pub mod relay;
pub mod session;
pub mod snapshot;
pub mod watch;

pub use app::{
    empty_database, spawn, spawn_beside, spawn_empty, spawn_on, spawn_with, unique_dir, write_gateway_list, Backend,
    Seed, TestApp,
};
pub use browser::{forms, links, Browser};
pub use device::{budget, get_within_budget, ua};
pub use http::{percent_encode, Response};
pub use session::{log_in, Signed, DEMO_PASSWORD, GUARDIAN};

/// A file of `tests/data` (fixture mails, photos, rosters), by its path below that folder.
pub fn data_file(path: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
