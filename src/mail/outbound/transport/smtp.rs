//! One SMTP session with the relay: lettre speaks SMTP on our socket (`socket.rs`), driven by a
//! current-thread tokio runtime that the session owns and blocks on inside the worker's thread.
//!
//! The connection opens at the first mail, carries the rest of the batch, and ends with QUIT when
//! the session is dropped. A connection that broke (lettre closes it after any refused command)
//! is opened again for the next mail; a connection that could not be opened, or that did not
//! answer in time, is not tried again in this session: the rest of the batch gets the same error
//! and waits for its retry.

use super::relay::{Relay, Tls};
use super::{socket, SendError};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Mechanism;
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use std::future::Future;
use std::time::Duration;
use tokio::runtime::Runtime;

/// How long QUIT may take when the session ends; the mail is already accepted by then.
const QUIT_TIMEOUT: Duration = Duration::from_secs(2);

/// An SMTP session for one batch of mail.
pub struct SmtpSession {
    relay: Relay,
    /// How long one mail may take, opening the connection included (`[mail] send_timeout_seconds`):
    /// a hanging relay holds a worker no longer than this per mail.
    timeout: Duration,
    runtime: Runtime,
    connection: Connection,
}

enum Connection {
    /// Not open yet, or broken: open at the next mail.
    Closed,
    Open(AsyncSmtpConnection),
    /// Opening failed: every further mail of this session gets this error.
    Failed(SendError),
}

impl SmtpSession {
    /// Reads `HIROBA_SMTP_URL` (see `relay.rs`); connects only when the first mail is sent.
    pub fn new(url: &str, timeout: Duration) -> Result<SmtpSession, SendError> {
        let relay = Relay::parse(url).map_err(|e| SendError {
            permanent: true,
            message: format!("HIROBA_SMTP_URL: {e}"),
            outage: false,
        })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| SendError::transient(format!("SMTP runtime: {e}")))?;
        Ok(SmtpSession {
            relay,
            timeout,
            runtime,
            connection: Connection::Closed,
        })
    }

    /// Hands one mail to the relay, opening the connection first if need be.
    pub fn send(&mut self, envelope: &Envelope, message: &[u8]) -> Result<(), SendError> {
        let started = std::time::Instant::now();
        let mut connection = match std::mem::replace(&mut self.connection, Connection::Closed) {
            Connection::Open(connection) if !connection.has_broken() => connection,
            Connection::Failed(e) => {
                self.connection = Connection::Failed(e.clone());
                return Err(e);
            }
            Connection::Open(_) | Connection::Closed => {
                let opened = self.run(self.timeout, open(&self.relay)).and_then(|opened| opened);
                match opened {
                    Ok(connection) => connection,
                    Err(mut e) => {
                        // Not reached, or no greeting: nothing was said about any mail. A refusal
                        // (a 5xx to AUTH) is the relay's answer, not an outage.
                        e.outage = !e.permanent;
                        self.connection = Connection::Failed(e.clone());
                        return Err(e);
                    }
                }
            }
        };
        let left = self
            .timeout
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(1));
        match self.run(left, connection.send(envelope, message)) {
            Ok(Ok(_)) => {
                self.connection = Connection::Open(connection);
                Ok(())
            }
            Ok(Err(e)) => {
                // lettre has already sent QUIT and closed it if the relay refused a command.
                if !connection.has_broken() {
                    self.connection = Connection::Open(connection);
                }
                Err(from_lettre(e))
            }
            // Timed out: the dialogue is in an unknown state, so the connection goes, without QUIT,
            // and the rest of the batch does not wait out a timeout each behind a hanging relay.
            Err(e) => {
                self.connection = Connection::Failed(e.clone());
                Err(e)
            }
        }
    }

    /// Runs `work` on the session's runtime, giving up after `limit`.
    fn run<F: Future>(&self, limit: Duration, work: F) -> Result<F::Output, SendError> {
        // `block_on` panics on a thread that already drives a runtime (an actix worker). Workers
        // are plain threads; should that change, the mail is retried rather than the thread lost.
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(SendError::transient(
                "SMTP: cannot block inside an async runtime; send from a worker thread",
            ));
        }
        // The timer must be made inside the runtime: it registers with the runtime's clock.
        self.runtime
            .block_on(async { tokio::time::timeout(limit, work).await })
            .map_err(|_| SendError::outage(format!("SMTP: no answer within {} s", self.timeout.as_secs())))
    }
}

impl Drop for SmtpSession {
    fn drop(&mut self) {
        if let Connection::Open(mut connection) = std::mem::replace(&mut self.connection, Connection::Closed) {
            if !connection.has_broken() {
                // Best effort: the relay closes idle sessions by itself anyway.
                let _ = self.run(QUIT_TIMEOUT, connection.quit());
            }
        }
    }
}

/// Greeting, EHLO, STARTTLS and AUTH as the URL asks, as lettre's `SmtpTransport` does them.
async fn open(relay: &Relay) -> Result<AsyncSmtpConnection, SendError> {
    let stream = socket::open(relay).await?;
    let mut connection = AsyncSmtpConnection::connect_with_transport(stream, &relay.hello)
        .await
        .map_err(from_lettre)?;
    match prepare(relay, &mut connection).await {
        Ok(()) => Ok(connection),
        Err(e) => {
            // QUIT unless lettre has already given up on the connection, then close it.
            connection.abort().await;
            Err(from_lettre(e))
        }
    }
}

async fn prepare(relay: &Relay, connection: &mut AsyncSmtpConnection) -> Result<(), lettre::transport::smtp::Error> {
    let starttls = match relay.tls {
        Tls::Required => true,
        Tls::Opportunistic => connection.can_starttls(),
        Tls::None | Tls::Implicit => false,
    };
    if starttls {
        // Fails when the relay does not offer STARTTLS: `tls=required` never falls back to plain.
        let parameters = TlsParameters::new(relay.host.clone())?;
        connection.starttls(parameters, &relay.hello).await?;
    }
    if let Some(credentials) = &relay.credentials {
        connection
            .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
            .await?;
    }
    Ok(())
}

/// As before we opened the socket ourselves: a 5xx is permanent, anything else may pass later.
fn from_lettre(e: lettre::transport::smtp::Error) -> SendError {
    SendError {
        permanent: e.is_permanent(),
        message: e.to_string(),
        // No SMTP reply at all (the connection broke): the relay, not this mail.
        outage: !e.is_permanent() && !e.is_transient(),
    }
}
