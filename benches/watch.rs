//! Child watch, a dismissal burst end to end: `cargo bench --bench watch [-- VARIANT …]`.
//!
//! 720 children with two guardians each leave through four gates at once. The release binary runs
//! `hiroba serve` on a fresh SQLite file, its mail workers sending to a recording SMTP server in
//! this process (mailin-embedded, 250 to everything); `hiroba readers simulate --scenario dismissal
//! --minutes 0` plays the burst through the real reader API. Per mail, the latency runs from the
//! outbox row's creation (written in the transaction that records the pass and answers the reader:
//! "event accepted") to the end of its SMTP DATA here ("mail accepted"), joined by the outbox id
//! in the Message-ID (whose own timestamp has whole seconds only).
//!
//! A VARIANT is `ADDRESSES:WORKERS[:BATCH][:MINUTESm][:paced]`: `pc` addresses
//! (`guardian-0001a@example.jp`) or a `keitai` mix (docomo, au, SoftBank); mail workers in
//! `serve`; events per request (default 20); the burst spread over that many minutes (default 0,
//! all at once); `paced` keeps the carriers' default pacing instead of the bench's generous one.
//! Default: `pc:2 pc:4 keitai:2 keitai:4`.

#[path = "shared/serve.rs"]
mod serve;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{Connection, QueryDsl, RunQueryDsl};
use hiroba::config::Settings;
use hiroba::db::models::watch::child::{Child, NewChild};
use hiroba::db::models::watch::reader::{Reader, ReaderKind};
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::models::watch::school::School;
use hiroba::db::models::watch::tag::TagAssignment;
use hiroba::db::{self, schema::outbox};
use hiroba::startup::build_state;
use hiroba::watch::signature::new_secret;
use mailin_embedded::{Handler, Response, Server, SslConfig};
use serve::{free_port, Running};
use std::collections::HashMap;

use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

const CHILDREN: usize = 720;
const GUARDIANS: usize = 2;
const MAILS: usize = CHILDREN * GUARDIANS;
const GATES: [&str; 4] = ["正門", "東門", "西門", "北門"];
const DOMAIN: &str = "hiroba.example.jp";
/// Giving up on a run that has not handed off every mail by then.
const PATIENCE: Duration = Duration::from_secs(300);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let variants: Vec<Variant> = if args.is_empty() {
        ["pc:2", "pc:4", "keitai:2", "keitai:4"]
            .iter()
            .map(|v| Variant::parse(v))
            .collect()
    } else {
        args.iter().map(|v| Variant::parse(v)).collect()
    };
    let (smtp_url, arrivals) = recording_smtp_server();
    println!("recording SMTP server: {smtp_url}\n");
    let rows: Vec<String> = variants.iter().map(|v| run(v, &smtp_url, &arrivals)).collect();
    println!(
        "| variant | mails | p50 ms | p90 ms | p99 ms | max ms | first request → last mail s | \
         queue wait p50 / p99 ms | claim → SMTP p50 / p99 ms | read → SMTP p50 / p99 ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
}

/// One configuration to measure.
struct Variant {
    keitai: bool,
    workers: usize,
    batch: usize,
    minutes: u32,
    paced: bool,
}

impl Variant {
    fn parse(text: &str) -> Variant {
        let mut parts = text.split(':');
        let keitai = match parts.next() {
            Some("pc") => false,
            Some("keitai") => true,
            _ => panic!("{text}: expected pc:WORKERS or keitai:WORKERS"),
        };
        let workers = parts
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("{text}: expected a number of workers"));
        let mut variant = Variant {
            keitai,
            workers,
            batch: 20,
            minutes: 0,
            paced: false,
        };
        for part in parts {
            match (part, part.strip_suffix('m')) {
                ("paced", _) => variant.paced = true,
                (_, Some(minutes)) => variant.minutes = minutes.parse().unwrap_or_else(|_| panic!("{text}: {part}?")),
                (n, None) => variant.batch = n.parse().unwrap_or_else(|_| panic!("{text}: {n}?")),
            }
        }
        variant
    }

    fn name(&self) -> String {
        format!(
            "{}, {} workers, batch {}{}{}",
            if self.keitai { "keitai mix" } else { "pc" },
            self.workers,
            self.batch,
            match self.minutes {
                0 => String::new(),
                n => format!(", over {n} min"),
            },
            if self.paced { ", carrier pacing" } else { "" }
        )
    }

    /// The two addresses of child `i`.
    fn addresses(&self, i: usize) -> [String; GUARDIANS] {
        const CARRIERS: [&str; 3] = ["docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp"];
        if self.keitai {
            [
                format!("mama-{i:04}@{}", CARRIERS[i % 3]),
                format!("papa.{i:04}@{}", CARRIERS[(i + 1) % 3]),
            ]
        } else {
            [
                format!("guardian-{i:04}a@example.jp"),
                format!("guardian-{i:04}b@example.jp"),
            ]
        }
    }
}

/// One accepted message: when its DATA ended, and its outbox id from the Message-ID.
struct Arrival {
    at: SystemTime,
    outbox_id: Option<i64>,
}

type Arrivals = Arc<Mutex<Vec<Arrival>>>;

#[derive(Clone, Default)]
struct Recorder {
    arrivals: Arrivals,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, _from: &str) -> Response {
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let at = SystemTime::now();
        let outbox_id = outbox_id(&self.data);
        self.arrivals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Arrival { at, outbox_id });
        mailin_embedded::response::OK
    }
}

/// `Message-ID: <42.1764000000@hiroba.example.jp>` → 42.
fn outbox_id(message: &[u8]) -> Option<i64> {
    let text = String::from_utf8_lossy(message);
    let line = text
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))?;
    let inside = line.split_once('<')?.1;
    inside.split_once('.')?.0.parse().ok()
}

fn recording_smtp_server() -> (String, Arrivals) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().unwrap_or_else(|e| panic!("{e}")).port();
    let recorder = Recorder::default();
    let arrivals = Arc::clone(&recorder.arrivals);
    let mut server = Server::new(recorder);
    server
        .with_name("mx.bench")
        .with_num_threads(8)
        .with_tcp_listener(listener);
    server.with_ssl(SslConfig::None).unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || drop(server.serve()));
    (format!("smtp://127.0.0.1:{port}"), arrivals)
}

/// Seeds, serves, plays the burst and waits for every mail; prints details, returns a table row.
fn run(variant: &Variant, smtp_url: &str, arrivals: &Arrivals) -> String {
    println!("== {}", variant.name());
    let scratch = std::env::temp_dir().join(format!("hiroba-bench-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{}: {e}", scratch.display()));
    let port = free_port();
    let env = Env {
        database: scratch.join("bench.db").display().to_string(),
        config: scratch.join("bench.toml"),
        base_url: format!("http://127.0.0.1:{port}"),
    };
    // Carrier pacing would hold mail back after a few hundred a minute per carrier and worker;
    // raised so that the service's own speed is measured. Session sizes stay as they are.
    let pacing = if variant.paced {
        String::new()
    } else {
        [
            ("default", 100),
            ("pc", 100),
            ("smartphone", 100),
            ("docomo", 100),
            ("au", 50),
            ("softbank", 50),
        ]
        .iter()
        .map(|(carrier, session)| format!("[mail.pacing.{carrier}]\nper_session = {session}\nper_minute = 1000000\n"))
        .collect()
    };
    std::fs::write(&env.config, pacing).unwrap_or_else(|e| panic!("{e}"));
    seed(&env, variant);

    let log = scratch.join("serve.log");
    let mut server = serve(&env, smtp_url, variant.workers, port, &log);
    arrivals.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let spawned = Utc::now();
    let simulate = env
        .hiroba(&["readers", "simulate", "--url", &env.base_url, "--scenario", "dismissal"])
        .args([
            "--minutes",
            &variant.minutes.to_string(),
            "--batch",
            &variant.batch.to_string(),
        ])
        // A reader retries refused batches (503 when the database is busy): so does the simulator.
        .args(["--retries", "10"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report = String::from_utf8_lossy(&simulate.stdout);
    print!("{report}");
    assert!(
        simulate.status.success(),
        "{}",
        String::from_utf8_lossy(&simulate.stderr)
    );
    let first_request = report
        .lines()
        .find(|l| l.contains("(first request)"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map_or(spawned, |t| t.with_timezone(&Utc));

    let waiting = Instant::now();
    while arrivals.lock().unwrap_or_else(|e| e.into_inner()).len() < MAILS {
        assert!(
            waiting.elapsed() < PATIENCE,
            "not every mail arrived within {PATIENCE:?}"
        );
        server.check_alive();
        std::thread::sleep(Duration::from_millis(20));
    }
    // A moment for anything extra (a mail sent twice would show here).
    std::thread::sleep(Duration::from_millis(300));
    server.stop();
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    println!(
        "server log: {} warnings, {} of them \"database is locked\"",
        log.lines().filter(|l| l.contains(" WARN ")).count(),
        log.lines().filter(|l| l.contains("database is locked")).count()
    );
    let arrived = std::mem::take(&mut *arrivals.lock().unwrap_or_else(|e| e.into_inner()));
    let row = measure(variant, &env, first_request, &arrived);
    let _ = std::fs::remove_dir_all(&scratch);
    row
}

/// Latency per mail from the outbox timestamps and the arrivals.
fn measure(variant: &Variant, env: &Env, first_request: DateTime<Utc>, arrived: &[Arrival]) -> String {
    let mut conn = db::connect_one(&env.settings().database).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(i64, NaiveDateTime, Option<NaiveDateTime>, String)> = outbox::table
        .select((outbox::id, outbox::created_at, outbox::claimed_at, outbox::status))
        .load(&mut conn)
        .unwrap_or_else(|e| panic!("{e}"));
    let queued: HashMap<i64, (NaiveDateTime, Option<NaiveDateTime>)> = rows
        .iter()
        .map(|(id, created, claimed, _)| (*id, (*created, *claimed)))
        .collect();
    let sent = rows.iter().filter(|r| r.3 == "sent").count();
    let ms =
        |from: NaiveDateTime, to: DateTime<Utc>| (to - from.and_utc()).num_microseconds().unwrap_or(0) as f64 / 1e3;
    let (mut latency, mut waited, mut sending, mut from_read) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut ids: Vec<i64> = Vec::new();
    for arrival in arrived {
        let Some((id, (created, claimed))) = arrival.outbox_id.and_then(|id| queued.get(&id).map(|q| (id, *q))) else {
            continue;
        };
        let at = DateTime::<Utc>::from(arrival.at);
        ids.push(id);
        latency.push(ms(created, at));
        // Every read of a burst is stamped with the run's start, just before the first request
        // (spread over minutes, this no longer holds: see the latency from acceptance).
        from_read.push((at - first_request).num_microseconds().unwrap_or(0) as f64 / 1e3);
        if let Some(claimed) = claimed {
            waited.push((claimed - created).num_microseconds().unwrap_or(0) as f64 / 1e3);
            sending.push(ms(claimed, at));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let last = arrived
        .iter()
        .map(|a| a.at)
        .max()
        .map(DateTime::<Utc>::from)
        .unwrap_or(first_request);
    let last_queued = rows
        .iter()
        .map(|r| r.1)
        .max()
        .map_or(0, |t| (t.and_utc() - first_request).num_milliseconds());
    let handed_off = (last - first_request).num_milliseconds() as f64 / 1e3;
    println!(
        "outbox rows {}, sent {sent}; arrivals {} ({} distinct rows); last row queued {last_queued} ms after the first request",
        rows.len(),
        arrived.len(),
        ids.len(),
    );
    let (p50, p90, p99, max) = (q(&latency, 0.5), q(&latency, 0.9), q(&latency, 0.99), q(&latency, 1.0));
    println!(
        "latency, event accepted → SMTP DATA done: p50 {p50:.0} ms, p90 {p90:.0} ms, p99 {p99:.0} ms, max {max:.0} ms; \
         all {} handed off {handed_off:.2} s after the first request\n",
        latency.len(),
    );
    let from_read = match variant.minutes {
        0 => format!("{:.0} / {:.0}", q(&from_read, 0.5), q(&from_read, 0.99)),
        _ => "–".into(),
    };
    format!(
        "| {} | {} | {p50:.0} | {p90:.0} | {p99:.0} | {max:.0} | {handed_off:.2} | {:.0} / {:.0} | {:.0} / {:.0} | {from_read} |",
        variant.name(),
        latency.len(),
        q(&waited, 0.5),
        q(&waited, 0.99),
        q(&sending, 0.5),
        q(&sending, 0.99),
    )
}

/// The `q`-quantile (nearest rank) of unsorted values.
fn q(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n => sorted[((n - 1) as f64 * q).round() as usize],
    }
}

/// One school, four gates, 720 children with a tag and two guardians each.
fn seed(env: &Env, variant: &Variant) {
    let state = build_state(env.settings()).unwrap_or_else(|e| panic!("{e}"));
    let mut conn = state.pool.get().unwrap_or_else(|e| panic!("{e}"));
    let since = db::now() - chrono::Duration::days(1);
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        let school = School::ensure(conn, "柏ベンチ小学校")?;
        for gate in GATES {
            Reader::create(conn, school.id, gate, ReaderKind::Gate, &new_secret())?;
        }
        for i in 0..CHILDREN {
            let (code, name, short) = (format!("{:04}", i + 1), format!("ベンチ 児童{i}"), format!("児童{i}"));
            let class = format!("{}組", i % 4 + 1);
            let child = NewChild {
                school_id: school.id,
                code: &code,
                name: &name,
                short_name: &short,
                grade: (i % 6 + 1) as i32,
                class_name: &class,
            };
            let id = Child::upsert(conn, &child)?;
            TagAssignment::assign(conn, &format!("BE{i:06X}"), id, "ベンチ", since)?;
            for (address, label) in variant.addresses(i).iter().zip(["母", "父"]) {
                Recipient::upsert(conn, id, address, label, None).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The environment of every `hiroba` process of a run.
struct Env {
    database: String,
    config: PathBuf,
    base_url: String,
}

impl Env {
    fn vars(&self) -> Vec<(&'static str, String)> {
        let profiles = concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles");
        vec![
            ("HIROBA_CONFIG", self.config.display().to_string()),
            ("HIROBA_DATABASE_URL", self.database.clone()),
            ("HIROBA_MAIL_DOMAIN", DOMAIN.into()),
            ("HIROBA_BASE_URL", self.base_url.clone()),
            ("HIROBA_PROFILES_DIR", profiles.into()),
            ("HIROBA_GATEWAY_LIST", format!("{profiles}/gateways.toml")),
            ("RUST_LOG", "warn".into()),
        ]
    }

    fn settings(&self) -> Settings {
        let vars = self.vars();
        Settings::load(None, |name| {
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn hiroba(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
        command.args(args).envs(self.vars());
        command
    }
}

/// `hiroba serve` with this bench's settings.
fn serve(env: &Env, smtp_url: &str, workers: usize, port: u16, log: &Path) -> Running {
    let log = std::fs::File::create(log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
    let mut command = env.hiroba(&["serve"]);
    command
        .env("HIROBA_BIND", format!("127.0.0.1:{port}"))
        .env("HIROBA_SMTP_URL", smtp_url)
        .env("HIROBA_MAIL_WORKERS", workers.to_string())
        .stdout(Stdio::null())
        .stderr(log);
    Running::start(command, port)
}
