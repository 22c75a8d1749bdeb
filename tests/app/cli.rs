//! The `hiroba` command itself: member add/show, and start-up errors that must be quick and clear.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn hiroba(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hiroba"))
        .args(args)
        .env("HIROBA_DATABASE_URL", database_url)
        .env(
            "HIROBA_PROFILES_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles"),
        )
        .env("RUST_LOG", "warn")
        .output()
        .expect("run hiroba")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

db_test! {
    fn member_add_bootstraps_a_coordinator_and_member_show_describes_her(backend: Backend) {
        let app = crate::helpers::spawn_on(backend);
        let url = app.database_url.clone();
        let added = hiroba(&url, &[
            "member", "add", "--email", "Chief@Kashiwa.example.jp", "--password", "first-coordinator",
            "--role", "coordinator,admin", "--name", "センター長", "--real-name", "柏 一子",
        ]);
        assert!(added.status.success(), "{}", text(&added.stderr));
        assert!(text(&added.stdout).contains("chief@kashiwa.example.jp"));

        let shown = hiroba(&url, &["member", "show", "--email", "chief@kashiwa.example.jp"]);
        assert!(shown.status.success(), "{}", text(&shown.stderr));
        let out = text(&shown.stdout);
        for expected in ["センター長", "柏 一子", "coordinator", "admin", "approved", "carrier=pc", "primary verified", "health=ok", "posting address): post-"] {
            assert!(out.contains(expected), "{expected} missing in:\n{out}");
        }
        // The new coordinator can log in at once over HTTP.
        let mut pc = crate::helpers::Browser::new(&app, crate::helpers::ua::PC);
        let done = crate::helpers::log_in(&mut pc, "chief@kashiwa.example.jp", "first-coordinator");
        assert_eq!(done.status, 302);

        let again = hiroba(&url, &[
            "member", "add", "--email", "chief@kashiwa.example.jp", "--password", "first-coordinator",
            "--role", "teacher", "--name", "x",
        ]);
        assert_eq!(again.status.code(), Some(1));
        assert!(text(&again.stderr).contains("すでに登録されています"));
        let bad_role = hiroba(&url, &[
            "member", "add", "--email", "a@b.example.jp", "--password", "long-enough", "--role", "mayor", "--name", "x",
        ]);
        assert!(text(&bad_role.stderr).contains("unknown role"), "{}", text(&bad_role.stderr));
        let keitai = hiroba(&url, &["member", "show", "--email", "sakura.baaba@ezweb.ne.jp"]);
        assert!(text(&keitai.stdout).contains("carrier=au"), "{}", text(&keitai.stdout));
    }
}

db_test! {
    fn short_commands_exit_cleanly(backend: Backend) {
        // r2d2 used to reopen a pooled connection on a background thread as the command exited;
        // with PostgreSQL over TLS about one run in five then died of a signal. Twenty runs of
        // each would miss that with a probability near 1 %.
        let app = crate::helpers::spawn_on(backend);
        for _ in 0..20 {
            for args in [&["migrate"][..], &["worker", "--until-idle"]] {
                let run = hiroba(&app.database_url, args);
                assert_eq!(run.status.code(), Some(0), "{args:?}: {:?} {}", run.status, text(&run.stderr));
            }
        }
    }
}

#[test]
fn an_unreachable_database_fails_fast_with_one_clear_line() {
    let started = Instant::now();
    // Nothing listens on port 1: the connection is refused at once.
    let out = hiroba("postgres://hiroba:secret@127.0.0.1:1/hiroba", &["migrate"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("データベース") || err.contains("PostgreSQL"), "{err}");
    assert!(!err.contains("secret"), "the password must not be shown: {err}");
}

#[test]
fn an_unknown_database_scheme_is_named() {
    let out = hiroba("mysql://root@127.0.0.1/hiroba", &["migrate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("HIROBA_DATABASE_URL") && err.contains("unknown scheme"),
        "{err}"
    );
}

/// A second instance started in an empty folder, with no profiles setting.
fn hiroba_elsewhere(dir: &std::path::Path, args: &[&str], profiles_dir: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("HIROBA_PROFILES_DIR")
        .env_remove("HIROBA_GATEWAY_LIST")
        .env_remove("HIROBA_CONFIG")
        .env("HIROBA_DATABASE_URL", dir.join("hiroba.db").display().to_string())
        .env("RUST_LOG", "warn");
    if let Some(profiles) = profiles_dir {
        command.env("HIROBA_PROFILES_DIR", profiles);
    }
    command.output().expect("run hiroba")
}

#[test]
fn a_server_started_from_another_folder_uses_its_built_in_profiles() {
    let dir = crate::helpers::unique_dir();
    let done = hiroba_elsewhere(&dir, &["worker", "--until-idle"], None);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    assert!(
        !text(&done.stderr).contains("no gateway list"),
        "the built-in gateway list is used: {}",
        text(&done.stderr)
    );
}

#[test]
fn a_profiles_folder_that_is_missing_is_named_in_japanese_and_english_with_its_setting() {
    let dir = crate::helpers::unique_dir();
    let out = hiroba_elsewhere(&dir, &["migrate"], Some("no-such-folder"));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for expected in [
        "端末プロファイル",
        "no-such-folder",
        "HIROBA_PROFILES_DIR",
        "cannot read the carrier profiles",
    ] {
        assert!(err.contains(expected), "{expected} missing in: {err}");
    }
}
