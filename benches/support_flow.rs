//! 送迎・あずかり支援, a request to its first wave of offers: `cargo bench --bench support_flow
//! [-- REQUESTS]` (issue 14: p99 ≤ 1 s from the request's POST to the wave's mails accepted by a
//! local SMTP server; 50 requests at once, all first waves out within 5 s).
//!
//! The release binary runs `hiroba serve` (2 mail workers) on a fresh SQLite file (or the
//! database in HIROBA_BENCH_DATABASE_URL, emptied first), its workers sending to a recording SMTP
//! server in this process (mailin-embedded, 250 to everything). 200 vetted supporters cover the
//! area all week, so each request ranks 200 candidates and offers 5 (the default wave). Families
//! are signed in by sessions written to the database (a PC browser with a cookie) and post the
//! real form over HTTP.
//! 1. Latency: REQUESTS (default 100) requests one after another, each from its own family; per
//!    request, from just before the POST to the end of the fifth offer's SMTP DATA here.
//! 2. Burst: 50 more families post at the same instant (a barrier); from the release to the
//!    250th offer accepted.

#[path = "shared/serve.rs"]
mod serve;
#[path = "shared/service.rs"]
mod service;

use hiroba::auth::admin::{add_member_hashed, AddMember};
use hiroba::auth::password::{hash_password, Password};
use hiroba::auth::session::{self, LoginMethod, COOKIE_NAME};
use hiroba::db::models::area::Area;
use hiroba::db::models::support::child::FamilyChild;
use hiroba::db::models::support::member::SupportMember;
use hiroba::db::models::support::supporter::{Offering, Supporter, VettingRecord};
use hiroba::domain::role::{MemberStatus, Role};
use hiroba::domain::support::availability::Band;
use hiroba::domain::support::candidate::InsurancePeriod;
use hiroba::domain::support::ids::AreaId;
use hiroba::domain::support::skill::Skill;
use hiroba::domain::support::status::Membership;
use hiroba::startup::build_state;
use hiroba::watch::simulate::client::{BaseUrl, Client};
use serve::{free_port, Running};
use service::{recording_smtp_server, serve, Arrivals, Env};

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const SUPPORTERS: usize = 200;
const BURST: usize = 50;
const OFFERS_PER_WAVE: usize = 5;
const PC: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    let requests: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100);
    let scratch = std::env::temp_dir().join(format!("hiroba-bench-support-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{}: {e}", scratch.display()));
    let port = free_port();
    let env = Env {
        database: std::env::var("HIROBA_BENCH_DATABASE_URL")
            .unwrap_or_else(|_| scratch.join("bench.db").display().to_string()),
        config: scratch.join("bench.toml"),
        base_url: format!("http://127.0.0.1:{port}"),
    };
    // Pacing would hold offers back after a few hundred a minute; raised so the service's own
    // speed is measured.
    std::fs::write(
        &env.config,
        "[mail.pacing.pc]\nper_session = 100\nper_minute = 1000000\n[mail.pacing.default]\nper_session = 100\nper_minute = 1000000\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    env.reset_database();
    let families = seed(&env, requests + BURST);
    let (smtp_url, arrivals) = recording_smtp_server();
    let mut server = serve(&env, &smtp_url, port, &scratch);
    println!(
        "database: {}\nsupporters: {SUPPORTERS}, offers per wave: {OFFERS_PER_WAVE}\n",
        env.database
    );

    // 1. One request after another.
    let mut latencies = Vec::with_capacity(requests);
    let mut posts = Vec::with_capacity(requests);
    for (i, family) in families[..requests].iter().enumerate() {
        let started = Instant::now();
        let answer = family.ask(&env, i);
        posts.push(started.elapsed());
        assert_eq!(answer, 302, "request {i} refused");
        let last = wait_for(&arrivals, (i + 1) * OFFERS_PER_WAVE, &mut server);
        latencies.push(last.duration_since(started));
    }
    println!("1. one at a time: {requests} requests, POST → 5 offers accepted by SMTP");
    print_stats("POST answered (302)", &mut posts);
    print_stats("POST → 5th offer accepted", &mut latencies);

    // 2. Fifty at once.
    let before = arrivals.lock().unwrap_or_else(|e| e.into_inner()).len();
    let barrier = Arc::new(Barrier::new(BURST + 1));
    let burst: Vec<Family> = families[requests..].to_vec();
    let handles: Vec<_> = burst
        .into_iter()
        .enumerate()
        .map(|(i, family)| {
            let barrier = Arc::clone(&barrier);
            let env = env.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let started = Instant::now();
                let status = family.ask(&env, requests + i);
                (status, started.elapsed())
            })
        })
        .collect();
    barrier.wait();
    let released = Instant::now();
    let mut answered: Vec<Duration> = Vec::new();
    for handle in handles {
        let (status, took) = handle.join().unwrap_or_else(|_| panic!("a poster panicked"));
        assert_eq!(status, 302, "a burst request was refused");
        answered.push(took);
    }
    let all_posted = released.elapsed();
    let last = wait_for(&arrivals, before + BURST * OFFERS_PER_WAVE, &mut server);
    println!("\n2. {BURST} requests at once");
    print_stats("POST answered (302)", &mut answered);
    println!("   all {BURST} POSTs answered after {} ms", all_posted.as_millis());
    println!(
        "   all {} first-wave offers accepted by SMTP after {} ms",
        BURST * OFFERS_PER_WAVE,
        last.duration_since(released).as_millis()
    );
    server.stop();
    let _ = std::fs::remove_dir_all(&scratch);
}

fn print_stats(label: &str, values: &mut [Duration]) {
    values.sort_unstable();
    let at = |q: f64| values[((values.len() as f64 * q).ceil() as usize).clamp(1, values.len()) - 1];
    println!(
        "   {label}: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(at(1.0))
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Waits until `count` mails have been accepted; returns when the last of them was.
fn wait_for(arrivals: &Arrivals, count: usize, server: &mut Running) -> Instant {
    let waiting = Instant::now();
    loop {
        {
            let seen = arrivals.lock().unwrap_or_else(|e| e.into_inner());
            if seen.len() >= count {
                let mut times: Vec<Instant> = seen.iter().copied().collect();
                times.sort_unstable();
                return times[count - 1];
            }
        }
        server.check_alive();
        assert!(
            waiting.elapsed() < PATIENCE,
            "fewer than {count} mails after {PATIENCE:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A family with one child and a signed-in PC session.
#[derive(Clone)]
struct Family {
    child: i64,
    cookie: String,
    csrf: String,
}

impl Family {
    /// Posts the request form (あずかり at home, two days ahead, 10:00–12:00); returns the status.
    fn ask(&self, env: &Env, n: usize) -> u16 {
        let day = hiroba::domain::time::today() + chrono::Duration::days(2 + (n % 20) as i64);
        let body = format!(
            "csrf={}&kind=care&care_place=family_home&day={day}&start_hour=10&start_minute=00&end_hour=12&end_minute=00&child={}&note=",
            self.csrf, self.child
        );
        let mut client = Client::new(BaseUrl::parse(&env.base_url).unwrap_or_else(|e| panic!("{e:?}")));
        let headers = [
            ("User-Agent", PC),
            ("Cookie", self.cookie.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        client
            .post("/support/requests/new", &headers, body.as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"))
            .status
    }
}

/// Supporters and `families` families (each with a child and a session).
fn seed(env: &Env, families: usize) -> Vec<Family> {
    let state = build_state(env.settings()).unwrap_or_else(|e| panic!("{e}"));
    let ctx = &state.ctx;
    let mut conn = state.pool.get().unwrap_or_else(|e| panic!("{e}"));
    let area = Area::all(&mut conn).unwrap_or_else(|e| panic!("{e}"))[0].id;
    let area_name = Area::all(&mut conn).unwrap_or_else(|e| panic!("{e}"))[0].name.clone();
    let hash = hash_password(&Password::parse("bench-pass-1").unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"));
    let all_day = Band::parse("00:00", "24:00").unwrap_or_else(|e| panic!("{e}"));
    let week: Vec<_> = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ]
    .into_iter()
    .map(|d| (d, all_day))
    .collect();
    let add = |conn: &mut hiroba::db::DbConnection, email: &str, role: Role| {
        add_member_hashed(
            conn,
            &ctx.profiles,
            &AddMember {
                email,
                password: "",
                roles: &[role],
                nickname: "ベンチ",
                real_name: "ベンチ 会員",
                area: Some(&area_name),
                status: MemberStatus::Approved,
            },
            &hash,
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .0
    };
    for i in 0..SUPPORTERS {
        let id = add(&mut conn, &format!("supporter-{i:04}@example.jp"), Role::Supporter);
        SupportMember::save(&mut conn, id, Membership::Helps, "080-0000-0000", "柏市")
            .unwrap_or_else(|e| panic!("{e}"));
        let offering = Offering {
            home_area: AreaId(area),
            areas: &[AreaId(area)],
            skills: Skill::ALL.into_iter().collect(),
            monthly_limit: 62,
            active: true,
        };
        Supporter::save_offering(&mut conn, id, &offering).unwrap_or_else(|e| panic!("{e}"));
        let vetting = VettingRecord {
            course_completed_on: Some(day("2026-01-10")),
            interviewed_on: Some(day("2026-01-20")),
            insurance: InsurancePeriod::new(day("2026-01-01"), day("2035-12-31")).ok(),
            note: "",
        };
        Supporter::save_vetting(&mut conn, id, &vetting).unwrap_or_else(|e| panic!("{e}"));
        Supporter::save_weekly(&mut conn, id, &week).unwrap_or_else(|e| panic!("{e}"));
    }
    (0..families)
        .map(|i| {
            let id = add(&mut conn, &format!("family-{i:04}@example.jp"), Role::Guardian);
            SupportMember::save(&mut conn, id, Membership::Asks, "090-0000-0000", "柏市")
                .unwrap_or_else(|e| panic!("{e}"));
            let child =
                FamilyChild::add(&mut conn, id, "ベンチ", day("2021-04-02"), "").unwrap_or_else(|e| panic!("{e}"));
            let session = session::start(
                &mut conn,
                "pc",
                Some((id, LoginMethod::Password)),
                chrono::Duration::hours(2),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            Family {
                child,
                cookie: format!("{COOKIE_NAME}={}", session.token),
                csrf: session.csrf,
            }
        })
        .collect()
}
