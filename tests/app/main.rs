//! Integration tests: the real server over HTTP with real User-Agents and Shift_JIS bytes.
//!
//! - A new test starts from an empty database, `fn name(app: Empty)`, and builds the members,
//!   posts, communities and schools it is about (`helpers::builders`); `fn name(app)` starts from
//!   the whole demo.
//! - A test that queues jobs or mail runs them with `app.run_jobs()`; one that leaves them queued
//!   on purpose says why with `app.expect_leftover_jobs(…)`, or it fails when its app is dropped.
//! - Bytes a device gets are snapshotted with insta (`mail_bytes`, `page_bytes`; files in
//!   `snapshots/`). After a change on purpose: `INSTA_UPDATE=always cargo test --test app bytes`,
//!   then read the diff. With `CI=true` a missing or different snapshot fails.
//! - Test files live in `tests/data` (`helpers::data_file`), never outside the repository.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "tests fail loudly on unexpected input"
)]

/// A test that runs once on SQLite and once on PostgreSQL (the PostgreSQL run is reported as
/// ignored, with the reason, unless `HIROBA_TEST_POSTGRES_URL` was set when the tests were built).
/// `fn name(app: Empty)` gets a started app with an empty database (the areas only): the test
/// builds the rows it needs (`helpers::builders`). `fn name(app)` gets one with the whole demo
/// data; `fn name(backend: Backend)` starts its own.
macro_rules! db_test {
    (fn $name:ident($app:ident) $body:block) => {
        db_test!(fn $name(backend: Backend) {
            let $app = crate::helpers::spawn_on(backend);
            $body
        });
    };
    (fn $name:ident($app:ident: Empty) $body:block) => {
        db_test!(fn $name(backend: Backend) {
            let $app = crate::helpers::spawn_empty(backend);
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
mod bounces;
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
mod magazine_unsubscribe;
mod mail_bytes;
mod mail_flows;
mod mail_in;
mod metrics;
mod notebook_absence;
mod notebook_answers;
mod notebook_families;
mod notebook_home;
mod notebook_messages;
mod notebook_models;
mod notebook_not_arrived;
mod notebook_retention;
mod notices;
mod nursery;
mod pacing;
mod page_bytes;
mod pages;
mod passwords;
mod posts;
mod queue;
mod search;
mod sending;
mod service_name;
mod simulate;
mod smtp;
mod smtp_relay;
mod stats;
mod support_after;
mod support_members;
mod support_models;
mod support_requests;
mod support_statements;
mod threads;
mod watch_admin_pages;
mod watch_api;
mod watch_board;
mod watch_concurrency;
mod watch_import;
mod watch_pages;
