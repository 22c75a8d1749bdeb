//! The socket under lettre's SMTP client: TCP with `TCP_NODELAY`, and for `smtps://` TLS before
//! the greeting.
//!
//! Why we open it: lettre 0.11.23 writes a mail's body and then `\r\n.\r\n` as two writes, and
//! without `TCP_NODELAY` Nagle's algorithm holds the second until the relay's delayed ACK, 40 ms
//! per mail (docs/benchmarks.md, issue 5). lettre takes a caller's stream through
//! `AsyncSmtpConnection::connect_with_transport` and does all of SMTP on it.

use super::relay::{Relay, Tls};
use super::SendError;
use lettre::transport::smtp::client::AsyncTokioStream;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_native_tls::TlsStream;

/// How long one TCP connect may take (each address the host resolves to gets its own).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects to the relay, trying each address in turn as lettre does, and for `smtps://`
/// completes the TLS handshake. Run inside a timeout: name resolution and the handshake have none.
pub async fn open(relay: &Relay) -> Result<Box<dyn AsyncTokioStream>, SendError> {
    let tcp = connect(relay).await?;
    if relay.tls != Tls::Implicit {
        return Ok(Box::new(tcp));
    }
    // lettre's `TlsParameters::new` defaults: system roots, TLS 1.2 or newer, host name checked.
    let connector = native_tls::TlsConnector::builder()
        .min_protocol_version(Some(native_tls::Protocol::Tlsv12))
        .build()
        .map_err(|e| SendError::transient(format!("TLS: {e}")))?;
    let tls = tokio_native_tls::TlsConnector::from(connector)
        .connect(&relay.host, tcp)
        .await
        .map_err(|e| SendError::transient(format!("TLS with {}: {e}", relay.host)))?;
    Ok(Box::new(ImplicitTls(tls)))
}

async fn connect(relay: &Relay) -> Result<TcpStream, SendError> {
    let target = format!("{}:{}", relay.host, relay.port);
    let failed = |e: &dyn std::fmt::Display| SendError::transient(format!("Connection error: {target}: {e}"));
    let addresses = tokio::net::lookup_host((relay.connect_host(), relay.port))
        .await
        .map_err(|e| failed(&e))?;
    let mut last_error = None;
    for address in addresses {
        match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => {
                // The point of owning the socket (see the top of this file).
                stream.set_nodelay(true).map_err(|e| failed(&e))?;
                return Ok(stream);
            }
            Ok(Err(e)) => last_error = Some(e),
            Err(_) => last_error = Some(io::Error::new(io::ErrorKind::TimedOut, "connection timed out")),
        }
    }
    Err(match last_error {
        Some(e) => failed(&e),
        None => failed(&"could not resolve to any address"),
    })
}

/// A TLS stream from the first byte. lettre sees it as a plain stream (it cannot tell), which only
/// matters for STARTTLS, which `smtps://` never asks for.
#[derive(Debug)]
struct ImplicitTls(TlsStream<TcpStream>);

impl AsyncTokioStream for ImplicitTls {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.get_ref().get_ref().get_ref().peer_addr()
    }
}

impl AsyncRead for ImplicitTls {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for ImplicitTls {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}
