//! A test SMTP relay that wants more than plain SMTP: AUTH PLAIN, STARTTLS or TLS from the first
//! byte, with a self-signed certificate for `localhost`. Built on mailin's `Session` (the library
//! under mailin-embedded) because mailin-embedded's `Server` cannot take AUTH without TLS and has
//! no implicit TLS.

use crate::helpers::unique_dir;
use mailin::{Action, AuthMechanism, Handler, Response, SessionBuilder};
use openssl::asn1::Asn1Time;
use openssl::ec::{EcGroup, EcKey};
use openssl::nid::Nid;
use openssl::pkey::PKey;
use openssl::ssl::{SslAcceptor, SslMethod};
use openssl::x509::extension::SubjectAlternativeName;
use openssl::x509::{X509Name, X509};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP, no AUTH.
    Plain,
    /// AUTH required, offered on a plain connection (what a relay on a private network may do).
    PlainAuth,
    /// AUTH offered only after STARTTLS.
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Implicit,
}

/// What the relay saw.
#[derive(Default, Debug)]
pub struct Seen {
    pub connections: usize,
    /// (authorization id, user, password) of each AUTH PLAIN.
    pub logins: Vec<(String, String, String)>,
    /// (envelope sender, recipients, over TLS) of each accepted mail.
    pub mails: Vec<(String, Vec<String>, bool)>,
}

pub struct TestRelay {
    pub port: u16,
    pub seen: Arc<Mutex<Seen>>,
    /// The certificate, for `SSL_CERT_FILE` of a client that should trust it.
    pub certificate: PathBuf,
}

/// Starts a relay on 127.0.0.1. It answers 550 to recipients whose address starts with `unknown`;
/// except `Plain`, it answers 530 to MAIL before AUTH.
pub fn start(security: Security) -> TestRelay {
    let (acceptor, certificate) = self_signed_localhost();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut builder = SessionBuilder::new("relay.test");
    match security {
        Security::Plain => {}
        Security::StartTls => {
            builder.enable_auth(AuthMechanism::Plain).enable_start_tls();
        }
        // mailin knows nothing of TLS underneath it in the implicit case.
        Security::PlainAuth | Security::Implicit => {
            builder
                .enable_auth(AuthMechanism::Plain)
                .insecure_enable_plaintext_auth();
        }
    }
    let seen = Arc::new(Mutex::new(Seen::default()));
    let relay_seen = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            relay_seen.lock().unwrap().connections += 1;
            let (builder, acceptor, seen) = (builder.clone(), acceptor.clone(), Arc::clone(&relay_seen));
            std::thread::spawn(move || drop(serve(stream, &builder, &acceptor, security, seen)));
        }
    });
    TestRelay {
        port,
        seen,
        certificate,
    }
}

fn serve(
    stream: TcpStream,
    builder: &SessionBuilder,
    acceptor: &SslAcceptor,
    security: Security,
    seen: Arc<Mutex<Seen>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let encrypted = Arc::new(AtomicBool::new(false));
    let recorder = Recorder {
        seen,
        encrypted: Arc::clone(&encrypted),
        from: String::new(),
        to: Vec::new(),
    };
    let mut session = builder.build(IpAddr::from([127, 0, 0, 1]), recorder);
    if security == Security::Implicit {
        let mut tls = acceptor.accept(stream)?;
        encrypted.store(true, Ordering::SeqCst);
        session.greeting().write_to(&mut tls)?;
        converse(&mut session, tls)?;
        return Ok(());
    }
    let mut stream = stream;
    session.greeting().write_to(&mut stream)?;
    if let Some(plain) = converse(&mut session, stream)? {
        let tls = acceptor.accept(plain)?;
        encrypted.store(true, Ordering::SeqCst);
        session.tls_active();
        converse(&mut session, tls)?;
    }
    Ok(())
}

/// Answers commands until the client leaves; returns the stream when it asked for STARTTLS.
fn converse<H: Handler, S: Read + Write>(session: &mut mailin::Session<H>, stream: S) -> std::io::Result<Option<S>> {
    let mut stream = BufReader::new(stream);
    let mut line = Vec::new();
    loop {
        line.clear();
        if stream.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let response = session.process(&line);
        if response.action == Action::NoReply {
            continue;
        }
        response.write_to(stream.get_mut())?;
        stream.get_mut().flush()?;
        match response.action {
            Action::Close => return Ok(None),
            // The client waits for this answer before its handshake: nothing is left buffered.
            Action::UpgradeTls => return Ok(Some(stream.into_inner())),
            Action::Reply | Action::NoReply => {}
        }
    }
}

struct Recorder {
    seen: Arc<Mutex<Seen>>,
    encrypted: Arc<AtomicBool>,
    from: String,
    to: Vec<String>,
}

impl Handler for Recorder {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_string();
        self.to.clear();
        mailin::response::OK
    }
    fn rcpt(&mut self, to: &str) -> Response {
        if to.starts_with("unknown") {
            return mailin::response::NO_MAILBOX;
        }
        self.to.push(to.to_string());
        mailin::response::OK
    }
    fn data_end(&mut self) -> Response {
        let encrypted = self.encrypted.load(Ordering::SeqCst);
        let mail = (self.from.clone(), std::mem::take(&mut self.to), encrypted);
        self.seen.lock().unwrap().mails.push(mail);
        mailin::response::OK
    }
    fn auth_plain(&mut self, authorization_id: &str, authentication_id: &str, password: &str) -> Response {
        let login = (authorization_id.into(), authentication_id.into(), password.into());
        self.seen.lock().unwrap().logins.push(login);
        mailin::response::AUTH_OK
    }
}

/// A key and a self-signed certificate for `localhost` and 127.0.0.1; returns the acceptor and
/// the certificate's PEM file.
fn self_signed_localhost() -> (Arc<SslAcceptor>, PathBuf) {
    let key =
        PKey::from_ec_key(EcKey::generate(&EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap()).unwrap()).unwrap();
    let mut name = X509Name::builder().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut x509 = X509::builder().unwrap();
    x509.set_version(2).unwrap();
    x509.set_subject_name(&name).unwrap();
    x509.set_issuer_name(&name).unwrap();
    x509.set_pubkey(&key).unwrap();
    x509.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
    x509.set_not_after(&Asn1Time::days_from_now(1).unwrap()).unwrap();
    let san = SubjectAlternativeName::new()
        .dns("localhost")
        .ip("127.0.0.1")
        .build(&x509.x509v3_context(None, None))
        .unwrap();
    x509.append_extension(san).unwrap();
    x509.sign(&key, openssl::hash::MessageDigest::sha256()).unwrap();
    let certificate = x509.build();
    let path = unique_dir().join("relay.pem");
    std::fs::write(&path, certificate.to_pem().unwrap()).unwrap();
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_private_key(&key).unwrap();
    acceptor.set_certificate(&certificate).unwrap();
    (Arc::new(acceptor.build()), path)
}
