//! Starts the real application on a free port with a fresh database (a temp SQLite file, or a
//! PostgreSQL schema of its own), and checks at the end of each test that the jobs and mail it
//! queued were run.

use hiroba::config::{DatabaseUrl, Settings, Transport};
use hiroba::keitai::client_addr::TrustedProxies;
use hiroba::startup::{build_state, Application};
use hiroba::worker::Worker;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub struct TestApp {
    server: actix_web::dev::ServerHandle,
    pub port: u16,
    pub pool: hiroba::db::DbPool,
    /// The running app's state, for running a worker in the test's own thread.
    pub state: Arc<hiroba::routes::request::AppState>,
    pub base_url: String,
    /// The database URL, for running the `hiroba` command against the same data.
    pub database_url: String,
    /// Why this test leaves queued jobs or mail behind on purpose (`expect_leftover_jobs`).
    leftovers_expected: Mutex<Option<String>>,
    _schema: Option<PgSchema>,
}

impl Drop for TestApp {
    /// Checks that nothing queued was left unrun (unless the test said so), then stops the server
    /// so that its database connections close before the next tests start (PostgreSQL allows
    /// only so many clients).
    fn drop(&mut self) {
        // A test that already fails keeps its own message; a second panic would abort the run.
        let verdict = if std::thread::panicking() {
            Ok(())
        } else {
            self.check_leftovers()
        };
        actix_web::rt::System::new().block_on(self.server.stop(false));
        if let Err(message) = verdict {
            panic!("{message}");
        }
    }
}

impl TestApp {
    /// Runs every due job and sends every due mail in this thread until none is left, as the
    /// workers would (zero2prod's `dispatch_all_pending_emails`): tests follow side effects
    /// without sleeping.
    pub fn run_jobs(&self) -> hiroba::worker::Round {
        self.worker().run_until_idle().expect("jobs run")
    }

    /// A worker of this app's process, run in the test's own thread.
    pub fn worker(&self) -> Worker {
        Worker::new(
            Arc::clone(&self.state.ctx),
            self.pool.clone(),
            Arc::clone(&self.state.wakeup),
        )
        .expect("worker")
    }

    /// Says that this test leaves queued jobs or mail unrun on purpose (mail waiting for a retry,
    /// a queue the test only looks at), and why. Without it, a test that ends with pending jobs
    /// or outbox rows fails; with it, one that ends without any fails too.
    pub fn expect_leftover_jobs(&self, why: &str) {
        *self.leftovers_expected.lock().unwrap() = Some(why.to_string());
    }

    /// The pending or claimed jobs and outbox rows, one line each.
    pub fn unfinished_jobs(&self) -> Result<Vec<String>, String> {
        use diesel::prelude::*;
        use hiroba::db::schema::{jobs, outbox};
        let mut conn = self.pool.get().map_err(|e| e.to_string())?;
        let jobs: Vec<(i64, String, String, Option<i64>)> = jobs::table
            .filter(jobs::status.eq_any(["pending", "running"]))
            .select((jobs::id, jobs::kind, jobs::status, jobs::target_id))
            .order(jobs::id)
            .load(&mut *conn)
            .map_err(|e| e.to_string())?;
        let mails: Vec<(i64, String, String, String)> = outbox::table
            .filter(outbox::status.eq_any(["pending", "sending"]))
            .select((outbox::id, outbox::kind, outbox::status, outbox::recipient))
            .order(outbox::id)
            .load(&mut *conn)
            .map_err(|e| e.to_string())?;
        let jobs = jobs
            .into_iter()
            .map(|(id, kind, status, target)| format!("job {id} {kind} ({status}, target {target:?})"));
        let mails = mails
            .into_iter()
            .map(|(id, kind, status, to)| format!("outbox {id} {kind} to {to} ({status})"));
        Ok(jobs.chain(mails).collect())
    }

    fn check_leftovers(&self) -> Result<(), String> {
        let left = self.unfinished_jobs()?;
        let expected = self.leftovers_expected.lock().unwrap().clone();
        match (expected, left.is_empty()) {
            (None, true) | (Some(_), false) => Ok(()),
            (None, false) => Err(format!(
                "the test left queued work nobody ran (run it with app.run_jobs(), or say why with \
                 app.expect_leftover_jobs):\n  {}",
                left.join("\n  ")
            )),
            (Some(why), true) => Err(format!(
                "the test expected queued work to be left ({why}), but none was: drop the expectation"
            )),
        }
    }
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What the database holds when the app starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// The whole demo (`hiroba::demo::seed`): members of every role, posts, communities, a
    /// school of 60 children, events and notices.
    Demo,
    /// Only the settings' areas: the test builds what it needs (`helpers::builders`).
    Empty,
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
        service_name: defaults.service_name,
        profiles_dir: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles")),
        http_workers: 1,
        // Test apps live until the test binary ends: keep PostgreSQL's connection count low.
        db_pool_size: 3,
        areas: vec!["柏中央".into(), "富勢".into(), "松葉".into()],
        session_idle_minutes: 60,
        trusted_proxies: TrustedProxies::parse_list("127.0.0.1").expect("proxies"),
        gateway_list: Some(gateway_list),
        gateway_max_age_days: 90,
        metrics_allow: TrustedProxies::default(),
        mail,
        watch: defaults.watch,
        support: defaults.support,
        notebook: defaults.notebook,
    }
}

/// Writes the test gateway list, dated `as_of`.
pub fn write_gateway_list(path: &std::path::Path, as_of: chrono::NaiveDate) {
    let text = format!(
        "as_of = {as_of}\n[carriers]\ndocomo = [\"203.0.113.0/24\"]\nau = [\"198.51.100.0/24\"]\nsoftbank = [\"192.0.2.0/24\"]\n"
    );
    std::fs::write(path, text).expect("gateway list");
}

/// Marks today's not-arrived mail of the demo's schools as done. The demo sends it on weekday
/// mornings, so a test run then would count mails it did not ask for; the mail's own tests build
/// their schools and choose their clock.
fn without_todays_not_arrived_mail(pool: &hiroba::db::DbPool) {
    use hiroba::db::models::notebook::contacted::claim_nudge;
    use hiroba::db::models::watch::school::School;
    let today = hiroba::domain::time::jst(hiroba::db::now()).date_naive();
    let mut conn = pool.get().expect("connection");
    for school in School::all(&mut conn).expect("schools") {
        claim_nudge(&mut conn, school.id, today).expect("claim");
    }
}

/// Starts the app on the given backend with the demo data.
pub fn spawn_on(backend: Backend) -> TestApp {
    spawn(backend, Seed::Demo, |_| {})
}

/// Starts the app on the given backend with an empty database (but the areas).
pub fn spawn_empty(backend: Backend) -> TestApp {
    spawn(backend, Seed::Empty, |_| {})
}

/// Starts the app with the demo data and settings adjusted by `adjust`.
pub fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(backend, Seed::Demo, adjust)
}

/// Starts the app on `backend` with `seed` and settings adjusted by `adjust`.
pub fn spawn(backend: Backend, seed: Seed, adjust: impl FnOnce(&mut Settings)) -> TestApp {
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
    if seed == Seed::Demo {
        hiroba::demo::seed(&state.ctx, &state.pool).expect("seed");
        without_todays_not_arrived_mail(&state.pool);
    }
    let pool = state.pool.clone();
    let server = serve(Arc::clone(&state), listener);
    TestApp {
        server,
        port,
        pool,
        state,
        base_url,
        database_url,
        leftovers_expected: Mutex::new(None),
        _schema: schema,
    }
}

/// Runs the app on `listener` in a thread of its own; the handle stops it.
fn serve(state: Arc<hiroba::routes::request::AppState>, listener: TcpListener) -> actix_web::dev::ServerHandle {
    let (handle_tx, handle_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::with_listener(state, listener).expect("serve");
            handle_tx.send(app.handle()).expect("handle");
            app.run_until_stopped().await.expect("server");
        })
    });
    handle_rx.recv().expect("server started")
}

/// A second app server on the database of `first` (as two servers behind a load balancer share
/// one PostgreSQL): its own port, pool and state, the same data. Drop it before `first`, which
/// owns the database.
pub fn spawn_beside(first: &TestApp) -> TestApp {
    let mut settings = first.state.ctx.settings.clone();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("port").port();
    settings.base_url = format!("http://127.0.0.1:{port}");
    let base_url = settings.base_url.clone();
    let state = Arc::new(build_state(settings).expect("app state"));
    let pool = state.pool.clone();
    let server = serve(Arc::clone(&state), listener);
    TestApp {
        server,
        port,
        pool,
        state,
        base_url,
        database_url: first.database_url.clone(),
        leftovers_expected: Mutex::new(None),
        _schema: None,
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
