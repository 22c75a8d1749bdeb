//! Mail settings: our domain, how mail leaves, the SMTP listener, DKIM and per-carrier pacing.

use super::{parse_positive, ConfigError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The domain of every address we receive at (entry@, post-…@, bounce-…@) and send from.
    pub domain: String,
    pub transport: Transport,
    /// Where the built-in SMTP listener accepts mail, if it runs.
    pub listen: Option<SocketAddr>,
    /// Larger inbound messages are refused (552, exit 65).
    pub max_message_bytes: usize,
    pub dkim: Option<DkimKey>,
    /// Pacing per carrier id (`docomo`, `au`, …); carriers not listed use `default`.
    pub pacing: BTreeMap<String, Pacing>,
    /// Mail workers started by `serve`.
    pub workers: usize,
    /// How long a worker's claim on mail lasts unless renewed: a dead worker's mail goes out again
    /// after this.
    pub lease: Duration,
    /// How long handing one mail to the relay may take (connecting included) before it counts as
    /// a temporary failure.
    pub send_timeout: Duration,
    /// Sent and given-up mails are deleted this many days after they were queued.
    pub outbox_retention_days: u32,
    /// The key of the tags in bounce (VERP) addresses, so that nobody can forge a bounce for a
    /// mail of ours. `None`: a random key kept in the database (`mail::bounce_key`).
    pub bounce_secret: Option<String>,
    /// The authserv-id our own MTA writes in `Authentication-Results` (e.g. `mx.example.jp`);
    /// a `fail` there refuses a mail to a posting address. None: no such field is read.
    pub authserv_id: Option<String>,
    /// Days a processed inbound mail (its raw bytes) is kept before the workers delete it.
    pub inbound_retention_days: u32,
}

/// How mail leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// An SMTP relay: `smtp://host:port`, `smtps://…` (TLS) or `smtp://…?tls=required` (STARTTLS), with optional user:password.
    Smtp(String),
    /// A local `sendmail` binary.
    Sendmail(PathBuf),
    /// One `.eml` file per mail in this directory (the demo's default, to open them by hand).
    Directory(PathBuf),
}

#[derive(Debug, Clone)]
pub struct DkimKey {
    pub selector: String,
    pub private_key_pem: PathBuf,
}

/// How fast one carrier may be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pacing {
    /// Recipients per SMTP session (docomo accepts at most 100).
    pub per_session: u32,
    /// Mails per minute to the carrier, from all workers together.
    pub per_minute: u32,
}

/// The `[mail]` table of the settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MailFileSettings {
    domain: Option<String>,
    /// No longer read: replaced by the top-level `service_name` (refused with that advice).
    from_name: Option<String>,
    smtp_url: Option<String>,
    sendmail: Option<PathBuf>,
    mail_dir: Option<PathBuf>,
    listen: Option<String>,
    max_message_bytes: Option<usize>,
    dkim_selector: Option<String>,
    dkim_key: Option<PathBuf>,
    workers: Option<usize>,
    lease_seconds: Option<u32>,
    send_timeout_seconds: Option<u32>,
    outbox_retention_days: Option<u32>,
    bounce_secret: Option<String>,
    authserv_id: Option<String>,
    inbound_retention_days: Option<u32>,
    #[serde(default)]
    pacing: BTreeMap<String, Pacing>,
}

fn default_pacing() -> BTreeMap<String, Pacing> {
    // docomo: ≤ 100 recipients per session. SoftBank blocks a sender after ~500 destinations a
    // day, au limits bursts: modest defaults that an operator can raise with the carriers' consent.
    [
        (
            "docomo",
            Pacing {
                per_session: 100,
                per_minute: 600,
            },
        ),
        (
            "au",
            Pacing {
                per_session: 50,
                per_minute: 300,
            },
        ),
        (
            "softbank",
            Pacing {
                per_session: 50,
                per_minute: 120,
            },
        ),
        (
            "willcom",
            Pacing {
                per_session: 50,
                per_minute: 120,
            },
        ),
        (
            "default",
            Pacing {
                per_session: 100,
                per_minute: 1200,
            },
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

impl MailSettings {
    pub(super) fn load(file: MailFileSettings, env: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let domain = env("HIROBA_MAIL_DOMAIN")
            .or(file.domain)
            .unwrap_or_else(|| "hiroba.example.jp".into())
            .trim()
            .to_ascii_lowercase();
        if domain.is_empty() || domain.contains('@') || !domain.contains('.') {
            return Err(ConfigError::Invalid {
                name: "HIROBA_MAIL_DOMAIN",
                value: domain,
                reason: "expected a domain such as hiroba.example.jp",
            });
        }
        let transport = match (
            env("HIROBA_SMTP_URL").or(file.smtp_url),
            env("HIROBA_SENDMAIL").map(PathBuf::from).or(file.sendmail),
            env("HIROBA_MAIL_DIR").map(PathBuf::from).or(file.mail_dir),
        ) {
            (Some(url), _, _) => Transport::Smtp(url),
            (None, Some(path), _) => Transport::Sendmail(path),
            (None, None, Some(dir)) => Transport::Directory(dir),
            (None, None, None) => Transport::Directory(PathBuf::from("hiroba-data/mail")),
        };
        let listen = match env("HIROBA_SMTP_LISTEN").or(file.listen) {
            Some(addr) if addr.is_empty() || addr == "off" => None,
            Some(addr) => Some(addr.parse().map_err(|_| ConfigError::Invalid {
                name: "HIROBA_SMTP_LISTEN",
                value: addr.clone(),
                reason: "expected address:port, e.g. 127.0.0.1:2525, or off",
            })?),
            None => None,
        };
        let max_bytes = match env("HIROBA_MAIL_MAX_BYTES") {
            Some(v) => parse_positive("HIROBA_MAIL_MAX_BYTES", &v)? as usize,
            None => file.max_message_bytes.unwrap_or(10 * 1024 * 1024),
        };
        let dkim = match (
            env("HIROBA_DKIM_SELECTOR").or(file.dkim_selector),
            env("HIROBA_DKIM_KEY").map(PathBuf::from).or(file.dkim_key),
        ) {
            (Some(selector), Some(private_key_pem)) => Some(DkimKey {
                selector,
                private_key_pem,
            }),
            (None, None) => None,
            _ => {
                return Err(ConfigError::Invalid {
                    name: "HIROBA_DKIM_KEY",
                    value: String::new(),
                    reason: "DKIM needs both HIROBA_DKIM_SELECTOR and HIROBA_DKIM_KEY",
                })
            }
        };
        // 0: `serve` sends nothing itself; `hiroba worker` processes run elsewhere.
        let workers = match env("HIROBA_MAIL_WORKERS") {
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
                name: "HIROBA_MAIL_WORKERS",
                value: v.clone(),
                reason: "expected a whole number",
            })?,
            None => file.workers.unwrap_or(2),
        };
        let inbound_retention_days = match env("HIROBA_MAIL_INBOUND_RETENTION_DAYS") {
            Some(v) => parse_positive("HIROBA_MAIL_INBOUND_RETENTION_DAYS", &v)?,
            None => match file.inbound_retention_days {
                Some(0) => {
                    return Err(ConfigError::Invalid {
                        name: "mail.inbound_retention_days",
                        value: "0".into(),
                        reason: "expected a whole number of days above zero",
                    })
                }
                days => days.unwrap_or(30),
            },
        };
        let mut pacing = default_pacing();
        pacing.extend(file.pacing);
        if pacing.values().any(|p| p.per_session == 0 || p.per_minute == 0) {
            return Err(ConfigError::Invalid {
                name: "mail.pacing",
                value: String::new(),
                reason: "per_session and per_minute must be above zero",
            });
        }
        let seconds = |name: &'static str, file: Option<u32>, default: u32| -> Result<u32, ConfigError> {
            match (env(name), file) {
                (Some(v), _) => parse_positive(name, &v),
                (None, Some(n)) => parse_positive(name, &n.to_string()),
                (None, None) => Ok(default),
            }
        };
        let lease = seconds("HIROBA_MAIL_LEASE_SECONDS", file.lease_seconds, 30)?;
        let send_timeout = seconds("HIROBA_MAIL_SEND_TIMEOUT_SECONDS", file.send_timeout_seconds, 10)?;
        // A worker renews its lease between mails, at the latest a third of the lease plus one
        // mail after the last renewal: that must fit in the lease.
        if lease < 3 * send_timeout {
            return Err(ConfigError::Invalid {
                name: "HIROBA_MAIL_LEASE_SECONDS",
                value: lease.to_string(),
                reason: "the lease must be at least three times HIROBA_MAIL_SEND_TIMEOUT_SECONDS",
            });
        }
        let outbox_retention_days = seconds("HIROBA_MAIL_OUTBOX_RETENTION_DAYS", file.outbox_retention_days, 30)?;
        let bounce_secret = env("HIROBA_BOUNCE_SECRET").or(file.bounce_secret);
        if let Some(secret) = &bounce_secret {
            if secret.trim().len() < 32 {
                return Err(ConfigError::Invalid {
                    name: "HIROBA_BOUNCE_SECRET",
                    value: String::new(),
                    reason: "expected at least 32 characters (e.g. openssl rand -hex 32)",
                });
            }
        }
        // The sender's name is the service's name now (`Settings::service_name`): one name for
        // From, subjects and pages. An old setting says so instead of being silently ignored.
        if file.from_name.is_some() || env("HIROBA_MAIL_FROM_NAME").is_some() {
            return Err(ConfigError::Invalid {
                name: "[mail] from_name / HIROBA_MAIL_FROM_NAME",
                value: String::new(),
                reason: "replaced by service_name / HIROBA_SERVICE_NAME (サービス名), which names the mails' sender, their subjects and the pages",
            });
        }
        Ok(MailSettings {
            domain,
            transport,
            listen,
            max_message_bytes: max_bytes,
            dkim,
            pacing,
            workers,
            lease: Duration::from_secs(lease.into()),
            send_timeout: Duration::from_secs(send_timeout.into()),
            outbox_retention_days,
            bounce_secret,
            authserv_id: env("HIROBA_MAIL_AUTHSERV_ID")
                .or(file.authserv_id)
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty()),
            inbound_retention_days,
        })
    }

    /// Our From: address.
    pub fn from_address(&self) -> String {
        format!("info@{}", self.domain)
    }

    /// The pacing for a carrier id.
    pub fn pacing_for(&self, carrier: &str) -> Pacing {
        self.pacing
            .get(carrier)
            .or_else(|| self.pacing.get("default"))
            .copied()
            .unwrap_or(Pacing {
                per_session: 100,
                per_minute: 1200,
            })
    }
}
