//! Mail in: `hiroba mail-in` as Postfix runs it (exit statuses only 0/65/67/75), redelivery, and
//! every mail of tests/data/mail through storing, the job and the post it becomes.

use crate::helpers::app::{spawn, Seed};
use crate::helpers::mail::{fixture, mail_in, mail_in_from, mail_in_with_closed_output, member_with, DOMAIN};
use crate::helpers::{Backend, TestApp};
use hiroba::db::models::inbound_mail::InboundMail;
use hiroba::db::models::photo::PhotoInfo;
use hiroba::db::models::thread::Thread;
use std::process::{Command, Stdio};

fn inbound_count(app: &TestApp) -> i64 {
    InboundMail::count(&mut app.pool.get().unwrap()).unwrap()
}

db_test! {
    fn mail_in_answers_only_with_the_statuses_postfix_understands(app: Empty) {
        app.expect_leftover_jobs("the stored mails wait for their processing job, which mail_flows follows");
        let url = app.database_url.clone();
        let entry = format!("entry@{DOMAIN}");
        let plain = fixture("docomo-iso2022jp-plain.eml");
        assert_eq!(mail_in(&url, &entry, &plain, &[]), 0);
        assert_eq!(inbound_count(&app), 1);
        // Redelivery (Postfix retries after a lost answer) stores nothing new.
        assert_eq!(mail_in(&url, &entry, &plain, &[]), 0);
        assert_eq!(inbound_count(&app), 1);
        // A message without Message-ID is keyed by its hash: the same bytes again are a redelivery.
        let softbank = fixture("softbank-nosubject.eml");
        assert_eq!(mail_in(&url, &entry, &softbank, &[]), 0);
        assert_eq!(mail_in(&url, &entry, &softbank, &[]), 0);
        assert_eq!(inbound_count(&app), 2);

        assert_eq!(mail_in(&url, &format!("nobody@{DOMAIN}"), &plain, &[]), 67);
        assert_eq!(mail_in(&url, &format!("post-aaaaaaaaaaaaaaaa@{DOMAIN}"), &plain, &[]), 67);
        assert_eq!(mail_in(&url, "entry@elsewhere.example.jp", &plain, &[]), 67);
        assert_eq!(mail_in(&url, &entry, b"", &[]), 65);
        assert_eq!(mail_in(&url, &entry, b"\x00\x01garbage without any header\n", &[]), 65);
        assert_eq!(mail_in(&url, &entry, &plain, &[("HIROBA_MAIL_MAX_BYTES", "100")]), 65);
        assert_eq!(mail_in(&url, &entry, &plain, &[("HIROBA_MAIL_IN_FAULT", "panic")]), 75);
        assert_eq!(mail_in("postgres://nobody@127.0.0.1:1/none", &entry, &plain, &[]), 75);
        assert_eq!(mail_in("/proc/hiroba-cannot-write-here/hiroba.db", &entry, &plain, &[]), 75);
        assert_eq!(mail_in(&url, &entry, &plain, &[("HIROBA_MAIL_DOMAIN", "not a domain")]), 75);
        assert_eq!(inbound_count(&app), 2, "refused mail left nothing behind");
    }
}

db_test! {
    fn mail_in_answers_the_same_statuses_when_stdout_and_stderr_are_closed_pipes(app: Empty) {
        app.expect_leftover_jobs("the stored mail waits for its processing job");
        let url = app.database_url.clone();
        let entry = format!("entry@{DOMAIN}");
        let plain = fixture("docomo-iso2022jp-plain.eml");
        let closed = |recipient: &str, message: &[u8], env: &[(&str, &str)]| {
            mail_in_with_closed_output(&url, recipient, message, env)
        };
        assert_eq!(closed(&entry, &plain, &[("RUST_LOG", "info")]), 0);
        assert_eq!(closed(&entry, &plain, &[("RUST_LOG", "info")]), 0, "redelivery");
        assert_eq!(closed(&format!("nobody@{DOMAIN}"), &plain, &[]), 67);
        assert_eq!(closed(&entry, b"", &[]), 65);
        assert_eq!(closed(&entry, &plain, &[("HIROBA_MAIL_IN_FAULT", "panic")]), 75);
        assert_eq!(closed(&entry, &plain, &[("HIROBA_MAIL_DOMAIN", "not a domain")]), 75);
        assert_eq!(inbound_count(&app), 1);

        let mut bad_line = Command::new(env!("CARGO_BIN_EXE_hiroba"))
            .args(["mail-in", "--recipeint", "x"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(bad_line.stdout.take());
        drop(bad_line.stderr.take());
        assert_eq!(bad_line.wait().unwrap().code(), Some(75));
    }
}

#[test]
fn a_locked_sqlite_database_is_a_temporary_failure() {
    use diesel::connection::SimpleConnection;
    let app = crate::helpers::spawn_empty(Backend::Sqlite);
    let mut conn = app.pool.get().unwrap();
    conn.batch_execute("BEGIN EXCLUSIVE").unwrap();
    let status = mail_in(
        &app.database_url,
        &format!("entry@{DOMAIN}"),
        &fixture("docomo-iso2022jp-plain.eml"),
        &[],
    );
    conn.batch_execute("ROLLBACK").unwrap();
    assert_eq!(status, 75);
    assert_eq!(inbound_count(&app), 0);
}

#[test]
fn a_bad_command_line_keeps_the_mail_queued() {
    let status = Command::new(env!("CARGO_BIN_EXE_hiroba"))
        .args(["mail-in", "--recipeint", "x"])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(75));
}

/// What a fixture's JSON says a correct reader recovers.
fn expected(name: &str) -> serde_json::Value {
    let json = fixture(&name.replace(".eml", ".json"));
    serde_json::from_slice(&json).unwrap()
}

db_test! {
    fn every_fixture_mailed_to_a_posting_address_becomes_the_post_its_json_describes(app: Empty) {
        let names = [
            "au-jis-emoji.eml", "au-nec-row13.eml", "au-photo-gps.eml", "docomo-decomail.eml",
            "docomo-iso2022jp-plain.eml", "docomo-sjis-emoji.eml", "iphone-halfwidth-kana.eml",
            "iphone-utf8-emoji-photo.eml", "mixed-charsets.eml", "softbank-nosubject.eml",
            "softbank-sjis-emoji.eml", "softbank-utf8-pua.eml",
        ];
        let mut posting = std::collections::HashMap::new();
        for name in names {
            let want = expected(name);
            let from = want["from"].as_str().unwrap().to_string();
            let to = posting.entry(from.clone()).or_insert_with(|| member_with(&app, &from)).clone();
            assert_eq!(mail_in(&app.database_url, &to, &fixture(name), &[]), 0, "{name}");
            app.run_jobs();
            let mut conn = app.pool.get().unwrap();
            let mail_id = hiroba::db::schema::inbound_mails::table
                .select(diesel::dsl::max(hiroba::db::schema::inbound_mails::id))
                .first::<Option<i64>>(&mut *conn)
                .map(|id| id.unwrap())
                .unwrap();
            let post = Thread::from_mail(&mut conn, mail_id).unwrap().unwrap_or_else(|| {
                let mail = InboundMail::find(&mut conn, mail_id).unwrap();
                panic!("{name}: no post ({} / {:?})", mail.status, mail.outcome)
            });
            let body = want["body"].as_str().unwrap();
            let subject = want["subject"].as_str().unwrap();
            if name == "iphone-halfwidth-kana.eml" {
                // Half-width kana may be kept or made full-width (the fixture allows both).
                assert!(post.body.ends_with("の前で待っています"), "{name}: {}", post.body);
            } else {
                assert_eq!(post.body, body, "{name}: body");
                if !subject.is_empty() {
                    assert_eq!(post.title, subject, "{name}: title");
                }
            }
            let photos = PhotoInfo::of_thread(&mut conn, post.id).unwrap();
            assert_eq!(photos.len() as u64, want["photos"].as_u64().unwrap(), "{name}: photos");
        }
    }
}

use diesel::prelude::*;

db_test! {
    fn mail_in_processes_running_at_once_all_store_their_mail(app: Empty) {
        app.expect_leftover_jobs("the stored mails wait for their processing job, which mail_flows follows");
        // Postfix delivers to several pipe(8) processes in parallel.
        let url = app.database_url.clone();
        let entry = format!("entry@{DOMAIN}");
        let plain = String::from_utf8(fixture("docomo-iso2022jp-plain.eml")).unwrap();
        let statuses: Vec<i32> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let message = plain.replacen("Message-ID: <", &format!("Message-ID: <parallel-{i}."), 1);
                    let (url, entry) = (&url, &entry);
                    s.spawn(move || mail_in(url, entry, message.as_bytes(), &[]))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(statuses, vec![0; 8]);
        assert_eq!(inbound_count(&app), 8);
    }
}

db_test! {
    fn a_post_by_mail_needs_the_envelope_sender_of_its_from_and_no_fail_from_our_mta(backend: Backend) {
        let app = spawn(backend, Seed::Empty, |s| s.mail.authserv_id = Some("mx.hiroba.example.jp".into()));
        let from = "hanako.k@docomo.ne.jp";
        let to = member_with(&app, from);
        let plain = String::from_utf8(fixture("docomo-iso2022jp-plain.eml")).unwrap();
        // Each delivery is a new message (another Message-ID), with these fields on top.
        let delivered = |n: usize, sender: &str, fields: &str| {
            let raw = format!("{fields}{}", plain.replacen("Message-ID: <", &format!("Message-ID: <auth-{n}."), 1));
            assert_eq!(mail_in_from(&app.database_url, &to, sender, raw.as_bytes()), 0);
            app.run_jobs();
            let mut conn = app.pool.get().unwrap();
            let id = hiroba::db::schema::inbound_mails::table
                .select(diesel::dsl::max(hiroba::db::schema::inbound_mails::id))
                .first::<Option<i64>>(&mut *conn)
                .unwrap()
                .unwrap();
            let posted = Thread::from_mail(&mut conn, id).unwrap().is_some();
            (posted, InboundMail::find(&mut conn, id).unwrap().outcome.unwrap_or_default())
        };
        let (posted, outcome) = delivered(1, "mallory@example.com", "");
        assert!(!posted && outcome.contains("envelope sender"), "{outcome}");
        let (posted, outcome) = delivered(2, "", "");
        assert!(!posted && outcome.contains("envelope sender"), "{outcome}");
        let ours_fail = "Authentication-Results: mx.hiroba.example.jp;\r\n\tspf=pass smtp.mailfrom=docomo.ne.jp;\r\n\tdmarc=fail header.from=docomo.ne.jp\r\n";
        let (posted, outcome) = delivered(3, from, ours_fail);
        assert!(!posted && outcome.contains("dmarc=fail"), "{outcome}");
        // A verdict the sender wrote itself (another authserv-id) is no verdict.
        let theirs = "Authentication-Results: mx.hiroba.example.jp.evil.example; spf=pass\r\nAuthentication-Results: relay.example; spf=fail\r\n";
        let (posted, outcome) = delivered(4, &format!("<{}>", from.to_uppercase()), theirs);
        assert!(posted, "{outcome}");
        let ours_pass = "Authentication-Results: mx.hiroba.example.jp; spf=pass smtp.mailfrom=docomo.ne.jp; dkim=none\r\n";
        let (posted, outcome) = delivered(5, from, ours_pass);
        assert!(posted, "{outcome}");
    }
}

db_test! {
    fn processed_inbound_mail_is_purged_after_its_retention_period(app: Empty) {
        app.expect_leftover_jobs("the mail to entry@ is left waiting for its job on purpose");
        let to = member_with(&app, "hanako.k@docomo.ne.jp");
        let plain = fixture("docomo-iso2022jp-plain.eml");
        assert_eq!(mail_in(&app.database_url, &to, &plain, &[]), 0);
        app.run_jobs();
        assert_eq!(mail_in(&app.database_url, &format!("entry@{DOMAIN}"), &plain, &[]), 0);
        let mut conn = app.pool.get().unwrap();
        let posted = hiroba::db::schema::threads::table
            .select(hiroba::db::schema::threads::id)
            .first::<i64>(&mut *conn)
            .unwrap();
        let settings = &app.state.ctx.settings;
        assert_eq!(settings.mail.inbound_retention_days, 30);
        let now = hiroba::db::now();
        let purge = hiroba::mail::inbound::retention::purge;
        assert_eq!(purge(&mut conn, settings, now + chrono::Duration::days(29)).unwrap(), 0);
        assert_eq!(purge(&mut conn, settings, now + chrono::Duration::days(31)).unwrap(), 1);
        drop(conn);
        assert_eq!(inbound_count(&app), 1, "the mail still waiting for its job stays");
        let mut conn = app.pool.get().unwrap();
        assert!(Thread::find(&mut conn, posted).unwrap().is_some(), "the post stays");
    }
}
