//! The service as the whole-flow benches run it: a database made empty and migrated, `hiroba
//! serve` with the bench's settings, and a local SMTP server that records when each mail arrived.

use super::serve::Running;
use hiroba::config::Settings;
use mailin_embedded::{Handler, Response, Server, SslConfig};
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The mail domain of every bench run.
const DOMAIN: &str = "hiroba.example.jp";

pub type Arrivals = Arc<Mutex<Vec<Instant>>>;

#[derive(Clone, Default)]
struct Recorder {
    arrivals: Arrivals,
}

impl Handler for Recorder {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, _from: &str) -> Response {
        mailin_embedded::response::OK
    }

    fn data_end(&mut self) -> Response {
        self.arrivals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Instant::now());
        mailin_embedded::response::OK
    }
}

pub fn recording_smtp_server() -> (String, Arrivals) {
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

/// The environment of every `hiroba` process of the run.
#[derive(Clone)]
pub struct Env {
    pub database: String,
    pub config: PathBuf,
    pub base_url: String,
}

impl Env {
    fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("HIROBA_CONFIG", self.config.display().to_string()),
            ("HIROBA_DATABASE_URL", self.database.clone()),
            ("HIROBA_MAIL_DOMAIN", DOMAIN.into()),
            ("HIROBA_AREAS", "柏中央,富勢".into()),
            ("HIROBA_BASE_URL", self.base_url.clone()),
            (
                "HIROBA_PROFILES_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles").into(),
            ),
            ("RUST_LOG", "warn".into()),
        ]
    }

    pub fn settings(&self) -> Settings {
        let vars = self.vars();
        Settings::load(None, |name| {
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn hiroba(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
        command.args(args).envs(self.vars());
        command
    }

    /// An empty, migrated database (PostgreSQL: every table of a previous run dropped).
    pub fn reset_database(&self) {
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
}

/// `hiroba serve` with this bench's settings.
pub fn serve(env: &Env, smtp_url: &str, port: u16, scratch: &std::path::Path) -> Running {
    let log = scratch.join("serve.log");
    let log = std::fs::File::create(&log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
    let mut command = env.hiroba(&["serve"]);
    command
        .env("HIROBA_BIND", format!("127.0.0.1:{port}"))
        .env("HIROBA_SMTP_URL", smtp_url)
        .env("HIROBA_MAIL_WORKERS", "2")
        .stdout(Stdio::null())
        .stderr(log);
    Running::start(command, port)
}
