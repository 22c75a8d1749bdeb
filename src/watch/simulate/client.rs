//! A minimal blocking HTTP/1.1 client: POSTs over one kept-alive TCP connection per thread.
//!
//! Enough for talking to our own server on a local or trusted network — plain `http://`, no
//! redirects, no proxies. A client crate would bring TLS and more than the simulator needs; the
//! test helpers speak raw HTTP the same way.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// How long connecting, writing or waiting for an answer may take.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer body read (ours are a few hundred bytes).
const MAX_BODY: usize = 1 << 20;

/// Why a base URL is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("URL「{0}」: http://ホスト:ポート の形で指定してください (expected http://host[:port], no path; https is not supported)")]
pub struct UrlError(pub String);

/// Why a request got no answer.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("malformed answer: {0}")]
    Malformed(String),
}

/// Where the server is: `http://host:port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Without brackets, for connecting.
    host: String,
    port: u16,
}

impl BaseUrl {
    pub fn parse(url: &str) -> Result<BaseUrl, UrlError> {
        let bad = || UrlError(url.to_string());
        let rest = url
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
            .map(|_| &url[7..])
            .ok_or_else(bad)?;
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.is_empty() || authority.contains(['/', '?', '#', '@']) {
            return Err(bad());
        }
        let (host, port) = match authority.strip_prefix('[') {
            // [::1]:8080
            Some(v6) => {
                let (host, after) = v6.split_once(']').ok_or_else(bad)?;
                match after {
                    "" => (host, None),
                    _ => (host, Some(after.strip_prefix(':').ok_or_else(bad)?)),
                }
            }
            None => match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        let port = match port {
            Some(p) => p.parse().ok().filter(|p| *p > 0).ok_or_else(bad)?,
            None => 80,
        };
        if host.is_empty() {
            return Err(bad());
        }
        Ok(BaseUrl {
            host: host.to_string(),
            port,
        })
    }

    /// `host:port` for the Host header (IPv6 in brackets).
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// An answer: its status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    /// The `Retry-After` header in seconds, if the answer had one.
    pub retry_after: Option<Duration>,
}

/// One connection to the server, opened on first use and kept alive between requests.
#[derive(Debug)]
pub struct Client {
    base: BaseUrl,
    conn: Option<BufReader<TcpStream>>,
}

/// How an exchange failed: `Stale` when a kept-alive connection had been closed by the server
/// before it read the request, which is safe to send again on a new connection.
enum Failure {
    Stale(ClientError),
    Other(ClientError),
}

impl Client {
    pub fn new(base: BaseUrl) -> Client {
        Client { base, conn: None }
    }

    /// POSTs `body` to `path` with these extra headers (Host and Content-Length are added).
    ///
    /// A server may close an idle kept-alive connection at any time; if the connection turns out
    /// closed before any byte of an answer, the request is sent once more on a new one.
    pub fn post(&mut self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Response, ClientError> {
        self.send("POST", path, headers, body)
    }

    /// GETs `path` (benchmarks fetch pages with a phone's User-Agent in `headers`).
    pub fn get(&mut self, path: &str, headers: &[(&str, &str)]) -> Result<Response, ClientError> {
        self.send("GET", path, headers, b"")
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Response, ClientError> {
        let request = self.request(method, path, headers, body);
        let reused = self.conn.is_some();
        match self.exchange(&request) {
            Ok(response) => Ok(response),
            Err(Failure::Stale(_)) if reused => self.exchange(&request).map_err(Failure::into_error),
            Err(failure) => Err(failure.into_error()),
        }
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.base.authority());
        if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("user-agent")) {
            head.push_str("User-Agent: hiroba-simulate\r\n");
        }
        if method != "GET" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        request
    }

    /// Sends one request and reads its answer; the connection is dropped on any failure.
    fn exchange(&mut self, request: &[u8]) -> Result<Response, Failure> {
        let outcome = self.try_exchange(request);
        if !matches!(&outcome, Ok((_, true))) {
            self.conn = None;
        }
        outcome.map(|(response, _)| response)
    }

    /// The answer, and whether the connection may be used again.
    fn try_exchange(&mut self, request: &[u8]) -> Result<(Response, bool), Failure> {
        let conn = match &mut self.conn {
            Some(conn) => conn,
            None => self
                .conn
                .insert(connect(&self.base).map_err(|e| Failure::Other(e.into()))?),
        };
        if let Err(e) = conn.get_mut().write_all(request) {
            return Err(Failure::Stale(e.into()));
        }
        let mut status_line = Vec::new();
        match conn.read_until(b'\n', &mut status_line) {
            Ok(0) => {
                let eof = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed");
                return Err(Failure::Stale(eof.into()));
            }
            Ok(_) => {}
            Err(e) if status_line.is_empty() && is_reset(&e) => return Err(Failure::Stale(e.into())),
            Err(e) => return Err(Failure::Other(e.into())),
        }
        read_response(conn, &status_line).map_err(Failure::Other)
    }
}

impl Failure {
    fn into_error(self) -> ClientError {
        match self {
            Failure::Stale(e) | Failure::Other(e) => e,
        }
    }
}

fn connect(base: &BaseUrl) -> std::io::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect((base.host.as_str(), base.port))?;
    // One write per request; no waiting for more to fill a segment.
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    Ok(BufReader::new(stream))
}

fn is_reset(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
    )
}

/// Reads headers and body after the status line; says whether the connection stays open.
fn read_response(conn: &mut BufReader<TcpStream>, status_line: &[u8]) -> Result<(Response, bool), ClientError> {
    let line = String::from_utf8_lossy(status_line);
    let mut parts = line.split_whitespace();
    let version = parts.next().unwrap_or_default();
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .filter(|_| version.starts_with("HTTP/1."))
        .ok_or_else(|| ClientError::Malformed(format!("status line {:?}", line.trim_end())))?;
    let mut keep_alive = version == "HTTP/1.1";
    let (mut length, mut chunked, mut retry_after) = (None, false, None);
    loop {
        let header = read_line(conn)?;
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(ClientError::Malformed(format!("header {header:?}")));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                let n: usize = value
                    .parse()
                    .map_err(|_| ClientError::Malformed(format!("Content-Length {value:?}")))?;
                length = Some(n);
            }
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "connection" => keep_alive = !value.eq_ignore_ascii_case("close"),
            "retry-after" => retry_after = value.parse().ok().map(Duration::from_secs),
            _ => {}
        }
    }
    let body = if chunked {
        read_chunked(conn)?
    } else if let Some(n) = length {
        if n > MAX_BODY {
            return Err(ClientError::Malformed(format!("body of {n} bytes")));
        }
        let mut body = vec![0; n];
        conn.read_exact(&mut body)?;
        body
    } else if status == 204 || status == 304 || status < 200 {
        Vec::new()
    } else {
        // Delimited by the end of the connection.
        keep_alive = false;
        let mut body = Vec::new();
        conn.take(MAX_BODY as u64).read_to_end(&mut body)?;
        body
    };
    Ok((
        Response {
            status,
            body,
            retry_after,
        },
        keep_alive,
    ))
}

fn read_chunked(conn: &mut BufReader<TcpStream>) -> Result<Vec<u8>, ClientError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(conn)?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size =
            usize::from_str_radix(size, 16).map_err(|_| ClientError::Malformed(format!("chunk size {line:?}")))?;
        if size == 0 {
            // Trailers, then the empty line.
            while !read_line(conn)?.is_empty() {}
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(ClientError::Malformed("body too large".into()));
        }
        let start = body.len();
        body.resize(start + size, 0);
        conn.read_exact(&mut body[start..])?;
        if !read_line(conn)?.is_empty() {
            return Err(ClientError::Malformed("chunk without CRLF".into()));
        }
    }
}

/// One line without its CRLF; the end of the connection here is an error.
fn read_line(conn: &mut BufReader<TcpStream>) -> Result<String, ClientError> {
    let mut line = Vec::new();
    if conn.read_until(b'\n', &mut line)? == 0 {
        return Err(ClientError::Malformed("connection closed inside the answer".into()));
    }
    let text = String::from_utf8_lossy(&line);
    Ok(text.trim_end_matches(['\r', '\n']).to_string())
}

#[cfg(test)]
mod tests;
