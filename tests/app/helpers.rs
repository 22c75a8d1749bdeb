//! Starts the real application on a free port with a fresh SQLite database, and speaks raw HTTP/1.1
//! to it so tests see the exact bytes (Shift_JIS included).

use hiroba::config::{DatabaseUrl, Settings, Transport};
use hiroba::keitai::client_addr::TrustedProxies;
use hiroba::startup::{build_state, Application};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub struct TestApp {
    server: actix_web::dev::ServerHandle,
    pub port: u16,
    pub pool: hiroba::db::DbPool,
    /// The running app's state, for running a worker in the test's own thread.
    pub state: Arc<hiroba::routes::request::AppState>,
    pub base_url: String,
    /// The database URL, for running the `hiroba` command against the same data.
    pub database_url: String,
    _schema: Option<PgSchema>,
}

impl Drop for TestApp {
    /// Stops the server so that its database connections close before the next tests start
    /// (PostgreSQL allows only so many clients).
    fn drop(&mut self) {
        actix_web::rt::System::new().block_on(self.server.stop(false));
    }
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A test's own PostgreSQL schema, dropped with the test.
struct PgSchema {
    base_url: String,
    name: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        #[cfg(feature = "postgres")]
        {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            if let Ok(mut conn) = diesel::PgConnection::establish(&self.base_url) {
                let _ = conn.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
            }
        }
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Whether the body is Shift_JIS, by its Content-Type.
    pub fn is_shift_jis(&self) -> bool {
        self.header("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("shift_jis"))
    }

    /// The body decoded by its Content-Type's charset.
    pub fn text(&self) -> String {
        if self.is_shift_jis() {
            self.sjis_text()
        } else {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }

    /// The body read as CP932, for assertions on Japanese text.
    pub fn sjis_text(&self) -> String {
        encoding_rs::SHIFT_JIS.decode(&self.body).0.into_owned()
    }
}

pub fn unique_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("hiroba-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Builds settings for a test: port 0, its own database, the repository's profiles, a fresh gateway
/// list (docomo 203.0.113.0/24, au 198.51.100.0/24, SoftBank 192.0.2.0/24: documentation ranges that
/// reach the app through the trusted proxy 127.0.0.1), and three community areas.
pub fn test_settings(database: DatabaseUrl) -> Settings {
    let dir = unique_dir();
    let gateway_list = dir.join("gateways.toml");
    write_gateway_list(&gateway_list, chrono::Utc::now().date_naive());
    // Mail goes to this test's folder; tests run the worker themselves when they want mail sent.
    let defaults = Settings::load(None, |_| None).expect("default settings");
    let mut mail = defaults.mail;
    mail.transport = Transport::Directory(dir.join("mail"));
    mail.workers = 0;
    Settings {
        database,
        bind: "127.0.0.1:0".parse().expect("addr"),
        base_url: "http://127.0.0.1".into(),
        profiles_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles"),
        http_workers: 1,
        // Test apps live until the test binary ends: keep PostgreSQL's connection count low.
        db_pool_size: 3,
        areas: vec!["柏中央".into(), "富勢".into(), "松葉".into()],
        session_idle_minutes: 60,
        trusted_proxies: TrustedProxies::parse_list("127.0.0.1").expect("proxies"),
        gateway_list,
        gateway_max_age_days: 90,
        mail,
        watch: defaults.watch,
    }
}

/// Writes the test gateway list, dated `as_of`.
pub fn write_gateway_list(path: &std::path::Path, as_of: chrono::NaiveDate) {
    let text = format!(
        "as_of = {as_of}\n[carriers]\ndocomo = [\"203.0.113.0/24\"]\nau = [\"198.51.100.0/24\"]\nsoftbank = [\"192.0.2.0/24\"]\n"
    );
    std::fs::write(path, text).expect("gateway list");
}

/// Starts the app on the given backend with the demo data.
pub fn spawn_on(backend: Backend) -> TestApp {
    spawn_with(backend, |_| {})
}

/// Starts the app with settings adjusted by `adjust`.
pub fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let (database, schema) = fresh_database(backend);
    let database_url = match &database {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    };
    let mut settings = test_settings(database);
    adjust(&mut settings);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("port").port();
    settings.base_url = format!("http://127.0.0.1:{port}");
    let base_url = settings.base_url.clone();
    let state = Arc::new(build_state(settings).expect("app state"));
    hiroba::demo::seed(&state.ctx, &state.pool).expect("seed");
    let pool = state.pool.clone();
    let served = Arc::clone(&state);
    let (handle_tx, handle_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::with_listener(served, listener).expect("serve");
            handle_tx.send(app.handle()).expect("handle");
            app.run_until_stopped().await.expect("server");
        })
    });
    let server = handle_rx.recv().expect("server started");
    TestApp {
        server,
        port,
        pool,
        state,
        base_url,
        database_url,
        _schema: schema,
    }
}

/// A database of its own for one test: a new SQLite file, or a new PostgreSQL schema.
fn fresh_database(backend: Backend) -> (DatabaseUrl, Option<PgSchema>) {
    match backend {
        Backend::Sqlite => (DatabaseUrl::Sqlite(unique_dir().join("hiroba.db")), None),
        Backend::Postgres => {
            let (url, schema) = fresh_pg_schema();
            (DatabaseUrl::Postgres(url), Some(schema))
        }
    }
}

/// A migrated database without the demo data and without a server, for tests of the database
/// layer alone.
pub struct TestDb {
    pub pool: hiroba::db::DbPool,
    // Dropped after the pool: the schema goes once its connections are closed.
    _schema: Option<PgSchema>,
}

/// A fresh, migrated database on the given backend.
pub fn empty_database(backend: Backend) -> TestDb {
    let (database, schema) = fresh_database(backend);
    let pool = hiroba::db::connect(&database, 5).expect("database");
    hiroba::db::migrate(&pool).expect("migrations");
    TestDb { pool, _schema: schema }
}

/// A new schema in the PostgreSQL database of `HIROBA_TEST_POSTGRES_URL`, and a URL that uses it.
#[cfg(feature = "postgres")]
fn fresh_pg_schema() -> (String, PgSchema) {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let base_url = std::env::var("HIROBA_TEST_POSTGRES_URL").expect("HIROBA_TEST_POSTGRES_URL");
    let name = format!(
        "hiroba_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut conn = diesel::PgConnection::establish(&base_url).expect("PostgreSQL");
    conn.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"))
        .expect("schema");
    let joiner = if base_url.contains('?') { '&' } else { '?' };
    let url = format!("{base_url}{joiner}options=-csearch_path%3D{name}");
    (url, PgSchema { base_url, name })
}

#[cfg(not(feature = "postgres"))]
fn fresh_pg_schema() -> (String, PgSchema) {
    panic!("built without the postgres feature")
}

impl TestApp {
    /// A worker of this app's process, run in the test's own thread.
    pub fn worker(&self) -> hiroba::worker::Worker {
        hiroba::worker::Worker::new(
            Arc::clone(&self.state.ctx),
            self.pool.clone(),
            Arc::clone(&self.state.wakeup),
        )
        .expect("worker")
    }

    pub fn get(&self, path: &str, user_agent: &str) -> Response {
        self.request("GET", path, &[("User-Agent", user_agent)], None)
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.request("GET", path, headers, None)
    }

    pub fn post(&self, path: &str, user_agent: &str, content_type: &str, body: &[u8]) -> Response {
        self.request(
            "POST",
            path,
            &[("User-Agent", user_agent), ("Content-Type", content_type)],
            Some(body),
        )
    }

    /// One request on its own connection; the whole response is read until the server closes.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = body {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("write head");
        if let Some(body) = body {
            stream.write_all(body).expect("write body");
        }
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read response");
        parse_response(&raw)
    }
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).expect("hex").trim(), 16).expect("chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 4 + size..];
    }
}

/// Percent-encodes every byte that is not unreserved, as a phone does for a form.
pub fn percent_encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Real User-Agents used across the tests.
pub mod ua {
    pub const DOCOMO_MOVA: &str = "DoCoMo/1.0/N503i/c10";
    pub const DOCOMO_MOVA_5K: &str = "DoCoMo/1.0/P503i";
    pub const DOCOMO_FOMA_1: &str = "DoCoMo/2.0 SH906i(c100;TB;W24H16)";
    pub const DOCOMO_FOMA_2: &str = "DoCoMo/2.0 P07A3(c500;TB;W24H15)";
    pub const AU: &str = "KDDI-SA31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0";
    pub const SOFTBANK: &str =
        "SoftBank/1.0/910SH/SHJ001/SN000000000000000 Browser/NetFront/3.4 Profile/MIDP-2.0 Configuration/CLDC-1.1";
    pub const WILLCOM: &str = "Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0";
    pub const PC: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
    /// The six keitai the page-budget tests go through, smallest budget first.
    pub const KEITAI: [&str; 6] = [DOCOMO_MOVA_5K, DOCOMO_MOVA, DOCOMO_FOMA_1, AU, SOFTBANK, WILLCOM];
    pub const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
}
