//! The portal on keitai: `cargo bench --bench portal [-- SECONDS]` (default 5 s per load run).
//!
//! The release binary runs `hiroba demo` on a fresh SQLite file, with 60 more クチコミ so that the
//! list fills a page. Then:
//! 1. requests per second of the クチコミ list (`/posts`) and of this week's events (`/events`) for
//!    a logged-in docomo phone against a static route of the same server (`/health`, a fixed text)
//!    and a page without database work (`/portal`, rendered and encoded for the phone), same run,
//!    alternated twice, 4 connections each;
//! 2. the byte size of every keitai page type for six keitai User-Agents (docomo mova 5 KB, FOMA,
//!    au, SoftBank, WILLCOM, a 4G keypad phone), logged in: median and largest per page type.

use hiroba::auth::session::{self, LoginMethod, COOKIE_NAME};
use hiroba::config::Settings;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::domain::post::{Category, PostTitle};
use hiroba::domain::thread::{Channel, Place};
use hiroba::startup::build_state;
use hiroba::watch::simulate::client::{BaseUrl, Client};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The search of the page-size table: a word the demo's posts, events and facilities share.
const SEARCH_WORD: &str = "公園";
const DOCOMO: &str = "DoCoMo/2.0 SH906i(c100;TB;W24H16)";
const KEITAI: [(&str, &str); 6] = [
    ("docomo mova (5 KB)", "DoCoMo/1.0/P503i"),
    ("docomo FOMA", DOCOMO),
    ("au", "KDDI-SA31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0"),
    (
        "SoftBank",
        "SoftBank/1.0/910SH/SHJ001/SN000000000000000 Browser/NetFront/3.4 Profile/MIDP-2.0 Configuration/CLDC-1.1",
    ),
    ("WILLCOM", "Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0"),
    (
        "4G keypad (KYF42)",
        "Mozilla/5.0 (Linux; Android 10; KYF42 Build/1.020PR.0064.a; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/74.0.3729.136 Mobile Safari/537.36",
    ),
];
/// One page of each type the portal shows a keitai (ids from the demo data); `{q}` is a search
/// word, percent-encoded in the phone's charset as its browser sends it.
const PAGES: [&str; 19] = [
    "/",
    "/portal",
    "/notices/1",
    "/posts",
    "/posts/1",
    "/posts/new",
    "/events",
    "/events/1",
    "/facilities",
    "/facilities/1",
    "/communities",
    "/communities/1",
    // The demo's first topic: threads are numbered in one sequence, after the demo's five posts.
    "/communities/1/topics/6",
    "/search?q={q}",
    "/mypage",
    "/mypage/magazine",
    "/watch",
    "/help/mail",
    "/device",
];

fn main() {
    let seconds: u64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(5);
    let dir = std::env::temp_dir().join(format!("hiroba-bench-portal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let port = free_port();
    let vars = vec![
        ("HIROBA_DATABASE_URL", dir.join("bench.db").display().to_string()),
        ("HIROBA_BIND", format!("127.0.0.1:{port}")),
        ("HIROBA_SMTP_LISTEN", format!("127.0.0.1:{}", free_port())),
        ("HIROBA_MAIL_DIR", dir.join("mail").display().to_string()),
        (
            "HIROBA_PROFILES_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles").into(),
        ),
        ("RUST_LOG", "warn".into()),
    ];
    let mut server = Server::start(&vars, port);
    let settings = Settings::load(None, |name| {
        vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let member = more_posts(settings.clone(), 60);
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap_or_else(|e| panic!("{e:?}"));

    println!(
        "1. req/s (and the server's CPU time per request), docomo FOMA, 4 connections, {seconds} s each, alternated"
    );
    let login = Login::new(&base, &settings, member, DOCOMO);
    for round in 1..=2 {
        let posts = server.load(&base, &login.path("/posts"), &login.headers(), seconds);
        let health = server.load(&base, "/health", &[("User-Agent", DOCOMO)], seconds);
        let portal = server.load(&base, &login.path("/portal"), &login.headers(), seconds);
        let events = server.load(&base, &login.path("/events"), &login.headers(), seconds);
        println!(
            "   round {round}: /posts {posts}; /health {health} (ratio {:.3}); /portal {portal} (ratio {:.3}); \
             /events {events} (ratio to /portal {:.3})",
            posts.per_second / health.per_second,
            posts.per_second / portal.per_second,
            events.per_second / portal.per_second
        );
    }

    println!("\n2. bytes per keitai page type (logged in), six keitai");
    let mut sizes: Vec<(String, Vec<usize>)> = PAGES.iter().map(|p| (p.to_string(), Vec::new())).collect();
    println!("   | page | {} |", KEITAI.map(|(name, _)| name).join(" | "));
    for (page, found) in &mut sizes {
        let mut cells = Vec::new();
        for (_, ua) in KEITAI {
            let login = Login::new(&base, &settings, member, ua);
            let page = page.replace("{q}", &login.percent_encoded(SEARCH_WORD));
            let response = Client::new(base.clone())
                .get(&login.path(&page), &login.headers())
                .unwrap_or_else(|e| panic!("{page}: {e:?}"));
            if response.status == 200 {
                found.push(response.body.len());
                cells.push(response.body.len().to_string());
            } else {
                cells.push(format!("({})", response.status));
            }
        }
        println!("   | `{page}` | {} |", cells.join(" | "));
    }
    println!("\n   | page | median bytes | largest bytes |");
    for (page, mut found) in sizes {
        found.sort_unstable();
        let median = found.get(found.len() / 2).copied().unwrap_or(0);
        let largest = found.last().copied().unwrap_or(0);
        println!("   | `{page}` | {median} | {largest} |");
    }
    server.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// What a load run measured.
struct Throughput {
    per_second: f64,
    /// The server's CPU time (user + system, all threads) per request: unlike req/s, it does not
    /// move with the load generator sharing the cores.
    cpu_micros: f64,
}

impl std::fmt::Display for Throughput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0} req/s, {:.0} µs CPU/req", self.per_second, self.cpu_micros)
    }
}

/// Requests for `seconds`, four connections in parallel; every answer must be 200. Returns the
/// requests per second and how many were done.
fn load(base: &BaseUrl, path: &str, headers: &[(&str, &str)], seconds: u64) -> (f64, u64) {
    let until = Instant::now() + Duration::from_secs(seconds);
    let total: u64 = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let mut client = Client::new(base.clone());
                    let mut done = 0u64;
                    while Instant::now() < until {
                        let response = client.get(path, headers).unwrap_or_else(|e| panic!("{path}: {e:?}"));
                        assert_eq!(response.status, 200, "{path}");
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    (total as f64 / seconds as f64, total)
}

/// A logged-in session for はなママ on one phone: a cookie where the phone keeps cookies, `sid`
/// in the URL where it does not (as the markup layer does).
struct Login {
    token: String,
    /// `Cookie: hiroba_sid=…` on phones that keep cookies.
    cookie: Option<String>,
    user_agent: &'static str,
    /// The phone's charset: Shift_JIS or UTF-8.
    shift_jis: bool,
}

impl Login {
    fn new(base: &BaseUrl, settings: &Settings, member: i64, user_agent: &'static str) -> Login {
        let device = Client::new(base.clone())
            .get("/device.json", &[("User-Agent", user_agent)])
            .unwrap_or_else(|e| panic!("{e:?}"));
        let device: serde_json::Value = serde_json::from_slice(&device.body).unwrap_or_else(|e| panic!("{e}"));
        let profile = device["profile"].as_str().unwrap_or_default().to_string();
        let mut conn = hiroba::db::connect_one(&settings.database).unwrap_or_else(|e| panic!("{e}"));
        let idle = chrono::Duration::hours(1);
        let session = session::start(&mut conn, &profile, Some((member, LoginMethod::Password)), idle)
            .unwrap_or_else(|e| panic!("{e}"));
        let cookies = device["cookies"].as_bool().unwrap_or(false);
        Login {
            cookie: cookies.then(|| format!("{COOKIE_NAME}={}", session.token)),
            token: session.token,
            user_agent,
            shift_jis: device["charset"]
                .as_str()
                .is_some_and(|c| c.eq_ignore_ascii_case("Shift_JIS")),
        }
    }

    fn path(&self, page: &str) -> String {
        if self.cookie.is_some() {
            page.to_string()
        } else {
            let sep = if page.contains('?') { '&' } else { '?' };
            format!("{page}{sep}sid={}", self.token)
        }
    }

    /// `text` as the phone's browser puts it in a query string.
    fn percent_encoded(&self, text: &str) -> String {
        let bytes = if self.shift_jis {
            encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
        } else {
            text.as_bytes().to_vec()
        };
        bytes.iter().map(|b| format!("%{b:02X}")).collect()
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        let mut headers = vec![("User-Agent", self.user_agent)];
        if let Some(cookie) = &self.cookie {
            headers.push(("Cookie", cookie.as_str()));
        }
        headers
    }
}

/// Adds `count` posts by はなママ (so the list pages itself); returns her member id.
fn more_posts(settings: Settings, count: usize) -> i64 {
    let state = build_state(settings).unwrap_or_else(|e| panic!("{e}"));
    let mut conn = state.pool.get().unwrap_or_else(|e| panic!("{e}"));
    let member = MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp")
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the demo member"))
        .member_id;
    for i in 0..count {
        let title =
            PostTitle::parse(&format!("公園の遊具が新しくなりました☀ その{i}")).unwrap_or_else(|e| panic!("{e}"));
        let new = NewThread {
            place: Place::Portal,
            member_id: member,
            title: &title,
            body: "すべり台とブランコが新しくなっていました。ベビーカーでも入りやすいです。",
            category: Some(Category::Play),
            area_id: None,
            channel: Channel::Mail,
            inbound_mail_id: None,
            profile: "docomo",
        };
        Thread::insert(&mut conn, &new).unwrap_or_else(|e| panic!("{e}"));
    }
    member
}

struct Server(Child);

impl Server {
    fn start(vars: &[(&str, String)], port: u16) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_hiroba"))
            .arg("demo")
            .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap_or_else(|e| panic!("{e:?}"));
        let started = Instant::now();
        while !matches!(Client::new(base.clone()).get("/health", &[]), Ok(r) if r.status == 200) {
            assert!(started.elapsed() < Duration::from_secs(30), "no /health after 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Server(child)
    }

    /// `load` with the server's CPU time per request.
    fn load(&self, base: &BaseUrl, path: &str, headers: &[(&str, &str)], seconds: u64) -> Throughput {
        let before = self.cpu_seconds();
        let (per_second, done) = load(base, path, headers, seconds);
        Throughput {
            per_second,
            cpu_micros: (self.cpu_seconds() - before) * 1e6 / done.max(1) as f64,
        }
    }

    /// User + system time of the server process so far (`/proc/PID/stat` fields 14 and 15, in the
    /// kernel's fixed 100 ticks a second).
    fn cpu_seconds(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.0.id())).unwrap_or_else(|e| panic!("{e}"));
        // The command name (field 2) may hold spaces; the fields after it are plain numbers.
        let rest = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default();
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0);
        ticks as f64 / 100.0
    }

    fn stop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}
