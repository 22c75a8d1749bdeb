//! Integration tests: the real server over HTTP with real User-Agents and Shift_JIS bytes.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "tests fail loudly on unexpected input"
)]

/// A test that runs once on SQLite and once on PostgreSQL (the PostgreSQL run is reported as
/// ignored, with the reason, unless `HIROBA_TEST_POSTGRES_URL` was set when the tests were built).
/// `fn name(app)` gets a started app with the demo data; `fn name(backend: Backend)` starts its own.
macro_rules! db_test {
    (fn $name:ident($app:ident) $body:block) => {
        db_test!(fn $name(backend: Backend) {
            let $app = crate::helpers::spawn_on(backend);
            $body
        });
    };
    (fn $name:ident($backend:ident: Backend) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run($backend: crate::helpers::Backend) $body

            #[test]
            fn sqlite() {
                run(crate::helpers::Backend::Sqlite)
            }

            #[test]
            #[cfg_attr(
                not(all(feature = "postgres", hiroba_pg_tests)),
                ignore = "PostgreSQL run skipped: set HIROBA_TEST_POSTGRES_URL and build with --features postgres"
            )]
            fn postgres() {
                run(crate::helpers::Backend::Postgres)
            }
        }
    };
}

mod accounts;
mod browser;
mod budget;
mod cli;
mod communities;
mod detection;
mod easy_login;
mod emoji;
mod encoding;
mod events;
mod facilities;
mod forms;
mod helpers;
mod layers;
mod magazine;
mod mail_flows;
mod mail_in;
mod notices;
mod pacing;
mod pages;
mod posts;
mod queue;
mod search;
mod simulate;
mod smtp;
mod smtp_relay;
mod stats;
mod test_relay;
mod threads;
mod watch_admin_pages;
mod watch_api;
mod watch_fixture;
mod watch_import;
mod watch_pages;
