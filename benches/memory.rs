//! The server's memory: `cargo bench --bench memory [-- REQUESTS]` (default 100,000).
//!
//! The release binary runs `hiroba demo` on a fresh SQLite file. Its resident set (VmRSS) is read:
//! 1. idle, after start;
//! 2. after REQUESTS page requests from four connections (a docomo FOMA phone logged in, across
//!    the portal's list and detail pages);
//! 3. while 50 logins by password arrive at once (the highest of samples every 10 ms), and after.
//!
//! VmHWM, the highest resident set of the whole run, is the last line.

#[path = "shared/serve.rs"]
mod serve;

use hiroba::auth::session::{self, LoginMethod};
use hiroba::config::DatabaseUrl;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::demo::DEMO_PASSWORD;
use hiroba::watch::simulate::client::{BaseUrl, Client};
use serve::{free_port, Running};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Barrier;
use std::time::{Duration, Instant};

/// An i-mode browser 2.0 phone: no cookies, so the session rides in the URL.
const DOCOMO: &str = "DoCoMo/2.0 SH906i(c100;TB;W24H16)";
const PAGES: [&str; 8] = [
    "/",
    "/portal",
    "/events",
    "/events/1",
    "/posts",
    "/posts/1",
    "/facilities",
    "/notices/1",
];
const LOGINS: usize = 50;

fn main() {
    let requests: u64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("hiroba-bench-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
    command
        .arg("demo")
        .env("HIROBA_DATABASE_URL", dir.join("bench.db"))
        .env("HIROBA_BIND", format!("127.0.0.1:{port}"))
        .env("HIROBA_SMTP_LISTEN", format!("127.0.0.1:{}", free_port()))
        .env("HIROBA_MAIL_DIR", dir.join("mail"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let server = Running::start(command, port);
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap_or_else(|e| panic!("{e:?}"));
    std::thread::sleep(Duration::from_secs(2));
    println!("| moment | VmRSS MB |\n|---|---|");
    println!("| idle after start | {:.1} |", megabytes(&server, "VmRSS"));

    let sid = session_of_hana(&dir.join("bench.db"), &base);
    let started = Instant::now();
    pages(&base, &sid, requests);
    println!(
        "| after {requests} page requests ({:.1} s) | {:.1} |",
        started.elapsed().as_secs_f64(),
        megabytes(&server, "VmRSS")
    );

    let (highest, answers, took) = logins_at_once(&server, &base);
    println!("| during {LOGINS} logins at once (highest sample) | {highest:.1} |");
    std::thread::sleep(Duration::from_secs(1));
    println!("| after them | {:.1} |", megabytes(&server, "VmRSS"));
    println!("| VmHWM, the whole run | {:.1} |", megabytes(&server, "VmHWM"));
    println!("\n{LOGINS} logins at once: {answers} in {:.2} s", took.as_secs_f64());
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A line of `/proc/PID/status` (kB) in MB.
fn megabytes(server: &Running, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap_or_else(|e| panic!("{e}"));
    let kb: f64 = status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no {field}"));
    kb / 1024.0
}

/// `requests` GETs of the portal's pages from four connections; every answer must be 200.
fn pages(base: &BaseUrl, sid: &str, requests: u64) {
    let next = AtomicU64::new(0);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let mut client = Client::new(base.clone());
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        return;
                    }
                    let page = PAGES[n as usize % PAGES.len()];
                    let path = format!("{page}?sid={sid}");
                    let answer = client
                        .get(&path, &[("User-Agent", DOCOMO)])
                        .unwrap_or_else(|e| panic!("{e:?}"));
                    assert_eq!(answer.status, 200, "{path}");
                }
            });
        }
    });
}

/// `LOGINS` phones post the login form at the same moment; returns the highest resident set seen
/// meanwhile, the answers by status and how long the last took.
fn logins_at_once(server: &Running, base: &BaseUrl) -> (f64, String, Duration) {
    let forms: Vec<(String, String)> = (0..LOGINS).map(|_| login_form(base)).collect();
    let barrier = Barrier::new(LOGINS);
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let (highest, statuses) = std::thread::scope(|s| {
        let sampler = s.spawn(|| {
            let mut highest: f64 = 0.0;
            while !done.load(Ordering::Relaxed) {
                highest = highest.max(megabytes(server, "VmRSS"));
                std::thread::sleep(Duration::from_millis(10));
            }
            highest
        });
        let phones: Vec<_> = forms
            .iter()
            .map(|(sid, csrf)| {
                let barrier = &barrier;
                s.spawn(move || {
                    let mut client = Client::new(base.clone());
                    let body =
                        format!("email=hana.mama%40docomo.ne.jp&password={DEMO_PASSWORD}&csrf={csrf}&_enc=%82%A0");
                    barrier.wait();
                    let answer = client
                        .post(&format!("/login?sid={sid}"), &[("User-Agent", DOCOMO)], body.as_bytes())
                        .unwrap_or_else(|e| panic!("{e:?}"));
                    answer.status
                })
            })
            .collect();
        let statuses: Vec<u16> = phones.into_iter().map(|p| p.join().unwrap_or(0)).collect();
        done.store(true, Ordering::Relaxed);
        (sampler.join().unwrap_or(0.0), statuses)
    });
    let took = started.elapsed();
    let mut counted: Vec<(u16, usize)> = Vec::new();
    for status in statuses {
        match counted.iter_mut().find(|(s, _)| *s == status) {
            Some((_, n)) => *n += 1,
            None => counted.push((status, 1)),
        }
    }
    counted.sort_unstable();
    let answers = counted
        .iter()
        .map(|(s, n)| format!("{n} × {s}"))
        .collect::<Vec<_>>()
        .join(", ");
    (highest, answers, took)
}

/// A fresh login form for a cookieless phone: its sid and CSRF token.
fn login_form(base: &BaseUrl) -> (String, String) {
    let page = Client::new(base.clone())
        .get("/login", &[("User-Agent", DOCOMO)])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let text = String::from_utf8_lossy(&page.body);
    let after = |marker: &str| -> String {
        let start = text
            .find(marker)
            .unwrap_or_else(|| panic!("no {marker} in the login form"))
            + marker.len();
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect()
    };
    (after("sid="), after("name=\"csrf\" value=\""))
}

/// はなママ's session on the docomo phone, made in the database as a login would; its sid.
fn session_of_hana(database: &std::path::Path, base: &BaseUrl) -> String {
    let device = Client::new(base.clone())
        .get("/device.json", &[("User-Agent", DOCOMO)])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let device: serde_json::Value = serde_json::from_slice(&device.body).unwrap_or_else(|e| panic!("{e}"));
    let profile = device["profile"].as_str().unwrap_or_default();
    let url = DatabaseUrl::parse(&database.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
    let mut conn = hiroba::db::connect_one(&url).unwrap_or_else(|e| panic!("{e}"));
    let hana = MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp")
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no はなママ in the demo"));
    let idle = chrono::Duration::hours(1);
    session::start(&mut conn, profile, Some((hana.member_id, LoginMethod::Password)), idle)
        .unwrap_or_else(|e| panic!("{e}"))
        .token
}
