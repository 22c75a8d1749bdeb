//! Typed settings: an optional TOML file with a `HIROBA_*` environment overlay, validated once.

mod mail;
mod notebook;
mod support;
mod watch;

pub use mail::{DkimKey, MailSettings, Pacing, Transport};
pub use notebook::NotebookSettings;
pub use support::SupportSettings;
pub use watch::WatchSettings;

use crate::keitai::client_addr::TrustedProxies;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Everything Hiroba is configured with; built once at start-up and passed explicitly.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database: DatabaseUrl,
    pub bind: SocketAddr,
    /// The public URL, without a trailing slash (used in mails and the Host check).
    pub base_url: String,
    /// The service's one name (e.g. かしわ子育てひろば): the sender of every mail, the 【】 of
    /// the subjects that name the service, the top page and every tab title on PC and smartphone.
    pub service_name: String,
    /// Folder with the device profiles and the emoji table; `None`: the built-in ones.
    pub profiles_dir: Option<PathBuf>,
    /// Worker threads of the HTTP server (0: one per core).
    pub http_workers: usize,
    /// Database connections kept by this process at most.
    pub db_pool_size: u32,
    /// The city's community areas members choose from, in display order (synced into the database).
    pub areas: Vec<String>,
    /// Minutes without a request after which a session ends.
    pub session_idle_minutes: u32,
    /// Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.
    pub trusted_proxies: TrustedProxies,
    /// The dated carrier gateway list used by かんたんログイン; `None`: the built-in one.
    pub gateway_list: Option<PathBuf>,
    /// A gateway list older than this many days switches かんたんログイン off.
    pub gateway_max_age_days: u32,
    /// Client addresses allowed to read `/metrics`; empty: nobody (the page answers 404).
    pub metrics_allow: TrustedProxies,
    pub mail: MailSettings,
    pub watch: WatchSettings,
    pub support: SupportSettings,
    pub notebook: NotebookSettings,
}

/// Where the data lives; the backend follows from the URL scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// The settings file, every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    bind: Option<String>,
    base_url: Option<String>,
    service_name: Option<String>,
    profiles_dir: Option<PathBuf>,
    http_workers: Option<usize>,
    db_pool_size: Option<u32>,
    areas: Option<Vec<String>>,
    session_idle_minutes: Option<u32>,
    trusted_proxies: Option<String>,
    gateway_list: Option<PathBuf>,
    gateway_max_age_days: Option<u32>,
    metrics_allow: Option<String>,
    #[serde(default)]
    mail: mail::MailFileSettings,
    #[serde(default)]
    watch: watch::WatchFileSettings,
    #[serde(default)]
    support: support::SupportFileSettings,
    #[serde(default)]
    notebook: notebook::NotebookFileSettings,
}

/// A setting that is missing or wrong, named so an operator can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("設定ファイル {path} を読めません (cannot read settings file): {message}")]
    File { path: String, message: String },
    #[error("設定 {name} が正しくありません (invalid setting {name}={value:?}): {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: &'static str,
    },
}

impl Settings {
    /// Defaults ← file (if given) ← `HIROBA_*` variables from `env`.
    pub fn load(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                toml::from_str::<FileSettings>(&text).map_err(|e| ConfigError::File {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?
            }
            None => FileSettings::default(),
        };
        let pick = |name: &str, file_value: Option<String>, default: &str| {
            env(name).or(file_value).unwrap_or_else(|| default.to_string())
        };
        let database_url = pick("HIROBA_DATABASE_URL", from_file.database_url, "hiroba-data/hiroba.db");
        let bind = pick("HIROBA_BIND", from_file.bind, "127.0.0.1:8080");
        let base_url = pick("HIROBA_BASE_URL", from_file.base_url, "http://127.0.0.1:8080");
        let service_name = pick("HIROBA_SERVICE_NAME", from_file.service_name, DEFAULT_SERVICE_NAME);
        let profiles_dir = env("HIROBA_PROFILES_DIR").map(PathBuf::from).or(from_file.profiles_dir);
        let gateway_list = env("HIROBA_GATEWAY_LIST")
            .map(PathBuf::from)
            .or(from_file.gateway_list)
            .or_else(|| profiles_dir.as_ref().map(|dir| dir.join("gateways.toml")));
        let areas: Vec<String> = match env("HIROBA_AREAS") {
            Some(list) => list.split(',').map(String::from).collect(),
            None => from_file.areas.unwrap_or_default(),
        };
        let areas = areas
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let proxies = pick("HIROBA_TRUSTED_PROXIES", from_file.trusted_proxies, "");
        let metrics_allow = pick("HIROBA_METRICS_ALLOW", from_file.metrics_allow, "");
        let idle = pick(
            "HIROBA_SESSION_IDLE_MINUTES",
            from_file.session_idle_minutes.map(|n| n.to_string()),
            "60",
        );
        let max_age = pick(
            "HIROBA_GATEWAY_MAX_AGE_DAYS",
            from_file.gateway_max_age_days.map(|n| n.to_string()),
            "90",
        );
        let pool_size = pick(
            "HIROBA_DB_POOL_SIZE",
            from_file.db_pool_size.map(|n| n.to_string()),
            "8",
        );
        let workers = pick(
            "HIROBA_HTTP_WORKERS",
            from_file.http_workers.map(|n| n.to_string()),
            "0",
        );
        Ok(Settings {
            database: DatabaseUrl::parse(&database_url)?,
            bind: bind.parse().map_err(|_| ConfigError::Invalid {
                name: "HIROBA_BIND",
                value: bind.clone(),
                reason: "expected address:port, e.g. 127.0.0.1:8080",
            })?,
            base_url: parse_base_url(&base_url)?,
            service_name: parse_service_name(&service_name)?,
            profiles_dir,
            http_workers: workers.parse().map_err(|_| ConfigError::Invalid {
                name: "HIROBA_HTTP_WORKERS",
                value: workers.clone(),
                reason: "expected a whole number",
            })?,
            db_pool_size: parse_positive("HIROBA_DB_POOL_SIZE", &pool_size)?,
            areas,
            session_idle_minutes: parse_positive("HIROBA_SESSION_IDLE_MINUTES", &idle)?,
            trusted_proxies: TrustedProxies::parse_list(&proxies).map_err(|_| ConfigError::Invalid {
                name: "HIROBA_TRUSTED_PROXIES",
                value: proxies.clone(),
                reason: "expected addresses or CIDR ranges separated by commas or spaces",
            })?,
            gateway_list,
            gateway_max_age_days: parse_positive("HIROBA_GATEWAY_MAX_AGE_DAYS", &max_age)?,
            metrics_allow: TrustedProxies::parse_list(&metrics_allow).map_err(|_| ConfigError::Invalid {
                name: "HIROBA_METRICS_ALLOW",
                value: metrics_allow.clone(),
                reason: "expected addresses or CIDR ranges separated by commas or spaces",
            })?,
            mail: MailSettings::load(from_file.mail, &env)?,
            watch: WatchSettings::load(from_file.watch, &env)?,
            support: SupportSettings::load(from_file.support, &env)?,
            notebook: NotebookSettings::load(from_file.notebook, &env)?,
        })
    }
}

impl DatabaseUrl {
    /// `sqlite://path`, `sqlite:path`, a plain file path, or `postgres://…`/`postgresql://…`.
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        // The value is shown with any password hidden.
        let invalid = |reason| ConfigError::Invalid {
            name: "HIROBA_DATABASE_URL",
            value: DatabaseUrl::Postgres(url.to_string()).redacted(),
            reason,
        };
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() {
            return Err(invalid("empty database path"));
        }
        if path.contains("://") {
            return Err(invalid(
                "unknown scheme: use sqlite://PATH, a file path, or postgres://…",
            ));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    /// The URL as it may appear in messages and logs: passwords (in the user part or as a
    /// `password=` parameter) become `***`.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => path.display().to_string(),
            DatabaseUrl::Postgres(url) => redact_url(url),
        }
    }
}

fn redact_url(url: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let main = match main.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rsplit_once('@') {
                Some((user_info, host)) if user_info.contains(':') => {
                    let user = user_info.split(':').next().unwrap_or_default();
                    format!("{scheme}://{user}:***@{host}{}", &rest[authority_end..])
                }
                _ => main.to_string(),
            }
        }
        None => main.to_string(),
    };
    match query {
        Some(q) => {
            let params: Vec<String> = q
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => p.to_string(),
                })
                .collect();
            format!("{main}?{}", params.join("&"))
        }
        None => main,
    }
}

impl Settings {
    /// The name and address mails are written with (owned, to move into a database closure).
    pub fn site(&self) -> Site {
        Site {
            base_url: self.base_url.clone(),
            service_name: self.service_name.clone(),
        }
    }

    /// The host (and port) of `base_url`.
    fn public_host(&self) -> &str {
        self.base_url
            .split_once("://")
            .map(|(_, host)| host)
            .unwrap_or(&self.base_url)
    }

    /// Whether a request's Host header names us (letter case and the scheme's default port aside):
    /// the only host かんたんログイン accepts.
    pub fn is_our_host(&self, host: &str) -> bool {
        let default_port = if self.is_https() { ":443" } else { ":80" };
        let bare = |h: &str| {
            let h = h.trim().to_ascii_lowercase();
            h.strip_suffix(default_port).map(str::to_string).unwrap_or(h)
        };
        bare(host) == bare(self.public_host())
    }

    /// Whether pages are served over HTTPS (cookies then get the Secure flag).
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// The name when none is configured: the Kashiwa model project's.
pub const DEFAULT_SERVICE_NAME: &str = "かしわ子育てひろば";

/// Longest service name: it stands in every subject, and a keitai's inbox shows few characters.
const SERVICE_NAME_MAX_CHARS: usize = 20;

fn parse_service_name(name: &str) -> Result<String, ConfigError> {
    let trimmed = name.trim();
    let invalid = |reason| ConfigError::Invalid {
        name: "HIROBA_SERVICE_NAME",
        value: name.to_string(),
        reason,
    };
    if trimmed.is_empty() {
        return Err(invalid("expected a name, e.g. かしわ子育てひろば"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(invalid("expected one line without control characters"));
    }
    if trimmed.chars().count() > SERVICE_NAME_MAX_CHARS {
        return Err(invalid(
            "expected at most 20 characters (it stands in every mail subject)",
        ));
    }
    Ok(trimmed.to_string())
}

/// What mails need to name and link the service: its name and its public URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub base_url: String,
    pub service_name: String,
}

fn parse_positive(name: &'static str, value: &str) -> Result<u32, ConfigError> {
    match value.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ConfigError::Invalid {
            name,
            value: value.to_string(),
            reason: "expected a whole number above zero",
        }),
    }
}

fn parse_base_url(url: &str) -> Result<String, ConfigError> {
    let trimmed = url.trim_end_matches('/');
    let host = trimmed
        .strip_prefix("http://")
        .or_else(|| trimmed.strip_prefix("https://"));
    match host {
        Some(h) if !h.is_empty() && !h.contains('/') => Ok(trimmed.to_string()),
        _ => Err(ConfigError::Invalid {
            name: "HIROBA_BASE_URL",
            value: url.to_string(),
            reason: "expected http(s)://host[:port] without a path",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn environment_overrides_defaults() {
        let s = Settings::load(
            None,
            env_of(&[
                ("HIROBA_DATABASE_URL", "sqlite:///tmp/x.db"),
                ("HIROBA_BIND", "0.0.0.0:9000"),
                ("HIROBA_BASE_URL", "https://hiroba.example.jp/"),
            ]),
        )
        .unwrap();
        assert_eq!(s.database, DatabaseUrl::Sqlite(PathBuf::from("/tmp/x.db")));
        assert_eq!(s.bind.port(), 9000);
        assert_eq!(s.base_url, "https://hiroba.example.jp");
    }

    #[test]
    fn mail_leases_and_timeouts_are_read_and_must_fit_together() {
        let s = Settings::load(None, env_of(&[])).unwrap();
        assert_eq!(
            (
                s.mail.lease.as_secs(),
                s.mail.send_timeout.as_secs(),
                s.mail.outbox_retention_days
            ),
            (30, 10, 30)
        );
        let s = Settings::load(
            None,
            env_of(&[
                ("HIROBA_MAIL_LEASE_SECONDS", "6"),
                ("HIROBA_MAIL_SEND_TIMEOUT_SECONDS", "2"),
                ("HIROBA_MAIL_OUTBOX_RETENTION_DAYS", "400"),
            ]),
        )
        .unwrap();
        assert_eq!(
            (
                s.mail.lease.as_secs(),
                s.mail.send_timeout.as_secs(),
                s.mail.outbox_retention_days
            ),
            (6, 2, 400)
        );
        // A lease that a renewal between two mails could not keep.
        let err = Settings::load(None, env_of(&[("HIROBA_MAIL_LEASE_SECONDS", "20")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("HIROBA_MAIL_LEASE_SECONDS"), "{err}");
        for name in ["HIROBA_MAIL_SEND_TIMEOUT_SECONDS", "HIROBA_MAIL_OUTBOX_RETENTION_DAYS"] {
            let err = Settings::load(None, env_of(&[(name, "0")])).unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn bad_values_name_the_setting() {
        let err = Settings::load(None, env_of(&[("HIROBA_BIND", "localhost")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("HIROBA_BIND"), "{err}");
        let err = Settings::load(None, env_of(&[("HIROBA_DATABASE_URL", "mysql://x")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown scheme"), "{err}");
        let err = Settings::load(None, env_of(&[("HIROBA_BASE_URL", "hiroba.jp")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("HIROBA_BASE_URL"), "{err}");
        let err = Settings::load(None, env_of(&[("HIROBA_TRUSTED_PROXIES", "10.0.0.0/99")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("HIROBA_TRUSTED_PROXIES"), "{err}");
    }

    #[test]
    fn database_passwords_never_reach_messages() {
        let url = DatabaseUrl::parse("postgres://hiroba:s3cret@db.example:5432/hiroba?sslmode=require").unwrap();
        assert_eq!(
            url.redacted(),
            "postgres://hiroba:***@db.example:5432/hiroba?sslmode=require"
        );
        let url = DatabaseUrl::parse("postgres://postgres@127.0.0.1/test").unwrap();
        assert_eq!(url.redacted(), "postgres://postgres@127.0.0.1/test");
        let url = DatabaseUrl::parse("postgres://hiroba@db/hiroba?password=s3cret&sslmode=require").unwrap();
        assert_eq!(
            url.redacted(),
            "postgres://hiroba@db/hiroba?password=***&sslmode=require"
        );
        let err = Settings::load(None, env_of(&[("HIROBA_DATABASE_URL", "mysql://root:s3cret@db/x")]))
            .unwrap_err()
            .to_string();
        assert!(!err.contains("s3cret"), "{err}");
    }

    #[test]
    fn our_host_ignores_case_and_default_ports() {
        let s = Settings::load(None, env_of(&[("HIROBA_BASE_URL", "https://Hiroba.example.jp")])).unwrap();
        assert!(s.is_our_host("hiroba.example.jp"));
        assert!(s.is_our_host("HIROBA.example.jp:443"));
        assert!(!s.is_our_host("hiroba.example.jp:8443"));
        assert!(!s.is_our_host("evil.example.jp"));
    }

    #[test]
    fn areas_come_from_the_environment_in_order() {
        let s = Settings::load(None, env_of(&[("HIROBA_AREAS", "柏中央, 新富,旭町")])).unwrap();
        assert_eq!(s.areas, ["柏中央", "新富", "旭町"]);
        assert_eq!(s.session_idle_minutes, 60);
    }
}
