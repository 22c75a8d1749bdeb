//! デジタル連絡帳, a school-wide message: `cargo bench --bench notebook_send [-- paced]` (issue 15:
//! 720 families × 2 guardians = 1,440 addresses, from the send POST to the last notice accepted by
//! a local SMTP server ≤ 5 s; a read-receipt link click p99 ≤ 20 ms).
//!
//! The release binary runs `hiroba serve` (2 mail workers) on a fresh SQLite file (or the database
//! in HIROBA_BENCH_DATABASE_URL, emptied first), its workers sending to a recording SMTP server in
//! this process (mailin-embedded, 250 to everything). One school of 720 children (6 grades × 4
//! classes × 30), each in her own family with two guardians. A teacher signed in by a session
//! written to the database posts the real compose form (お便り to the whole school) over HTTP.
//! 1. From just before the POST to the 1,440th notice's SMTP DATA here. Without `paced` every
//!    address is a PC address and carrier pacing is raised, so the service's own speed is measured;
//!    with `paced` the addresses are a keitai mix (40% docomo, 20% au, 10% SoftBank, 30% PC) under
//!    the default pacing, and the bench reports how many were out after 5 s, 60 s and at the end.
//! 2. 1,000 read-receipt link clicks (`GET /notebook/r/<token>`, a docomo FOMA User-Agent, each a
//!    different recipient, one after another): each answered page with its read recorded.

#[path = "shared/serve.rs"]
mod serve;
#[path = "shared/service.rs"]
mod service;

use diesel::prelude::*;
use hiroba::auth::admin::{add_member_hashed, AddMember};
use hiroba::auth::password::{hash_password, Password};
use hiroba::auth::session::{self, LoginMethod, COOKIE_NAME};
use hiroba::db::models::notebook::family::Family;
use hiroba::db::models::watch::child::{Child, NewChild};
use hiroba::db::models::watch::school::School;
use hiroba::db::schema::notebook_recipients;
use hiroba::domain::role::{MemberStatus, Role};
use hiroba::startup::build_state;
use hiroba::watch::simulate::client::{BaseUrl, Client};
use serve::{free_port, Running};
use service::{recording_smtp_server, serve, Arrivals, Env};

use std::time::{Duration, Instant};

const FAMILIES: usize = 720;
const GUARDIANS: usize = FAMILIES * 2;
const CLICKS: usize = 1000;
const PC: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const FOMA: &str = "DoCoMo/2.0 SH906i(c100;TB;W24H16)";

fn main() {
    let paced = std::env::args().any(|a| a == "paced");
    let scratch = std::env::temp_dir().join(format!("hiroba-bench-notebook-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{}: {e}", scratch.display()));
    let port = free_port();
    let env = Env {
        database: std::env::var("HIROBA_BENCH_DATABASE_URL")
            .unwrap_or_else(|_| scratch.join("bench.db").display().to_string()),
        config: scratch.join("bench.toml"),
        base_url: format!("http://127.0.0.1:{port}"),
    };
    let pacing = if paced {
        ""
    } else {
        // Pacing would hold notices back after 1,200 a minute; raised so the service's own speed
        // is measured.
        "[mail.pacing.pc]\nper_session = 100\nper_minute = 1000000\n[mail.pacing.default]\nper_session = 100\nper_minute = 1000000\n"
    };
    std::fs::write(&env.config, pacing).unwrap_or_else(|e| panic!("{e}"));
    env.reset_database();
    let teacher = seed(&env, paced);
    let (smtp_url, arrivals) = recording_smtp_server();
    let mut server = serve(&env, &smtp_url, port, &scratch);
    println!(
        "database: {}\nfamilies: {FAMILIES}, guardians: {GUARDIANS}, paced: {paced}\n",
        env.database
    );

    // 1. The send button to the last notice.
    let started = Instant::now();
    let status = teacher.send(&env);
    let answered = started.elapsed();
    assert_eq!(status, 302, "the message was refused");
    let patience = if paced {
        Duration::from_secs(600)
    } else {
        Duration::from_secs(60)
    };
    if paced {
        for mark in [5u64, 60] {
            std::thread::sleep(Duration::from_secs(mark).saturating_sub(started.elapsed()));
            let seen = arrivals.lock().unwrap_or_else(|e| e.into_inner()).len();
            println!("   after {mark} s: {seen} of {GUARDIANS} notices accepted");
        }
    }
    let last = wait_for(&arrivals, GUARDIANS, &mut server, patience);
    println!("1. school-wide message");
    println!("   POST answered (302) after {:.1} ms", ms(answered));
    println!(
        "   POST → {GUARDIANS}th notice accepted by SMTP: {:.0} ms",
        ms(last.duration_since(started))
    );

    // 2. Read-receipt link clicks.
    let state = build_state(env.settings()).unwrap_or_else(|e| panic!("{e}"));
    let mut conn = state.pool.get().unwrap_or_else(|e| panic!("{e}"));
    let tokens: Vec<String> = notebook_recipients::table
        .select(notebook_recipients::token)
        .order(notebook_recipients::id)
        .limit(CLICKS as i64)
        .load(&mut conn)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut client = Client::new(BaseUrl::parse(&env.base_url).unwrap_or_else(|e| panic!("{e:?}")));
    let mut clicks = Vec::with_capacity(tokens.len());
    for token in &tokens {
        let started = Instant::now();
        let page = client
            .get(&format!("/notebook/r/{token}"), &[("User-Agent", FOMA)])
            .unwrap_or_else(|e| panic!("{e:?}"));
        clicks.push(started.elapsed());
        assert_eq!(page.status, 200, "link of {token}");
    }
    let read: i64 = notebook_recipients::table
        .filter(notebook_recipients::read_at.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read as usize, tokens.len(), "every click recorded its read");
    println!(
        "\n2. {} read-receipt link clicks (docomo FOMA, Shift_JIS page)",
        tokens.len()
    );
    print_stats("GET /notebook/r/<token> answered", &mut clicks);
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
fn wait_for(arrivals: &Arrivals, count: usize, server: &mut Running, patience: Duration) -> Instant {
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
            waiting.elapsed() < patience,
            "fewer than {count} mails after {patience:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The teacher's signed-in PC session.
struct Teacher {
    school_id: i64,
    cookie: String,
    csrf: String,
}

impl Teacher {
    /// Posts the compose form: an お便り to the whole school, now; returns the status.
    fn send(&self, env: &Env) -> u16 {
        let body = format!(
            "csrf={}&kind=letter&title=%E5%AD%A6%E6%A0%A1%E3%81%A0%E3%82%88%E3%82%8A&body=%E4%BB%8A%E6%9C%88%E3%81%AE%E4%BA%88%E5%AE%9A%E3%81%A7%E3%81%99%E3%80%82&audience=school&answers=none",
            self.csrf
        );
        let mut client = Client::new(BaseUrl::parse(&env.base_url).unwrap_or_else(|e| panic!("{e:?}")));
        let headers = [
            ("User-Agent", PC),
            ("Cookie", self.cookie.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        client
            .post(
                &format!("/notebook/schools/{}/messages/new", self.school_id),
                &headers,
                body.as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{e:?}"))
            .status
    }
}

/// The school, its 720 children in 720 families of two guardians, and the teacher.
fn seed(env: &Env, paced: bool) -> Teacher {
    let state = build_state(env.settings()).unwrap_or_else(|e| panic!("{e}"));
    let ctx = &state.ctx;
    let mut conn = state.pool.get().unwrap_or_else(|e| panic!("{e}"));
    let hash = hash_password(&Password::parse("bench-pass-1").unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let school = School::ensure(&mut conn, "柏第一小学校").unwrap_or_else(|e| panic!("{e}"));
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
                area: None,
                status: MemberStatus::Approved,
            },
            &hash,
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .0
    };
    let domain = |n: usize| match (paced, n % 10) {
        (false, _) => "example.jp",
        (true, 0..=3) => "docomo.ne.jp",
        (true, 4..=5) => "ezweb.ne.jp",
        (true, 6) => "softbank.ne.jp",
        (true, _) => "example.jp",
    };
    for i in 0..FAMILIES {
        let code = format!("B{i:04}");
        let name = format!("ベンチ{i}");
        let child = Child::upsert(
            &mut conn,
            &NewChild {
                school_id: school.id,
                code: &code,
                name: &name,
                short_name: &name,
                grade: (i / 120) as i32 + 1,
                class_name: &format!("{}組", (i / 30) % 4 + 1),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let family = Family::create(&mut conn).unwrap_or_else(|e| panic!("{e}"));
        Family::add_child(&mut conn, family.id, child).unwrap_or_else(|e| panic!("{e}"));
        for g in 0..2 {
            let n = i * 2 + g;
            let id = add(&mut conn, &format!("guardian-{n:04}@{}", domain(n)), Role::Guardian);
            Family::add_guardian(&mut conn, family.id, id).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let teacher = add(&mut conn, "teacher@example.jp", Role::Teacher);
    School::add_staff(&mut conn, school.id, teacher).unwrap_or_else(|e| panic!("{e}"));
    let session = session::start(
        &mut conn,
        "pc",
        Some((teacher, LoginMethod::Password)),
        chrono::Duration::hours(2),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    Teacher {
        school_id: school.id,
        cookie: format!("{COOKIE_NAME}={}", session.token),
        csrf: session.csrf,
    }
}
