//! Our SMTP client against relays that ask for more than plain SMTP (AUTH from the URL, STARTTLS,
//! TLS from the first byte) and against relays that are not there: such mail waits for its retry.

use crate::helpers::TestApp;
use crate::mail_in::DOMAIN;
use crate::smtp::worker_with_smtp;
use crate::test_relay::{self, Security, TestRelay};
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn queue(app: &TestApp, recipients: &[&str]) -> Vec<i64> {
    let mut conn = app.pool.get().unwrap();
    recipients
        .iter()
        .map(|to| OutboxMail::queue(&mut conn, MailKind::TestMail, to, "お迎え", "下校しました").unwrap())
        .collect()
}

fn send_all(app: &TestApp, url: &str) {
    worker_with_smtp(app, url).run_until_idle().unwrap();
}

/// `hiroba worker --until-idle`, trusting `certificate` (or only the system's roots) for TLS.
fn send_all_in_a_process(app: &TestApp, url: &str, certificate: Option<&std::path::Path>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hiroba"));
    command
        .args(["worker", "--until-idle"])
        .env("HIROBA_DATABASE_URL", &app.database_url)
        .env(
            "HIROBA_PROFILES_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles"),
        )
        .env("HIROBA_MAIL_DOMAIN", DOMAIN)
        .env("HIROBA_SMTP_URL", url)
        .env("RUST_LOG", "error")
        .env_remove("SSL_CERT_FILE");
    if let Some(certificate) = certificate {
        // OpenSSL (under native-tls) reads this at the first TLS connection of the process.
        command.env("SSL_CERT_FILE", certificate);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn status(app: &TestApp, id: i64) -> String {
    OutboxMail::find(&mut app.pool.get().unwrap(), id)
        .unwrap()
        .unwrap()
        .status
}

/// Status, attempts and last error of a row that should be waiting for its retry.
fn waiting(app: &TestApp, id: i64) -> (String, i32, String) {
    use diesel::prelude::*;
    use hiroba::db::schema::outbox;
    let mut conn = app.pool.get().unwrap();
    let (status, attempts, error, next): (String, i32, Option<String>, chrono::NaiveDateTime) = outbox::table
        .find(id)
        .select((
            outbox::status,
            outbox::attempts,
            outbox::last_error,
            outbox::next_attempt_at,
        ))
        .first(&mut conn)
        .unwrap();
    assert!(next > chrono::Utc::now().naive_utc(), "mail {id} is due again later");
    (status, attempts, error.unwrap_or_default())
}

db_test! {
    fn credentials_in_the_url_reach_the_relay_percent_decoded_once_per_session(app) {
        let relay = test_relay::start(Security::PlainAuth);
        let ids = queue(&app, &["papa1@example.com", "papa2@example.com", "papa3@example.com"]);
        send_all(&app, &format!("smtp://hiroba%40example.jp:p%40ss%3Aw%2Frd@127.0.0.1:{}", relay.port));
        for id in ids {
            assert_eq!(status(&app, id), "sent");
        }
        let seen = relay.seen.lock().unwrap();
        assert_eq!(seen.logins, [(String::new(), "hiroba@example.jp".into(), "p@ss:w/rd".into())]);
        assert_eq!(seen.connections, 1, "one connection carries the batch");
        assert_eq!(seen.mails.len(), 3);
    }
}

db_test! {
    fn a_refused_recipient_costs_the_connection_and_the_next_mail_opens_another(app) {
        let relay = test_relay::start(Security::Plain);
        let ids = queue(&app, &["papa1@example.com", "unknown@example.com", "papa3@example.com"]);
        send_all(&app, &format!("smtp://127.0.0.1:{}", relay.port));
        assert_eq!(status(&app, ids[0]), "sent");
        assert_eq!(status(&app, ids[1]), "failed", "550 is permanent");
        assert_eq!(status(&app, ids[2]), "sent");
        // lettre sends QUIT after a refused command; the third mail needs a new connection.
        assert_eq!(relay.seen.lock().unwrap().connections, 2);
    }
}

db_test! {
    fn a_relay_that_is_not_there_leaves_the_mail_queued_for_a_retry(app) {
        // Nothing listens on this port any more: connection refused.
        let refused = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let ids = queue(&app, &["papa1@example.com", "papa2@example.com"]);
        send_all(&app, &format!("smtp://127.0.0.1:{refused}"));
        for id in ids {
            let (status, attempts, error) = waiting(&app, id);
            assert_eq!((status.as_str(), attempts), ("pending", 1), "{error}");
            assert!(error.contains("Connection error") && error.contains("refused"), "{error}");
        }

        // A relay that hangs up before its greeting (gone, or overloaded).
        let gone = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = gone.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&connections);
        std::thread::spawn(move || {
            for stream in gone.incoming() {
                counted.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        });
        let ids = queue(&app, &["mama1@example.com", "mama2@example.com", "mama3@example.com"]);
        send_all(&app, &format!("smtp://127.0.0.1:{port}"));
        for id in ids {
            let (status, attempts, error) = waiting(&app, id);
            assert_eq!((status.as_str(), attempts), ("pending", 1), "{error}");
        }
        assert_eq!(connections.load(Ordering::SeqCst), 1, "a session that cannot connect stops trying");
    }
}

db_test! {
    fn tls_required_never_falls_back_to_plain_smtp(app) {
        let relay = test_relay::start(Security::Plain);
        let ids = queue(&app, &["papa1@example.com"]);
        send_all(&app, &format!("smtp://u:p@127.0.0.1:{}?tls=required", relay.port));
        let (status, _, error) = waiting(&app, ids[0]);
        assert_eq!(status, "pending", "{error}");
        assert!(error.contains("STARTTLS"), "{error}");
        let seen = relay.seen.lock().unwrap();
        assert!(seen.logins.is_empty() && seen.mails.is_empty(), "{seen:?}");
    }
}

/// One mail through `relay` at `url`; returns whether it went over TLS, and the logins.
fn one_mail_over(app: &TestApp, relay: &TestRelay, url: &str) -> (bool, Vec<(String, String, String)>) {
    let ids = queue(app, &["papa1@example.com"]);
    send_all_in_a_process(app, url, Some(&relay.certificate));
    assert_eq!(status(app, ids[0]), "sent");
    let mut seen = relay.seen.lock().unwrap();
    let (_, to, encrypted) = seen.mails.pop().unwrap();
    assert_eq!(to, ["papa1@example.com"]);
    (encrypted, std::mem::take(&mut seen.logins))
}

db_test! {
    fn starttls_and_implicit_tls_carry_auth_and_mail_to_a_trusted_relay(app) {
        let login = vec![(String::new(), "u".to_string(), "p".to_string())];
        let starttls = test_relay::start(Security::StartTls);
        for tls in ["required", "opportunistic"] {
            let url = format!("smtp://u:p@localhost:{}?tls={tls}", starttls.port);
            assert_eq!(one_mail_over(&app, &starttls, &url), (true, login.clone()), "{url}");
        }
        let implicit = test_relay::start(Security::Implicit);
        let url = format!("smtps://u:p@localhost:{}", implicit.port);
        assert_eq!(one_mail_over(&app, &implicit, &url), (true, login));

        // The same relay without trusting its certificate: no mail, a retry later.
        let ids = queue(&app, &["papa2@example.com"]);
        send_all_in_a_process(&app, &url, None);
        let (status, _, error) = waiting(&app, ids[0]);
        assert_eq!(status, "pending", "{error}");
        assert!(error.contains("TLS"), "{error}");
        assert!(implicit.seen.lock().unwrap().mails.is_empty());
    }
}
