//! The built-in SMTP listener of the all-in-one mode: the same doors as `hiroba mail-in`, in SMTP
//! terms — 250 only after the durable store, 4xx to try later, 550 unknown recipient, 552 too big,
//! 452 past 100 recipients — behind limits on connections, silence and time.

use crate::db::{self, DbPool};
use crate::mail::inbound::intake::{self, Refusal};
use mailin::{Action, Handler, Response, SessionBuilder};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Recipients per transaction (RFC 5321 asks servers to take at least 100; more is a list).
pub const MAX_RECIPIENTS: usize = 100;

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
        mailin::response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if self.recipients.len() >= MAX_RECIPIENTS {
            return Response::custom(452, "4.5.3 Too many recipients".into());
        }
        let shared = Arc::clone(&self.shared);
        match self.with_conn(|conn| intake::check_recipient(conn, to, &shared.domain, shared.bounce_secret.as_deref()))
        {
            Ok(_) => {
                self.recipients.push(to.to_string());
                mailin::response::OK
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
            let recipients: Vec<&str> = self.recipients.iter().map(String::as_str).collect();
            intake::receive(
                conn,
                &shared.domain,
                shared.bounce_secret.as_deref(),
                shared.max_bytes,
                &recipients,
                sender.as_deref(),
                &raw,
            )
            .map(drop)
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

/// How many SMTP connections are served at once, and how long each may take. Postfix, the one
/// client of the all-in-one mode that matters, sends within seconds; anything slower is either
/// broken or trying to hold the door shut.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections served at once; the next ones are told 421 and closed.
    pub max_connections: usize,
    /// The longest silence from a client, between commands or inside DATA.
    pub idle: Duration,
    /// The longest a whole connection may last, however it trickles its bytes.
    pub session: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 32,
            idle: Duration::from_secs(60),
            session: Duration::from_secs(10 * 60),
        }
    }
}

/// The longest command or DATA line read (RFC 5321 allows 1000 bytes; phones send longer ones).
const MAX_LINE_BYTES: u64 = 64 * 1024;

/// Serves SMTP on `listener` in background threads until the process ends, with the default
/// `Limits`.
pub fn spawn(
    listener: TcpListener,
    pool: DbPool,
    domain: &str,
    bounce_secret: Option<&str>,
    max_bytes: usize,
) -> std::io::Result<()> {
    spawn_with(listener, pool, domain, bounce_secret, max_bytes, Limits::default())
}

/// Serves SMTP on `listener`: a thread per connection, at most `limits.max_connections` of them,
/// each closed after `limits.idle` of silence or `limits.session` in all. (mailin-embedded's fixed
/// pool of four threads with 5-minute timeouts let four slow clients stop all inbound mail.)
pub fn spawn_with(
    listener: TcpListener,
    pool: DbPool,
    domain: &str,
    bounce_secret: Option<&str>,
    max_bytes: usize,
    limits: Limits,
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
    let builder = SessionBuilder::new(domain.to_string());
    let open = Arc::new(Mutex::new(Open::default()));
    let reaped = Arc::clone(&open);
    std::thread::Builder::new()
        .name("smtp-reaper".into())
        .spawn(move || reap(&reaped, limits))?;
    std::thread::Builder::new()
        .name("smtp-listener".into())
        .spawn(move || {
            for stream in listener.incoming() {
                match stream {
                    Ok(stream) => accept(stream, &builder, &session, &open, limits),
                    Err(e) => log::warn!("SMTP accept failed: {e}"),
                }
            }
        })
        .map(drop)
}

/// The connections being served, each with the moment it must end and a handle to end it by.
#[derive(Default)]
struct Open {
    next_id: u64,
    connections: HashMap<u64, (Instant, TcpStream)>,
}

fn lock(open: &Mutex<Open>) -> std::sync::MutexGuard<'_, Open> {
    // The map stays consistent whatever a panicking holder did: every change is one call.
    open.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts a connection's thread, or turns it away when every place is taken.
fn accept(mut stream: TcpStream, builder: &SessionBuilder, session: &Session, open: &Arc<Mutex<Open>>, limits: Limits) {
    let _ = stream.set_write_timeout(Some(limits.idle));
    let id = {
        let mut open = lock(open);
        let handle = stream.try_clone();
        match handle {
            Ok(handle) if open.connections.len() < limits.max_connections => {
                open.next_id += 1;
                let id = open.next_id;
                open.connections.insert(id, (Instant::now() + limits.session, handle));
                id
            }
            _ => {
                let _ = stream.write_all(b"421 4.3.2 Too many connections, try again later\r\n");
                return;
            }
        }
    };
    let slot = Slot {
        open: Arc::clone(open),
        id,
    };
    let (builder, handler) = (builder.clone(), session.clone());
    let started = std::thread::Builder::new().name("smtp-session".into()).spawn(move || {
        let _slot = slot;
        if let Err(e) = converse(stream, &builder, handler, limits.idle) {
            log::debug!("SMTP connection ended: {e}");
        }
    });
    if let Err(e) = started {
        log::warn!("SMTP connection dropped: no thread for it: {e}");
    }
}

/// A connection's place among those served at once, given back when its thread ends.
struct Slot {
    open: Arc<Mutex<Open>>,
    id: u64,
}

impl Drop for Slot {
    fn drop(&mut self) {
        lock(&self.open).connections.remove(&self.id);
    }
}

/// Ends the connections past their time: a client trickling a byte now and then never idles
/// long enough for the read timeout.
fn reap(open: &Mutex<Open>, limits: Limits) {
    let tick = limits.session.min(Duration::from_secs(1));
    loop {
        std::thread::sleep(tick);
        let now = Instant::now();
        for (deadline, stream) in lock(open).connections.values() {
            if *deadline <= now {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }
}

/// One SMTP conversation, line by line; a read timeout (silence) or a shutdown ends it.
fn converse(stream: TcpStream, builder: &SessionBuilder, handler: Session, idle: Duration) -> std::io::Result<()> {
    stream.set_read_timeout(Some(idle))?;
    let remote = stream.peer_addr().map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip());
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut session = builder.build(remote, handler);
    reply(&mut writer, &session.greeting())?;
    let mut line = Vec::with_capacity(256);
    loop {
        line.clear();
        let read = (&mut reader).take(MAX_LINE_BYTES).read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(());
        }
        if !line.ends_with(b"\n") && read as u64 == MAX_LINE_BYTES {
            return writer.write_all(b"500 5.5.6 Line too long\r\n");
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => {}
            Action::Reply => reply(&mut writer, &response)?,
            Action::Close | Action::UpgradeTls => return reply(&mut writer, &response),
        }
    }
}

fn reply(writer: &mut TcpStream, response: &Response) -> std::io::Result<()> {
    response.write_to(writer)?;
    writer.flush()
}
