//! Mail in and its processing: `cargo bench --bench mail [-- COUNT]` (default 200 of each mail).
//!
//! End to end through the release binary, as an installation runs it: COUNT copies of a text mail
//! (docomo, Shift_JIS with emoji) and of a photo mail (au, ISO-2022-JP with a 28 KB JPEG), each
//! with its own Message-ID, are piped one by one into `hiroba mail-in` (a new process per mail, as
//! Postfix's pipe(8) does), then `hiroba worker --until-idle` turns them into posts and writes the
//! confirmation replies to a mail directory. In process, for the text mail: mail-parser's full
//! parse alone, our decoding, and storing one mail durably — what mail-in costs beyond parsing.
//!
//! Uses a fresh SQLite file, or the database in HIROBA_BENCH_DATABASE_URL (emptied first: point it
//! at a scratch database only; PostgreSQL needs `--features postgres`).

use hiroba::config::Settings;
use hiroba::db::{self, DbConnection};
use hiroba::mail::inbound::decode::decode;
use hiroba::mail::inbound::intake::receive;
use hiroba::startup::build_state;
use mail_parser::MessageParser;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOMAIN: &str = "hiroba.example.jp";
const TEXT: &str = "docomo-sjis-emoji.eml";
const PHOTO: &str = "au-photo-gps.eml";

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(200);
    let scratch = std::env::temp_dir().join(format!("hiroba-bench-mail-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{}: {e}", scratch.display()));
    let database =
        std::env::var("HIROBA_BENCH_DATABASE_URL").unwrap_or_else(|_| scratch.join("bench.db").display().to_string());
    // Carrier pacing would hold back reply mails beyond a few hundred a minute; raise it so the
    // worker's own speed is what is measured.
    let config = scratch.join("bench.toml");
    let pacing = "per_session = 100\nper_minute = 1000000\n";
    std::fs::write(
        &config,
        format!("[mail.pacing.docomo]\n{pacing}[mail.pacing.au]\n{pacing}"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let bench = Bench {
        database,
        scratch,
        config,
    };
    bench.reset_database();

    let text = fixture(TEXT);
    let photo = fixture(PHOTO);
    println!("database: {}", bench.database);
    println!(
        "{count} mails of each kind; text {} bytes, photo {} bytes\n",
        text.len(),
        photo.len()
    );

    bench.in_process(&text);
    println!();
    let text_address = bench.member("hanako.k@docomo.ne.jp");
    let photo_address = bench.member("yuki-mama@ezweb.ne.jp");
    bench.end_to_end("text", &text, &text_address, count);
    bench.end_to_end("photo", &photo, &photo_address, count);
    let _ = std::fs::remove_dir_all(&bench.scratch);
}

struct Bench {
    database: String,
    scratch: PathBuf,
    config: PathBuf,
}

impl Bench {
    fn settings(&self) -> Settings {
        let vars = self.env();
        Settings::load(None, |name| {
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("HIROBA_CONFIG", self.config.display().to_string()),
            ("HIROBA_DATABASE_URL", self.database.clone()),
            ("HIROBA_MAIL_DOMAIN", DOMAIN.into()),
            ("HIROBA_MAIL_DIR", self.scratch.join("mail").display().to_string()),
            (
                "HIROBA_PROFILES_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles").into(),
            ),
            ("RUST_LOG", "warn".into()),
        ]
    }

    fn hiroba(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
        command.args(args).envs(self.env());
        command
    }

    /// An empty, migrated database (PostgreSQL: every table of a previous run dropped).
    fn reset_database(&self) {
        if self.database.starts_with("postgres") {
            let status = Command::new("psql")
                .args([
                    &self.database,
                    "-qc",
                    "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
                ])
                .status()
                .unwrap_or_else(|e| panic!("psql: {e}"));
            assert!(status.success(), "could not empty {}", self.database);
        }
        let status = self
            .hiroba(&["migrate"])
            .stdout(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "hiroba migrate failed");
    }

    /// Adds an approved member with a verified `address`; returns the member's posting address.
    fn member(&self, address: &str) -> String {
        let add = self
            .hiroba(&["member", "add", "--email", address, "--password", "bench-pass-1"])
            .args(["--role", "guardian", "--name", "ベンチ"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
        let show = self
            .hiroba(&["member", "show", "--email", address])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&show.stdout)
            .split_whitespace()
            .find(|w| w.starts_with("post-") && w.ends_with(DOMAIN))
            .unwrap_or_else(|| panic!("no posting address in `member show`"))
            .to_string()
    }

    /// Per text mail: mail-parser alone, our decoding, and a durable store (no process start).
    fn in_process(&self, text: &[u8]) {
        let state = build_state(self.settings()).unwrap_or_else(|e| panic!("{e}"));
        let parse = mean(20_000, |_| {
            black_box(MessageParser::default().parse(black_box(text)));
        });
        let decoding = mean(20_000, |_| {
            black_box(decode(black_box(text), &state.ctx.codec, &state.ctx.profiles).ok());
        });
        let mut conn: DbConnection = db::connect_one(&state.ctx.settings.database).unwrap_or_else(|e| panic!("{e}"));
        db::durable_commits(&mut conn).unwrap_or_else(|e| panic!("{e}"));
        let entry = format!("entry@{DOMAIN}");
        let store = mean(500, |i| {
            let mail = with_message_id(text, &format!("store-{i}"));
            receive(&mut conn, DOMAIN, None, 10_000_000, &[entry.as_str()], None, &mail)
                .unwrap_or_else(|e| panic!("{e}"));
        });
        println!("in process, per text mail:");
        println!("  mail-parser full parse      {:>9.1} µs", micros(parse));
        println!("  our decode (charset, emoji) {:>9.1} µs", micros(decoding));
        let process = mean(200, |i| {
            self.mail_in(&entry, &with_message_id(text, &format!("process-{i}")))
        });
        println!(
            "  receive (key, recipient, durable store + job) {:>9.1} µs",
            micros(store)
        );
        println!(
            "  hiroba mail-in, a process per mail {:>9.1} µs = {:.0} × the parse alone",
            micros(process),
            process.as_secs_f64() / parse.as_secs_f64()
        );
        // These went to entry@ and are not part of the batches below.
        use diesel::RunQueryDsl;
        for table in ["jobs", "inbound_mails"] {
            diesel::sql_query(format!("DELETE FROM {table}"))
                .execute(&mut conn)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    fn mail_in(&self, recipient: &str, mail: &[u8]) {
        let mut child = self
            .hiroba(&["mail-in", "--recipient", recipient])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        child
            .stdin
            .take()
            .map(|mut stdin| stdin.write_all(mail))
            .transpose()
            .unwrap_or_else(|e| panic!("{e}"));
        let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status.code(), Some(0), "mail-in refused the mail");
    }

    /// `count` copies through mail-in, then one worker until idle; prints mails per second.
    fn end_to_end(&self, kind: &str, mail: &[u8], recipient: &str, count: usize) {
        let mails: Vec<Vec<u8>> = (0..count)
            .map(|i| with_message_id(mail, &format!("{kind}-{i}")))
            .collect();
        let started = Instant::now();
        for mail in &mails {
            self.mail_in(recipient, mail);
        }
        let receiving = started.elapsed();
        let started = Instant::now();
        let worker = self
            .hiroba(&["worker", "--until-idle"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let processing = started.elapsed();
        assert!(worker.status.success(), "{}", String::from_utf8_lossy(&worker.stderr));
        let done = String::from_utf8_lossy(&worker.stdout);
        let posts = self.count_posts();
        println!("{kind} mail ×{count}:");
        println!("  mail-in (one process each)  {:>7.1} mails/s", rate(count, receiving));
        println!(
            "  processing + reply mail     {:>7.1} mails/s   ({})",
            rate(count, processing),
            done.trim()
        );
        println!(
            "  end to end                  {:>7.1} mails/s",
            rate(count, receiving + processing)
        );
        println!("  posts in the database now: {posts}");
    }

    fn count_posts(&self) -> i64 {
        use diesel::dsl::count_star;
        use diesel::{QueryDsl, RunQueryDsl};
        use hiroba::db::schema::threads;
        let mut conn = db::connect_one(&self.settings().database).unwrap_or_else(|e| panic!("{e}"));
        threads::table
            .select(count_star())
            .first(&mut conn)
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mail").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The message with its Message-ID made unique, so that no copy counts as a redelivery.
fn with_message_id(mail: &[u8], unique: &str) -> Vec<u8> {
    let header = b"Message-ID: <";
    let at = mail
        .windows(header.len())
        .position(|w| w == header)
        .unwrap_or_else(|| panic!("fixture without Message-ID"));
    let mut out = mail[..at + header.len()].to_vec();
    out.extend_from_slice(format!("bench-{unique}.").as_bytes());
    out.extend_from_slice(&mail[at + header.len()..]);
    out
}

fn mean(runs: usize, mut f: impl FnMut(usize)) -> Duration {
    let started = Instant::now();
    for i in 0..runs {
        f(i);
    }
    started.elapsed() / runs as u32
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn rate(count: usize, took: Duration) -> f64 {
    count as f64 / took.as_secs_f64()
}
