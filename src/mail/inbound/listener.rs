//! The built-in SMTP listener of the all-in-one mode: the same doors as `hiroba mail-in`, in SMTP
//! terms — 250 only after the durable store, 4xx to try later, 550 unknown recipient, 552 too big.

use crate::db::{self, DbPool};
use crate::mail::inbound::intake::{self, Refusal};
use mailin_embedded::{Handler, Response, Server, SslConfig};
use std::net::{IpAddr, TcpListener};
use std::sync::Arc;

/// What every connection shares.
struct Shared {
    pool: DbPool,
    domain: String,
    bounce_secret: Option<String>,
    max_bytes: usize,
}

/// One SMTP connection's state (mailin-embedded clones the handler per connection).
#[derive(Clone)]
struct Session {
    shared: Arc<Shared>,
    sender: Option<String>,
    recipients: Vec<String>,
    data: Vec<u8>,
    too_large: bool,
}

impl Session {
    fn reply(refusal: &Refusal) -> Response {
        let (code, text) = refusal.smtp_reply();
        Response::custom(code, text)
    }

    fn with_conn<T>(&self, work: impl FnOnce(&mut db::DbConnection) -> Result<T, Refusal>) -> Result<T, Refusal> {
        let mut conn = self.shared.pool.get().map_err(|e| Refusal::Transient(e.to_string()))?;
        work(&mut conn)
    }
}

impl Handler for Session {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.sender = Some(from.to_string()).filter(|f| !f.is_empty());
        self.recipients.clear();
        self.data.clear();
        self.too_large = false;
        mailin_embedded::response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let shared = Arc::clone(&self.shared);
        match self.with_conn(|conn| intake::check_recipient(conn, to, &shared.domain, shared.bounce_secret.as_deref()))
        {
            Ok(_) => {
                self.recipients.push(to.to_string());
                mailin_embedded::response::OK
            }
            Err(refusal) => Session::reply(&refusal),
        }
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        // Keep reading to the end of DATA but stop keeping bytes once over the limit.
        if self.data.len() + buf.len() > self.shared.max_bytes {
            self.too_large = true;
            self.data.clear();
        } else if !self.too_large {
            self.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if self.too_large {
            return Session::reply(&Refusal::TooLarge(self.shared.max_bytes));
        }
        let raw = std::mem::take(&mut self.data);
        let shared = Arc::clone(&self.shared);
        let sender = self.sender.clone();
        let stored = self.with_conn(|conn| {
            db::durable_commits(conn)?;
            // A failure part-way leaves some recipients stored: the client retries them all and
            // the stored ones are recognised as redeliveries.
            for recipient in &self.recipients {
                intake::receive(
                    conn,
                    &shared.domain,
                    shared.bounce_secret.as_deref(),
                    shared.max_bytes,
                    recipient,
                    sender.as_deref(),
                    &raw,
                )?;
            }
            Ok(())
        });
        match stored {
            Ok(()) => Response::custom(250, "2.0.0 Stored".into()),
            Err(refusal) => {
                log::warn!("SMTP delivery refused: {refusal}");
                Session::reply(&refusal)
            }
        }
    }
}

/// Serves SMTP on `listener` in background threads until the process ends.
pub fn spawn(
    listener: TcpListener,
    pool: DbPool,
    domain: &str,
    bounce_secret: Option<&str>,
    max_bytes: usize,
) -> std::io::Result<()> {
    let session = Session {
        shared: Arc::new(Shared {
            pool,
            domain: domain.to_string(),
            bounce_secret: bounce_secret.map(str::to_string),
            max_bytes,
        }),
        sender: None,
        recipients: Vec::new(),
        data: Vec::new(),
        too_large: false,
    };
    let mut server = Server::new(session);
    server
        .with_name(domain)
        .with_num_threads(4)
        .with_tcp_listener(listener)
        .with_ssl(SslConfig::None)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    std::thread::Builder::new()
        .name("smtp-listener".into())
        .spawn(move || {
            if let Err(e) = server.serve() {
                log::error!("SMTP listener stopped: {e}");
            }
        })
        .map(drop)
}
