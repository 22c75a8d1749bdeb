//! Mail in tests: `hiroba mail-in` as Postfix runs it, the fixture mails, a member with a posting
//! address, and a recording SMTP server with an app state that sends to it.

use super::app::TestApp;
use hiroba::auth::admin::{add_member, AddMember};
use hiroba::config::Transport;
use hiroba::db::models::member::Member;
use hiroba::domain::role::{MemberStatus, Role};
use hiroba::worker::Worker;
use mailin_embedded::{Handler, Response, Server, SslConfig};
use std::io::Write;
use std::net::{IpAddr, TcpListener};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// The app's mail domain in tests (`HIROBA_MAIL_DOMAIN` of `mail_in`).
pub const DOMAIN: &str = "hiroba.example.jp";

/// A mail of `tests/data/mail`.
pub fn fixture(name: &str) -> Vec<u8> {
    super::data_file(&format!("mail/{name}"))
}

/// Runs `hiroba mail-in` on `message`; returns the exit status.
pub fn mail_in(database_url: &str, recipient: &str, message: &[u8], env: &[(&str, &str)]) -> i32 {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
    command
        .args(["mail-in", "--recipient", recipient, "--sender", "someone@docomo.ne.jp"])
        .env("HIROBA_DATABASE_URL", database_url)
        .env(
            "HIROBA_PROFILES_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles"),
        )
        .env("HIROBA_MAIL_DOMAIN", DOMAIN)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("run hiroba mail-in");
    // A refusal may come before all input is read (oversized mail): a broken pipe is fine.
    let _ = child.stdin.take().expect("stdin").write_all(message);
    let status = child.wait().expect("wait");
    status
        .code()
        .unwrap_or_else(|| panic!("mail-in ended without a status: {status:?}"))
}

/// An approved guardian with a verified address; returns the posting address.
pub fn member_with(app: &TestApp, address: &str) -> String {
    let mut conn = app.pool.get().unwrap();
    let (id, _) = add_member(
        &mut conn,
        &app.state.ctx.profiles,
        &AddMember {
            email: address,
            password: "mail-poster-1",
            roles: &[Role::Guardian],
            nickname: "ママ",
            real_name: "投稿 花子",
            area: None,
            status: MemberStatus::Approved,
        },
    )
    .unwrap();
    format!("post-{}@{DOMAIN}", Member::posting_token(&mut conn, id).unwrap())
}

/// One accepted message: envelope sender, recipients, bytes.
pub type Received = (String, Vec<String>, Vec<u8>);

#[derive(Clone, Default)]
struct Recorder {
    inbox: Arc<Mutex<Vec<Received>>>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_string();
        self.to.clear();
        self.data.clear();
        mailin_embedded::response::OK
    }
    fn rcpt(&mut self, to: &str) -> Response {
        self.to.push(to.to_string());
        mailin_embedded::response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        let message = (self.from.clone(), self.to.clone(), std::mem::take(&mut self.data));
        self.inbox.lock().unwrap().push(message);
        mailin_embedded::response::OK
    }
}

/// Starts a recording SMTP server; returns its URL for HIROBA_SMTP_URL and what it received.
pub fn test_smtp_server() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let recorder = Recorder::default();
    let inbox = Arc::clone(&recorder.inbox);
    let mut server = Server::new(recorder);
    server
        .with_name("mx.test")
        .with_num_threads(4)
        .with_tcp_listener(listener);
    server.with_ssl(SslConfig::None).unwrap();
    std::thread::spawn(move || drop(server.serve()));
    (format!("smtp://127.0.0.1:{port}"), inbox)
}

/// A worker on the app's database and profiles that sends to the SMTP server at `url`.
pub fn worker_with_smtp(app: &TestApp, url: &str) -> Worker {
    let mut settings = app.state.ctx.settings.clone();
    settings.mail.transport = Transport::Smtp(url.to_string());
    let ctx = hiroba::context::Context {
        settings,
        profiles: app.state.ctx.profiles.clone(),
        codec: app.state.ctx.codec.clone(),
    };
    Worker::new(Arc::new(ctx), app.pool.clone(), Default::default()).unwrap()
}
