//! Real SMTP on sockets in both directions: our listener receives; our workers deliver to a test
//! SMTP server (mailin-embedded, recording what it accepts), one mail per outbox row even with
//! two workers claiming at once.

use crate::helpers::TestApp;
use crate::mail_in::{fixture, DOMAIN};
use hiroba::config::Transport;
use hiroba::db::models::inbound_mail::InboundMail;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::worker::Worker;
use mailin_embedded::{Handler, Response, Server, SslConfig};
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

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

/// Speaks SMTP: each element is a command or a whole DATA content ending in CRLF.CRLF, and gets
/// one reply; returns the greeting's and each reply's code.
fn converse(port: u16, lines: &[&[u8]]) -> Vec<u16> {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let read_reply = |reader: &mut BufReader<TcpStream>| loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.as_bytes().get(3) != Some(&b'-') {
            return line[..3].parse::<u16>().unwrap();
        }
    };
    let mut codes = vec![read_reply(&mut reader)];
    for line in lines {
        writer.write_all(line).unwrap();
        codes.push(read_reply(&mut reader));
    }
    codes
}

fn listen(app: &TestApp, max_bytes: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    hiroba::mail::inbound::listener::spawn(listener, app.pool.clone(), DOMAIN, max_bytes).unwrap();
    port
}

db_test! {
    fn our_smtp_listener_stores_before_250_and_refuses_as_postfix_would(app) {
        let port = listen(&app, 4096);
        let mut message = fixture("docomo-iso2022jp-plain.eml");
        message.extend_from_slice(b"\r\n.\r\n");
        let codes = converse(port, &[
            b"EHLO phone.example\r\n",
            b"MAIL FROM:<hanako.k@docomo.ne.jp>\r\n",
            b"RCPT TO:<nobody@hiroba.example.jp>\r\n",
            b"RCPT TO:<entry@hiroba.example.jp>\r\n",
            b"DATA\r\n",
            &message,
            b"QUIT\r\n",
        ]);
        assert_eq!(codes, [220, 250, 250, 550, 250, 354, 250, 221]);
        assert_eq!(InboundMail::count(&mut app.pool.get().unwrap()).unwrap(), 1);

        let mut big = b"Subject: big\r\n\r\n".to_vec();
        big.extend(std::iter::repeat_n(b'x', 5000));
        big.extend_from_slice(b"\r\n.\r\n");
        let codes = converse(port, &[
            b"HELO phone.example\r\n",
            b"MAIL FROM:<a@docomo.ne.jp>\r\n",
            b"RCPT TO:<entry@hiroba.example.jp>\r\n",
            b"DATA\r\n",
            &big,
        ]);
        assert_eq!(codes, [220, 250, 250, 250, 354, 552]);
        assert_eq!(InboundMail::count(&mut app.pool.get().unwrap()).unwrap(), 1);
    }
}

/// A worker on the app's database and profiles that sends to the SMTP server at `url`.
pub fn worker_with_smtp(app: &TestApp, url: &str) -> Worker {
    let mut settings = app.state.ctx.settings.clone();
    settings.mail.transport = Transport::Smtp(url.to_string());
    let ctx = hiroba::context::Context {
        settings,
        profiles: hiroba::keitai::ProfileRegistry::load(&app.state.ctx.settings.profiles_dir).unwrap(),
        codec: app.state.ctx.codec.clone(),
    };
    Worker::new(Arc::new(ctx), app.pool.clone(), Default::default()).unwrap()
}

db_test! {
    fn our_workers_deliver_each_row_once_over_smtp_with_verp_and_au_jis_emoji(app) {
        let (url, inbox) = test_smtp_server();
                let mut conn = app.pool.get().unwrap();
        let mut ids = Vec::new();
        for n in 0..60 {
            let to = if n % 2 == 0 { format!("mama{n}@ezweb.ne.jp") } else { format!("papa{n}@example.com") };
            ids.push(OutboxMail::queue(&mut conn, MailKind::TestMail, &to, "雨☔", "傘を忘れずに☔").unwrap());
        }
        drop(conn);
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let worker = worker_with_smtp(&app, &url);
                std::thread::spawn(move || worker.run_until_idle().unwrap())
            })
            .collect();
        let done: usize = workers.into_iter().map(|w| w.join().unwrap().mails).sum();
        assert_eq!(done, 60, "each row claimed by exactly one worker");
        let inbox = inbox.lock().unwrap();
        assert_eq!(inbox.len(), 60, "no mail sent twice, none lost");
        let mut message_ids: Vec<String> = inbox
            .iter()
            .map(|(_, _, data)| {
                let text = String::from_utf8_lossy(data);
                text.lines().find(|l| l.starts_with("Message-ID:")).unwrap().to_string()
            })
            .collect();
        message_ids.sort();
        message_ids.dedup();
        assert_eq!(message_ids.len(), 60);
        let (from, to, data) = inbox.iter().find(|(_, to, _)| to[0] == "mama0@ezweb.ne.jp").unwrap();
        assert_eq!(to.len(), 1);
        assert_eq!(from, &format!("bounce-{:07}-mama0=ezweb.ne.jp@{DOMAIN}", ids[0]));
        // au: ISO-2022-JP with ☔ as JIS 0x7545.
        let text = String::from_utf8_lossy(data);
        assert!(text.contains("charset=\"ISO-2022-JP\"") || text.contains("charset=ISO-2022-JP"), "{text}");
        assert!(data.windows(4).any(|w| w == b"$KuE"), "{text}");
        let mut conn = app.pool.get().unwrap();
        for id in ids {
            assert_eq!(OutboxMail::find(&mut conn, id).unwrap().unwrap().status, "sent");
        }
    }
}
