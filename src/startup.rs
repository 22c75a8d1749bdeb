//! Builds the application from `Settings`: profiles, emoji table, database, HTTP server.

use crate::auth::hashing::HashPool;
use crate::config::Settings;
use crate::context::Context;
use crate::db;
use crate::db::models::area::Area;
use crate::keitai::emoji::EmojiTable;
use crate::keitai::gateway::{Freshness, GatewayList};
use crate::keitai::{Codec, ProfileRegistry};
use crate::routes;
use crate::routes::request::AppState;
use actix_web::dev::Server;
use actix_web::http::StatusCode;
use actix_web::middleware::{DefaultHeaders, ErrorHandlers};
use actix_web::{web, App, HttpServer};
use std::net::TcpListener;
use std::sync::Arc;

/// Why Hiroba could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Profiles(#[from] crate::keitai::profile::ProfileError),
    #[error(transparent)]
    Emoji(#[from] crate::keitai::emoji::EmojiTableError),
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error(transparent)]
    Gateways(#[from] crate::keitai::gateway::GatewayError),
    #[error("アドレス {addr} で待ち受けできません。HIROBA_BIND を確かめてください (cannot listen on {addr}: check HIROBA_BIND): {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("パスワード確認用のスレッドを起動できません (cannot start the password threads): {0}")]
    Threads(std::io::Error),
}

/// Makes every allocation of 128 KiB or more its own mapping, returned to the system when freed.
///
/// glibc raises this threshold on its own after the first large block is freed; from then on a
/// password check's 19 MiB came from the heap arenas of whichever threads ran it, and stayed:
/// 50 logins at once left the server at 260 MB for good, against 28 MB with the threshold fixed
/// (docs/benchmarks.md, "Memory").
pub fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Loads the profiles and the emoji table and opens the database, migrated.
pub fn build_state(settings: Settings) -> Result<AppState, StartupError> {
    let (profiles, emoji) = match &settings.profiles_dir {
        Some(dir) => (ProfileRegistry::load(dir)?, EmojiTable::load(&dir.join("emoji.tsv"))?),
        None => (ProfileRegistry::builtin()?, EmojiTable::builtin()?),
    };
    // A missing list switches かんたんログイン off; a broken one stops start-up like a broken profile.
    let gateway_list = match &settings.gateway_list {
        Some(path) if path.exists() => Some(GatewayList::load(path)?),
        Some(path) => {
            log::warn!("no gateway list at {}: かんたんログイン is off", path.display());
            None
        }
        None => Some(GatewayList::builtin()?),
    };
    let pool = db::connect(&settings.database, settings.db_pool_size)?;
    db::migrate(&pool)?;
    let mut conn = pool.get().map_err(|e| db::DbError::Migrate(e.to_string()))?;
    Area::sync(&mut conn, &settings.areas).map_err(|e| db::DbError::Migrate(e.to_string()))?;
    drop(conn);
    // Warned once the database is open, so that a start that fails says one thing.
    if let Some(list) = &gateway_list {
        // Members are not told (the option is simply not shown); operators are, here and on
        // their menu in my page.
        let today = chrono::Utc::now().date_naive();
        if let Freshness::Stale { as_of } = list.freshness(today, settings.gateway_max_age_days) {
            log::warn!(
                "gateway list {} is from {as_of}, older than {} days: かんたんログイン is off until it is replaced",
                settings
                    .gateway_list
                    .as_ref()
                    .map_or(crate::keitai::builtin::SHOWN_AS.into(), |p| p.display().to_string()),
                settings.gateway_max_age_days
            );
        }
    }
    Ok(AppState {
        ctx: Arc::new(Context {
            settings,
            profiles,
            codec: Codec::new(Arc::new(emoji)),
        }),
        pool,
        gateway_list,
        wakeup: Default::default(),
        page_views: Default::default(),
        metrics: Default::default(),
        hashes: HashPool::for_server().map_err(StartupError::Threads)?,
    })
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds `settings.bind` (port 0 picks a free port, as the tests do).
    pub fn build(state: Arc<AppState>) -> Result<Self, StartupError> {
        let addr = state.settings().bind;
        let listener = TcpListener::bind(addr).map_err(|source| StartupError::Bind {
            addr: addr.to_string(),
            source,
        })?;
        Application::with_listener(state, listener)
    }

    /// Serves on a listener bound by the caller (tests bind first to learn the port of `base_url`).
    pub fn with_listener(state: Arc<AppState>, listener: TcpListener) -> Result<Self, StartupError> {
        let addr = state.settings().bind;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Bind {
                addr: addr.to_string(),
                source,
            })?
            .port();
        let workers = state.settings().http_workers;
        let blocking_threads = state.settings().db_pool_size as usize;
        let state = web::Data::from(state);
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(
                    ErrorHandlers::new()
                        .handler(StatusCode::BAD_REQUEST, routes::request::error_page)
                        .handler(StatusCode::FORBIDDEN, routes::request::error_page)
                        .handler(StatusCode::NOT_FOUND, routes::request::error_page)
                        .handler(StatusCode::PAYLOAD_TOO_LARGE, routes::request::error_page)
                        .handler(StatusCode::INTERNAL_SERVER_ERROR, routes::request::error_page),
                )
                .wrap(actix_web::middleware::from_fn(
                    routes::request::page_views::count_page_views,
                ))
                .wrap(actix_web::middleware::from_fn(
                    routes::request::request_counts::count_requests,
                ))
                // Browsers that honour it send no Referer at all; for keitai that do not, links out
                // go through `/out`, whose own URL carries no sid.
                .wrap(DefaultHeaders::new().add(("Referrer-Policy", "no-referrer")))
                .wrap(routes::request::access_log::logger())
                .app_data(state.clone())
                .app_data(web::PayloadConfig::new(routes::request::MAX_FORM_BYTES))
                .configure(routes::configure)
        })
        .listen(listener)
        .map_err(|source| StartupError::Bind {
            addr: addr.to_string(),
            source,
        })?;
        if workers > 0 {
            server = server.workers(workers);
        }
        // Database work cannot run on more threads than the pool has connections; more threads
        // would only wait for one, each with its stack and allocator arena.
        server = server.worker_max_blocking_threads(blocking_threads);
        Ok(Application {
            port,
            server: server.run(),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from elsewhere (tests stop each app when done with it).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
