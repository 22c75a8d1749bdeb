//! Real SMTP on sockets in both directions: our listener receives; our workers deliver to a test
//! SMTP server (mailin-embedded, recording what it accepts), one mail per outbox row even with
//! two workers claiming at once.

use crate::helpers::mail::{fixture, member_with, test_smtp_server, worker_with_smtp, DOMAIN};
use crate::helpers::TestApp;
use hiroba::db::models::inbound_mail::InboundMail;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::mail::inbound::listener::Limits;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// Speaks SMTP: each element is a command or a whole DATA content ending in CRLF.CRLF, and gets
/// one reply; returns the greeting's and each reply's code.
pub fn converse(port: u16, lines: &[&[u8]]) -> Vec<u16> {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // A listener that does not answer fails the test rather than hanging it.
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
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

/// Starts our SMTP listener on a free port; returns the port.
pub fn listen(app: &TestApp, max_bytes: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    hiroba::mail::inbound::listener::spawn(listener, app.pool.clone(), DOMAIN, None, max_bytes).unwrap();
    port
}

db_test! {
    fn our_smtp_listener_stores_before_250_and_refuses_as_postfix_would(app: Empty) {
        app.expect_leftover_jobs("the listener's part ends with the stored mail and its processing job");
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

db_test! {
    fn our_workers_deliver_each_row_once_over_smtp_with_verp_and_au_jis_emoji(app: Empty) {
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
        let key = hiroba::mail::bounce_key(&mut app.pool.get().unwrap(), None).unwrap();
        let tag = hiroba::domain::mail_route::verp_tag(&key, ids[0], "mama0@ezweb.ne.jp");
        assert_eq!(from, &format!("bounce-{:07}-{tag}-mama0=ezweb.ne.jp@{DOMAIN}", ids[0]));
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

db_test! {
    fn a_message_to_several_of_our_addresses_is_kept_once_until_its_last_recipient_is_purged(app: Empty) {
        let port = listen(&app, 64 * 1024);
        let poster = member_with(&app, "hanako.k@docomo.ne.jp");
        let mut message = fixture("docomo-iso2022jp-plain.eml");
        message.extend_from_slice(b"\r\n.\r\n");
        let to_poster = format!("RCPT TO:<{poster}>\r\n");
        let codes = converse(port, &[
            b"EHLO phone.example\r\n",
            b"MAIL FROM:<hanako.k@docomo.ne.jp>\r\n",
            to_poster.as_bytes(),
            b"RCPT TO:<entry@hiroba.example.jp>\r\n",
            // The same address twice is one delivery.
            b"RCPT TO:<ENTRY@hiroba.example.jp>\r\n",
            b"DATA\r\n",
            &message,
            b"QUIT\r\n",
        ]);
        assert_eq!(codes, [220, 250, 250, 250, 250, 250, 354, 250, 221]);
        let mut conn = app.pool.get().unwrap();
        assert_eq!(InboundMail::count(&mut conn).unwrap(), 2, "one row per recipient");
        assert_eq!(InboundMail::message_count(&mut conn).unwrap(), 1, "one copy of the bytes");
        drop(conn);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        // The first rows of a fresh database.
        for id in [1, 2] {
            assert_eq!(InboundMail::find(&mut conn, id).unwrap().raw, message[..message.len() - 3], "row {id} reads the message");
        }
        let settings = &app.state.ctx.settings;
        let purge = hiroba::mail::inbound::retention::purge;
        assert_eq!(purge(&mut conn, settings, hiroba::db::now() + chrono::Duration::days(31)).unwrap(), 2);
        assert_eq!(InboundMail::message_count(&mut conn).unwrap(), 0, "the bytes went with the last row");
    }
}

db_test! {
    fn our_smtp_listener_takes_at_most_100_recipients_per_transaction(app: Empty) {
        let port = listen(&app, 64 * 1024);
        let mut lines: Vec<Vec<u8>> = vec![b"EHLO relay.example\r\n".to_vec(), b"MAIL FROM:<hanako.k@docomo.ne.jp>\r\n".to_vec()];
        lines.extend((0..101).map(|_| format!("RCPT TO:<entry@{DOMAIN}>\r\n").into_bytes()));
        let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        let codes = converse(port, &lines);
        assert_eq!(codes[..3], [220, 250, 250]);
        assert!(codes[3..103].iter().all(|&c| c == 250), "{codes:?}");
        assert_eq!(codes[103], 452, "the 101st recipient waits for another transaction");
    }
}

db_test! {
    fn slow_smtp_clients_cannot_keep_mail_out(app: Empty) {
        app.expect_leftover_jobs("the stored mail waits for its processing job");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let limits = Limits {
            max_connections: 6,
            idle: Duration::from_secs(2),
            session: Duration::from_secs(4),
        };
        hiroba::mail::inbound::listener::spawn_with(listener, app.pool.clone(), DOMAIN, None, 64 * 1024, limits).unwrap();
        // Four clients that say hello and then nothing (mailin-embedded served four at a time).
        let idle: Vec<TcpStream> = (0..4).map(|_| greeted(port)).collect();
        // A fifth that trickles a byte a second, never silent long enough for the idle limit.
        let trickler = greeted(port);
        let trickling = std::thread::spawn(move || {
            let mut stream = trickler;
            for _ in 0..20 {
                if stream.write_all(b"N").is_err() {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            false
        });
        // Mail still gets in while they wait.
        let mut message = fixture("docomo-iso2022jp-plain.eml");
        message.extend_from_slice(b"\r\n.\r\n");
        let codes = converse(port, &[
            b"EHLO phone.example\r\n",
            b"MAIL FROM:<hanako.k@docomo.ne.jp>\r\n",
            b"RCPT TO:<entry@hiroba.example.jp>\r\n",
            b"DATA\r\n",
            &message,
            b"QUIT\r\n",
        ]);
        assert_eq!(codes, [220, 250, 250, 250, 354, 250, 221]);
        // The silent ones are closed after the idle limit, the trickler after the session limit.
        for mut stream in idle {
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut rest = Vec::new();
            assert!(stream.read_to_end(&mut rest).is_ok(), "an idle client is closed");
        }
        assert!(trickling.join().unwrap(), "a trickling client is cut off");
        // Past the limit of connections at once, a client is told to come back later.
        let mut held = Vec::new();
        let refused = (0..8).any(|_| {
            let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reply = String::new();
            BufReader::new(&stream).read_line(&mut reply).unwrap();
            held.push(stream);
            reply.starts_with("421")
        });
        assert!(refused && held.len() <= 7, "{} connections at once", held.len());
    }
}

/// A connection that has read the greeting and says nothing more.
fn greeted(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut greeting = String::new();
    BufReader::new(&stream).read_line(&mut greeting).unwrap();
    assert!(greeting.starts_with("220"), "{greeting}");
    stream
}
