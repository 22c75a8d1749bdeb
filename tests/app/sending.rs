//! Sending the outbox when things go wrong (issue 17): a relay's 250 is never followed by a second
//! copy, slow relays and short leases make no duplicates, a dead worker's alerts go out within
//! seconds, the end of an outage ends every backoff, and a hanging relay does not hold alerts up.

use crate::helpers::faulty_relay::{FaultyRelay, Mode};
use crate::helpers::mail::DOMAIN;
use crate::helpers::TestApp;
use diesel::prelude::*;
use hiroba::config::Transport;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::now;
use hiroba::db::schema::outbox;
use hiroba::worker::Worker;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A worker of this app that sends to `url`, with a lease and a time per mail of its own.
fn worker(app: &TestApp, url: &str, lease_seconds: u64, timeout_seconds: u64) -> Worker {
    let mut settings = app.state.ctx.settings.clone();
    settings.mail.transport = Transport::Smtp(url.to_string());
    settings.mail.lease = Duration::from_secs(lease_seconds);
    settings.mail.send_timeout = Duration::from_secs(timeout_seconds);
    let ctx = hiroba::context::Context {
        settings,
        profiles: app.state.ctx.profiles.clone(),
        codec: app.state.ctx.codec.clone(),
    };
    Worker::new(Arc::new(ctx), app.pool.clone(), Default::default()).unwrap()
}

fn queue(app: &TestApp, kind: MailKind, recipients: &[&str]) -> Vec<i64> {
    let mut conn = app.pool.get().unwrap();
    recipients
        .iter()
        .map(|to| OutboxMail::queue(&mut conn, kind, to, "お迎え", "下校しました").unwrap())
        .collect()
}

fn status(app: &TestApp, id: i64) -> String {
    OutboxMail::find(&mut app.pool.get().unwrap(), id)
        .unwrap()
        .unwrap()
        .status
}

fn rename(app: &TestApp, from: &str, to: &str) {
    let mut conn = app.pool.get().unwrap();
    diesel::sql_query(format!("ALTER TABLE {from} RENAME TO {to}"))
        .execute(&mut *conn)
        .unwrap();
}

db_test! {
    fn a_mail_the_relay_accepted_goes_once_even_when_recording_it_fails(app: Empty) {
        let relay = FaultyRelay::start();
        let to = ["papa1@example.com", "papa2@example.com", "papa3@example.com"];
        let ids = queue(&app, MailKind::TestMail, &to);
        // The moment the relay takes the first mail, and before it says 250, the outbox goes away
        // under the worker (its database failing); the next MAIL FROM brings it back.
        let app = Arc::new(app);
        let (fired, hidden) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        {
            let (app, fired, hidden) = (Arc::clone(&app), Arc::clone(&fired), Arc::clone(&hidden));
            relay.on_accept(move |_| {
                if !fired.swap(true, Ordering::SeqCst) {
                    rename(&app, "outbox", "outbox_away");
                    hidden.store(true, Ordering::SeqCst);
                }
            });
        }
        {
            let (app, hidden) = (Arc::clone(&app), Arc::clone(&hidden));
            relay.on_mail(move |_| {
                if hidden.swap(false, Ordering::SeqCst) {
                    rename(&app, "outbox_away", "outbox");
                }
            });
        }
        let sender = worker(&app, &relay.url, 30, 10);
        let first = sender.run_until_idle();
        if hidden.swap(false, Ordering::SeqCst) {
            rename(&app, "outbox_away", "outbox");
        }
        // Time passes: whatever is still claimed has lost its lease (its worker is gone).
        let mut conn = app.pool.get().unwrap();
        diesel::update(outbox::table.filter(outbox::status.eq("sending")))
            .set(outbox::lease_until.eq(now() - chrono::Duration::seconds(1)))
            .execute(&mut *conn)
            .unwrap();
        drop(conn);
        sender.run_until_idle().unwrap();

        assert_eq!(relay.accepted(), to, "each mail handed over once (first round: {first:?})");
        for id in ids {
            assert_eq!(status(&app, id), "sent");
        }
    }
}

db_test! {
    fn two_workers_with_a_slow_relay_and_a_short_lease_send_each_mail_once(app: Empty) {
        let relay = FaultyRelay::start();
        // 12 mails at 0.35 s each take one worker over 4 s: longer than the 3 s lease.
        relay.set_delay(Duration::from_millis(350));
        let to: Vec<String> = (0..12).map(|n| format!("mama{n}@example.com")).collect();
        let ids = queue(&app, MailKind::TestMail, &to.iter().map(String::as_str).collect::<Vec<_>>());
        let app = Arc::new(app);
        let workers: Vec<_> = (0..2)
            .map(|n| {
                let (app, url) = (Arc::clone(&app), relay.url.clone());
                std::thread::spawn(move || {
                    // The second starts when the first has claimed, and keeps looking.
                    std::thread::sleep(Duration::from_millis(200 * n));
                    let sender = worker(&app, &url, 3, 1);
                    let deadline = Instant::now() + Duration::from_secs(30);
                    while Instant::now() < deadline {
                        sender.round().unwrap();
                        let left = hiroba::db::queue::Queue::Outbox.unfinished(&mut app.pool.get().unwrap()).unwrap();
                        if left == 0 {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap();
        }
        let mut accepted = relay.accepted();
        accepted.sort();
        let mut expected = to.clone();
        expected.sort();
        assert_eq!(accepted, expected, "every mail exactly once");
        let mut conn = app.pool.get().unwrap();
        for id in ids {
            let (status, attempts): (String, i32) =
                outbox::table.find(id).select((outbox::status, outbox::attempts)).first(&mut *conn).unwrap();
            // The live worker kept its lease: no row was left to run out and be claimed again.
            assert_eq!((status.as_str(), attempts), ("sent", 1), "mail {id}");
        }
    }
}

db_test! {
    fn an_alert_claimed_by_a_worker_that_was_killed_goes_out_within_seconds(app: Empty) {
        let relay = FaultyRelay::start();
        relay.set_mode(Mode::Hang);
        let ids = queue(&app, MailKind::WatchEmergency, &["mama@docomo.ne.jp"]);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hiroba"))
            .arg("worker")
            .env("HIROBA_DATABASE_URL", &app.database_url)
            .env("HIROBA_PROFILES_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles"))
            .env("HIROBA_MAIL_DOMAIN", DOMAIN)
            .env("HIROBA_SMTP_URL", &relay.url)
            .env("HIROBA_MAIL_LEASE_SECONDS", "3")
            .env("HIROBA_MAIL_SEND_TIMEOUT_SECONDS", "1")
            .env("RUST_LOG", "error")
            .spawn()
            .unwrap();
        // Killed while the relay holds the alert's data: its outcome is unknown.
        let deadline = Instant::now() + Duration::from_secs(20);
        while relay.hung().is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(relay.hung(), ["mama@docomo.ne.jp"], "the worker was sending the alert");
        assert_eq!(status(&app, ids[0]), "sending", "claimed by the dead worker");

        relay.set_mode(Mode::Up);
        let restarted = Instant::now();
        let sender = worker(&app, &relay.url, 3, 1);
        while status(&app, ids[0]) != "sent" && restarted.elapsed() < Duration::from_secs(20) {
            sender.run_until_idle().unwrap();
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(status(&app, ids[0]), "sent");
        assert!(restarted.elapsed() < Duration::from_secs(8), "sent {:?} after the restart", restarted.elapsed());
        assert_eq!(relay.accepted(), ["mama@docomo.ne.jp"]);
    }
}

db_test! {
    fn the_first_mail_after_an_outage_ends_every_waiting_mails_backoff(app: Empty) {
        let relay = FaultyRelay::start();
        relay.set_mode(Mode::Down);
        let waiting = queue(&app, MailKind::TestMail, &["papa1@example.com", "papa2@example.com"]);
        let sender = worker(&app, &relay.url, 30, 10);
        sender.run_until_idle().unwrap();
        let mut conn = app.pool.get().unwrap();
        for id in &waiting {
            let (status, next): (String, chrono::NaiveDateTime) = outbox::table
                .find(id)
                .select((outbox::status, outbox::next_attempt_at))
                .first(&mut *conn)
                .unwrap();
            assert_eq!(status, "pending");
            assert!(next > now() + chrono::Duration::seconds(20), "waits its backoff: {next}");
        }
        drop(conn);

        relay.set_mode(Mode::Up);
        let fresh = queue(&app, MailKind::TestMail, &["papa3@example.com"]);
        sender.run_until_idle().unwrap();
        for id in waiting.iter().chain(&fresh) {
            assert_eq!(status(&app, *id), "sent", "mail {id}");
        }
        let mut accepted = relay.accepted();
        accepted.sort();
        assert_eq!(accepted, ["papa1@example.com", "papa2@example.com", "papa3@example.com"]);
    }
}

db_test! {
    fn a_hanging_relay_session_does_not_hold_an_alert_up(app: Empty) {
        let relay = FaultyRelay::start();
        relay.set_mode(Mode::HangOnce);
        let alert = queue(&app, MailKind::WatchPass, &["mama@docomo.ne.jp"]);
        let other = queue(&app, MailKind::TestMail, &["papa@example.com"]);
        let started = Instant::now();
        worker(&app, &relay.url, 3, 1).run_until_idle().unwrap();
        assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
        assert_eq!(status(&app, alert[0]), "sent", "through a second session");
        assert_eq!(status(&app, other[0]), "sent");
        assert_eq!(relay.hung(), ["mama@docomo.ne.jp"]);
        assert_eq!(relay.accepted(), ["mama@docomo.ne.jp", "papa@example.com"]);
    }
}
