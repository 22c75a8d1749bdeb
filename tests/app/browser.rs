//! The pages in a real browser: Debian's Chromium driven by Playwright (`tests/browser/pages.mjs`)
//! against the demo server, after a dismissal at the demo school and with a magazine written.
//! The script checks what a person sees (no sideways scrolling, chart labels apart, the board's
//! columns, a photo within a 390 px screen) and leaves screenshots in `target/browser-shots/`.
//!
//! Needs node, `npm ci` in `tests/browser`, `/usr/bin/chromium` and a Japanese font (`.ci/run`
//! installs them).
//! Without them the test says so and passes, except under CI (`CI` set), where it fails.

use crate::helpers::{spawn_on, Backend, DEMO_PASSWORD};
use hiroba::db::models::magazine::Magazine;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::watch::school::School;
use hiroba::watch::simulate::{simulate, Options, Participants, Scenario};
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// What the browser tests need that is not there, if anything.
fn missing(root: &Path) -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node is not installed".into());
    }
    if !root.join("tests/browser/node_modules/playwright-core").is_dir() {
        return Some("playwright-core is not installed (npm ci in tests/browser)".into());
    }
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is missing (apt-get install chromium)"));
    }
    // Without one, every Japanese label is drawn as boxes and measured at the boxes' width.
    let fonts = Command::new("fc-list").arg(":lang=ja").output();
    if !fonts.is_ok_and(|o| o.status.success() && !o.stdout.is_empty()) {
        return Some("no Japanese font (apt-get install fonts-ipafont-gothic)".into());
    }
    None
}

#[test]
fn pages_read_well_in_chromium() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Some(what) = missing(&root) {
        assert!(
            std::env::var_os("CI").is_none(),
            "browser tests cannot run in CI: {what}"
        );
        eprintln!("SKIPPED browser tests: {what}");
        return;
    }
    let app = spawn_on(Backend::Sqlite);
    let mut conn = app.pool.get().unwrap();
    // The demo school after a dismissal, played through the readers' API.
    let participants = Participants::load(&mut conn, None).unwrap();
    let school = School::all(&mut conn).unwrap()[0].id;
    let options = Options {
        url: app.base_url.clone(),
        scenario: Scenario::Dismissal,
        minutes: 0,
        batch: 50,
        concurrency: 1,
        seed: 18,
        retries: 0,
    };
    let summary = simulate(&participants, &options).unwrap();
    assert_eq!(summary.failed, 0, "{summary}");
    let coordinator = MailAddress::find(&mut conn, "coordinator@hiroba.example.jp")
        .unwrap()
        .unwrap()
        .member_id;
    let body = "土曜日に子育て講座があります☀ 持ち物：タオル、飲み物🎵\n申し込みは窓口まで。";
    let magazine = Magazine::create(&mut conn, coordinator, "子育て講座のお知らせ", body, "events", &[]).unwrap();
    drop(conn);
    app.run_jobs();

    let today = chrono::Utc::now()
        .with_timezone(&hiroba::domain::time::JST)
        .date_naive();
    let facts = serde_json::json!({
        "password": DEMO_PASSWORD,
        "school": school,
        "children": participants.children(),
        "magazine": magazine,
        "photo": root.join("tests/data/photos/gps-orientation6.jpg"),
        "today": today.to_string(),
        "year_ago": (today - chrono::Duration::days(364)).to_string(),
        "shots": root.join("target/browser-shots"),
    });
    let out = Command::new("node")
        .arg("tests/browser/pages.mjs")
        .arg(&app.base_url)
        .arg(facts.to_string())
        .current_dir(&root)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(out.status.success(), "browser checks failed:\n{report}");
}
