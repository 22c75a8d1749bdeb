//! The reader API over real HTTP: signatures, replays, clock skew, idempotent batches, debounce,
//! alert mails and their recipients, reader health, retention — on both backends.

use crate::helpers::watch::{member, post_signed, send, Watch};
use diesel::prelude::*;
use hiroba::db::models::outbox::OutboxMail;
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::models::watch::school::School;
use hiroba::db::schema::{passes, reader_events};
use hiroba::domain::role::Role;

const MOTHER: &str = "yuta.mama@docomo.ne.jp";
const FATHER: &str = "yuta.papa@example.jp";

/// The fixture child's passes.
fn count_passes(app: &crate::helpers::TestApp, watch: &Watch) -> i64 {
    passes::table
        .filter(passes::child_id.eq(watch.child.id))
        .count()
        .get_result(&mut app.pool.get().unwrap())
        .unwrap()
}

/// Events of the fixture school's readers.
fn count_events(app: &crate::helpers::TestApp, watch: &Watch) -> i64 {
    reader_events::table
        .filter(reader_events::reader_id.eq_any([watch.gate.id, watch.waypoint.id]))
        .count()
        .get_result(&mut app.pool.get().unwrap())
        .unwrap()
}

fn mails_to(app: &crate::helpers::TestApp, address: &str) -> Vec<OutboxMail> {
    OutboxMail::to_recipient(&mut app.pool.get().unwrap(), address).unwrap()
}

db_test! {
    fn a_pass_at_the_gate_mails_both_guardians_at_once(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER, FATHER]);
        let res = send(&app, &watch.gate, &[(1, "04a1b2c3", 5, Some("in"))]);
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json(), serde_json::json!({"accepted": 1, "duplicates": 0, "unknown_tags": 0, "late": 0, "future": 0}));
        for address in [MOTHER, FATHER] {
            let mails = mails_to(&app, address);
            assert_eq!(mails.len(), 1, "{address}");
            let mail = &mails[0];
            assert_eq!(mail.kind, "watch_pass");
            assert!(mail.subject.starts_with("[見守り] ゆうたさん 正門 "), "{}", mail.subject);
            assert!(mail.body.contains("ゆうたさんが "), "{}", mail.body);
            assert!(mail.body.contains(" に 正門 を通過しました（登校）"), "{}", mail.body);
            assert!(mail.body.contains(&format!("/watch/children/{}", watch.child.id)), "{}", mail.body);
            assert!(!mail.body.contains("山田"), "no full name in a mail: {}", mail.body);
            // Alerts are worth an hour at most.
            let lifetime = mail.expires_at.unwrap() - mail.created_at;
            assert_eq!(lifetime, chrono::Duration::hours(1));
        }
        assert_eq!(app.run_jobs().mails, 2, "both go out");
    }
}

db_test! {
    fn a_retried_batch_is_acknowledged_and_creates_nothing(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        let batch = [(10, "04A1B2C3", 30, None), (11, "FFFF0001", 20, None)];
        let first = send(&app, &watch.gate, &batch);
        assert_eq!(first.json(), serde_json::json!({"accepted": 2, "duplicates": 0, "unknown_tags": 1, "late": 0, "future": 0}));
        // The same events again (re-signed, as a reader retries after a lost answer).
        let again = send(&app, &watch.gate, &batch);
        assert_eq!(again.status, 200);
        assert_eq!(again.json(), serde_json::json!({"accepted": 0, "duplicates": 2, "unknown_tags": 0, "late": 0, "future": 0}));
        assert_eq!(count_events(&app, &watch), 2);
        assert_eq!(count_passes(&app, &watch), 1);
        assert_eq!(mails_to(&app, MOTHER).len(), 1);
        // Half old, half new.
        let mixed = send(&app, &watch.gate, &[(11, "FFFF0001", 20, None), (12, "FFFF0002", 10, None)]);
        assert_eq!(mixed.json(), serde_json::json!({"accepted": 1, "duplicates": 1, "unknown_tags": 1, "late": 0, "future": 0}));
        assert_eq!(app.run_jobs().mails, 1, "one pass, one mail");
    }
}

db_test! {
    fn reads_within_three_minutes_are_one_pass(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        // A child lingering at the gate: three reads within 2 minutes, in one batch and the next.
        send(&app, &watch.gate, &[(1, "04A1B2C3", 150, None), (2, "04A1B2C3", 100, None)]);
        send(&app, &watch.gate, &[(3, "04A1B2C3", 40, None)]);
        assert_eq!(count_passes(&app, &watch), 1);
        assert_eq!(mails_to(&app, MOTHER).len(), 1);
        // The same tag at another reader is another pass.
        send(&app, &watch.waypoint, &[(1, "04A1B2C3", 30, None)]);
        assert_eq!(count_passes(&app, &watch), 2);
        let mails = mails_to(&app, MOTHER);
        assert_eq!(mails.len(), 2);
        assert!(mails[0].body.contains("学童クラブ前 を通過しました\n"), "waypoints have no 登校/下校: {}", mails[0].body);
        assert_eq!(app.run_jobs().mails, 2, "two passes, two mails");
    }
}

db_test! {
    fn a_read_after_the_window_is_a_new_pass(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        send(&app, &watch.gate, &[(1, "04A1B2C3", 600, Some("in"))]);
        send(&app, &watch.gate, &[(2, "04A1B2C3", 60, Some("out"))]);
        assert_eq!(count_passes(&app, &watch), 2);
        let mails = mails_to(&app, MOTHER);
        assert!(mails[0].body.contains("（下校）"), "{}", mails[0].body);
        assert!(mails[1].body.contains("（登校）"), "{}", mails[1].body);
        assert_eq!(app.run_jobs().mails, 2, "two passes, two mails");
    }
}

db_test! {
    fn quiet_hours_and_chosen_readers_decide_who_is_mailed(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER, FATHER, "grandma@ezweb.ne.jp", "a4@example.jp", "a5@example.jp", "a6@example.jp"]);
        let mut conn = app.pool.get().unwrap();
        assert!(matches!(
            Recipient::upsert(&mut conn, watch.child.id, "seventh@example.jp", "叔母", None),
            Err(hiroba::db::models::watch::recipient::AddRecipientError::TooMany)
        ));
        let recipients = Recipient::of_child(&mut conn, watch.child.id).unwrap();
        // The father is quiet all day long (00:00–23:59); grandma wants only the waypoint.
        Recipient::set_choices(&mut conn, recipients[1].id, Some((0, 24 * 60 - 1)), None).unwrap();
        Recipient::set_choices(&mut conn, recipients[2].id, None, Some(&[watch.waypoint.id])).unwrap();
        drop(conn);
        send(&app, &watch.gate, &[(1, "04A1B2C3", 5, None)]);
        assert_eq!(mails_to(&app, MOTHER).len(), 1);
        assert_eq!(mails_to(&app, FATHER).len(), 0, "quiet hours");
        assert_eq!(mails_to(&app, "grandma@ezweb.ne.jp").len(), 0, "not her reader");
        for other in ["a4@example.jp", "a5@example.jp", "a6@example.jp"] {
            assert_eq!(mails_to(&app, other).len(), 1, "{other}");
        }
        send(&app, &watch.waypoint, &[(1, "04A1B2C3", 5, None)]);
        assert_eq!(mails_to(&app, "grandma@ezweb.ne.jp").len(), 1);
        assert_eq!(app.run_jobs().mails, 9, "the mails that were queued go out");
    }
}

db_test! {
    fn forged_replayed_and_late_requests_are_refused_and_store_nothing(app: Empty) {
        app.expect_leftover_jobs("the mail of the one accepted request is not what this test is about");
        let watch = Watch::new(&app, &[MOTHER]);
        let body = serde_json::json!([{"seq": 1, "tag": "04A1B2C3", "read_at": chrono::Utc::now().to_rfc3339(), "direction": null}]).to_string();
        let now = chrono::Utc::now().timestamp();
        let path = format!("/api/v1/readers/{}/events", watch.gate.id);
        let code = |res: &crate::helpers::Response| res.json()["error"].as_str().unwrap_or_default().to_string();

        // Signed with another reader's secret.
        let other = hiroba::watch::signature::sign(watch.waypoint.secret.as_bytes(), now, "POST", &path, body.as_bytes());
        let forged = app.request("POST", &path, &[
            ("Content-Type", "application/json"),
            ("X-Hiroba-Timestamp", &now.to_string()),
            ("X-Hiroba-Signature", &other),
        ], Some(body.as_bytes()));
        assert_eq!((forged.status, code(&forged)), (401, "bad_signature".into()));
        let unsigned = app.request("POST", &path, &[("Content-Type", "application/json")], Some(body.as_bytes()));
        assert_eq!((unsigned.status, code(&unsigned)), (401, "missing_timestamp".into()));
        let skewed = post_signed(&app, &watch.gate, "events", &body, now - 301);
        assert_eq!((skewed.status, code(&skewed)), (401, "clock_skew".into()));
        assert_eq!(count_events(&app, &watch), 0);

        // A captured request played again.
        let signature = hiroba::watch::signature::sign(watch.gate.secret.as_bytes(), now, "POST", &path, body.as_bytes());
        let headers = [
            ("Content-Type", "application/json"),
            ("X-Hiroba-Timestamp", &*now.to_string()),
            ("X-Hiroba-Signature", &*signature),
        ];
        let first = app.request("POST", &path, &headers, Some(body.as_bytes()));
        assert_eq!(first.status, 200, "{}", first.text());
        let replay = app.request("POST", &path, &headers, Some(body.as_bytes()));
        assert_eq!((replay.status, code(&replay)), (409, "replayed".into()));
        assert_eq!(count_events(&app, &watch), 1);

        // A body changed after signing.
        let tampered = body.replace("04A1B2C3", "04A1B2C4");
        let res = app.request("POST", &path, &headers, Some(tampered.as_bytes()));
        assert_eq!((res.status, code(&res)), (401, "bad_signature".into()));

        let unknown = app.request("POST", "/api/v1/readers/99999/events", &headers, Some(body.as_bytes()));
        assert_eq!((unknown.status, code(&unknown)), (404, "unknown_reader".into()));
        let form = app.request("POST", &path, &[("Content-Type", "application/x-www-form-urlencoded")], Some(b"a=b"));
        assert_eq!((form.status, code(&form)), (415, "unsupported_media_type".into()));
        assert!(form.header("content-type").unwrap_or_default().starts_with("application/json"));
    }
}

db_test! {
    fn a_bad_batch_is_refused_whole_with_its_position(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        let now = chrono::Utc::now();
        let body = serde_json::json!([
            {"seq": 1, "tag": "04A1B2C3", "read_at": now.to_rfc3339(), "direction": "in"},
            {"seq": 2, "tag": "04A1B2C3", "read_at": "yesterday", "direction": "in"},
        ]).to_string();
        let res = post_signed(&app, &watch.gate, "events", &body, now.timestamp());
        assert_eq!(res.status, 400);
        let json = res.json();
        assert_eq!(json["error"], "invalid_value");
        assert_eq!(json["index"], 1);
        assert_eq!(json["field"], "read_at");
        assert_eq!(count_events(&app, &watch), 0, "nothing of a refused batch is stored");
        assert!(mails_to(&app, MOTHER).is_empty());
        let big = format!("[{}]", vec![r#"{"seq":1,"tag":"A","read_at":"2026-01-01T00:00:00Z"}"#; 6000].join(","));
        let res = post_signed(&app, &watch.gate, "events", &big, now.timestamp());
        assert_eq!((res.status, res.json()["error"].clone()), (413, "too_large".into()));
    }
}

db_test! {
    fn a_silent_reader_is_reported_once_and_its_return_too(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        let teacher = "teacher@kashiwa-es.example.jp";
        let teacher_id = member(&app, teacher, &[Role::Teacher]);
        let mut conn = app.pool.get().unwrap();
        School::add_staff(&mut conn, watch.school.id, teacher_id).unwrap();
        drop(conn);
        let beat = post_signed(&app, &watch.gate, "heartbeat", r#"{"battery": 80, "firmware": "1.2.0"}"#, chrono::Utc::now().timestamp());
        assert_eq!(beat.status, 200, "{}", beat.text());

        // 45 minutes later, on a weekday at 10:00 JST, the gate has said nothing (30 allowed).
        let now = hiroba::db::now();
        let days_to_monday = (7 - chrono::Datelike::weekday(&hiroba::domain::time::jst(now)).num_days_from_monday()) % 7;
        let monday = (hiroba::domain::time::jst(now) + chrono::Duration::days(i64::from(days_to_monday))).date_naive();
        let ten = monday.and_hms_opt(10, 0, 0).unwrap() - chrono::Duration::hours(9);
        let mut conn = app.pool.get().unwrap();
        diesel::update(hiroba::db::schema::readers::table.find(watch.gate.id))
            .set(hiroba::db::schema::readers::last_seen_at.eq(ten - chrono::Duration::minutes(45)))
            .execute(&mut conn)
            .unwrap();
        let settings = &app.state.ctx.settings;
        assert_eq!(hiroba::watch::health::check(&mut conn, settings, ten).unwrap(), 1);
        assert_eq!(hiroba::watch::health::check(&mut conn, settings, ten).unwrap(), 0, "reported once");
        // At 22:00 nobody is told about the waypoint that never spoke.
        let mails = mails_to(&app, teacher);
        assert_eq!(mails.len(), 1);
        assert!(mails[0].subject.contains("「正門」の応答がありません"), "{}", mails[0].subject);
        drop(conn);

        let back = post_signed(&app, &watch.gate, "heartbeat", "", chrono::Utc::now().timestamp() + 1);
        assert_eq!(back.status, 200, "{}", back.text());
        let mails = mails_to(&app, teacher);
        assert_eq!(mails.len(), 2);
        assert!(mails[0].subject.contains("「正門」が復旧しました"), "{}", mails[0].subject);
        let battery: Option<i32> = hiroba::db::schema::readers::table
            .find(watch.gate.id)
            .select(hiroba::db::schema::readers::battery)
            .first(&mut app.pool.get().unwrap())
            .unwrap();
        assert_eq!(battery, Some(80));
        assert_eq!(app.run_jobs().mails, 2, "the report and the return go out");
    }
}

db_test! {
    fn an_emergency_button_mails_volunteers_staff_and_guardians(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        let mut conn = app.pool.get().unwrap();
        hiroba::db::models::watch::emergency_contact::EmergencyContact::add(&mut conn, watch.school.id, "ボランティア", "volunteer@example.jp").unwrap();
        let recipients = Recipient::of_child(&mut conn, watch.child.id).unwrap();
        Recipient::set_choices(&mut conn, recipients[0].id, Some((0, 24 * 60 - 1)), None).unwrap();
        drop(conn);
        let now = chrono::Utc::now();
        let body = serde_json::json!([{"seq": 7, "tag": "04A1B2C3", "read_at": now.to_rfc3339(), "type": "emergency"}]).to_string();
        let res = post_signed(&app, &watch.waypoint, "events", &body, now.timestamp());
        assert_eq!(res.status, 200, "{}", res.text());
        for address in ["volunteer@example.jp", MOTHER] {
            let mails = mails_to(&app, address);
            assert_eq!(mails.len(), 1, "{address} (quiet hours do not hold back an emergency)");
            assert_eq!(mails[0].kind, "watch_emergency");
            assert!(mails[0].body.contains("3年2組 ゆうたさん"), "{}", mails[0].body);
            assert!(mails[0].body.contains("学童クラブ前"), "{}", mails[0].body);
        }
        assert_eq!(count_passes(&app, &watch), 0, "a button press is not a pass");
        // Pressed again and again: one alarm.
        let body = serde_json::json!([{"seq": 8, "tag": "04A1B2C3", "read_at": now.to_rfc3339(), "type": "emergency"}]).to_string();
        assert_eq!(post_signed(&app, &watch.waypoint, "events", &body, now.timestamp() + 1).status, 200);
        assert_eq!(mails_to(&app, "volunteer@example.jp").len(), 1);
        assert_eq!(app.run_jobs().mails, 2, "one alarm each goes out");
    }
}

db_test! {
    fn a_late_upload_is_recorded_but_not_mailed(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        // A reader back after an outage uploads this morning's reads two hours late.
        let res = send(&app, &watch.gate, &[(1, "04A1B2C3", 2 * 3600, Some("in"))]);
        assert_eq!(res.json(), serde_json::json!({"accepted": 1, "duplicates": 0, "unknown_tags": 0, "late": 1, "future": 0}));
        assert_eq!(count_passes(&app, &watch), 1);
        assert!(mails_to(&app, MOTHER).is_empty());
    }
}

db_test! {
    fn a_read_dated_ahead_of_our_clock_is_recorded_but_neither_a_pass_nor_mailed(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        let mut conn = app.pool.get().unwrap();
        hiroba::db::models::watch::emergency_contact::EmergencyContact::add(&mut conn, watch.school.id, "ボランティア", "volunteer@example.jp").unwrap();
        drop(conn);
        // A reader whose event times went wrong: a read dated in 2100, an emergency an hour ahead.
        let now = chrono::Utc::now();
        let in_2100 = chrono::DateTime::parse_from_rfc3339("2100-04-08T08:00:00+09:00").unwrap();
        let body = serde_json::json!([
            {"seq": 1, "tag": "04A1B2C3", "read_at": in_2100.to_rfc3339()},
            {"seq": 2, "tag": "04A1B2C3", "read_at": (now + chrono::Duration::hours(1)).to_rfc3339(), "type": "emergency"},
        ]).to_string();
        let res = post_signed(&app, &watch.gate, "events", &body, now.timestamp());
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json(), serde_json::json!({"accepted": 2, "duplicates": 0, "unknown_tags": 0, "late": 0, "future": 2}));
        assert_eq!(count_events(&app, &watch), 2, "both are kept for the record");
        assert_eq!(count_passes(&app, &watch), 0);
        assert!(mails_to(&app, MOTHER).is_empty());
        assert!(mails_to(&app, "volunteer@example.jp").is_empty());
        // Four minutes ahead is within the clock error the protocol allows: a pass and its mail.
        let res = send(&app, &watch.gate, &[(3, "04A1B2C3", -240, None)]);
        assert_eq!(res.json(), serde_json::json!({"accepted": 1, "duplicates": 0, "unknown_tags": 0, "late": 0, "future": 0}));
        assert_eq!(count_passes(&app, &watch), 1);
        assert_eq!(app.run_jobs().mails, 1);
    }
}

db_test! {
    fn old_passes_are_deleted_by_the_retention_job(app: Empty) {
        app.expect_leftover_jobs("the pass mail to the guardian is not what this test is about");
        let watch = Watch::new(&app, &[MOTHER]);
        send(&app, &watch.gate, &[(1, &watch.tag, 60, None)]);
        let mut conn = app.pool.get().unwrap();
        let settings = &app.state.ctx.settings;
        let now = hiroba::db::now();
        let kept = hiroba::watch::retention::purge(&mut conn, settings, now).unwrap();
        assert_eq!((kept.passes, kept.events), (0, 0));
        let year_on = now + chrono::Duration::days(366);
        let purged = hiroba::watch::retention::purge(&mut conn, settings, year_on).unwrap();
        assert!(purged.passes >= 1 && purged.events >= 1, "{purged:?}");
        assert!(purged.signatures >= 1, "replay guard entries expire too");
        drop(conn);
        assert_eq!(count_passes(&app, &watch), 0);
    }
}

db_test! {
    fn copies_of_one_batch_sent_at_once_are_stored_once(app: Empty) {
        let watch = Watch::new(&app, &[MOTHER]);
        let events: Vec<(u64, String, i64, Option<&str>)> =
            (1..=20).map(|seq| (seq, if seq == 1 { watch.tag.clone() } else { format!("FFFF{seq:04}") }, 30, None)).collect();
        let accepted: Vec<u64> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|_| {
                    s.spawn(|| {
                        let batch: Vec<(u64, &str, i64, Option<&str>)> =
                            events.iter().map(|(seq, tag, ago, d)| (*seq, tag.as_str(), *ago, *d)).collect();
                        let res = send(&app, &watch.gate, &batch);
                        assert_eq!(res.status, 200, "{}", res.text());
                        let json = res.json();
                        assert_eq!(json["accepted"].as_u64().unwrap() + json["duplicates"].as_u64().unwrap(), 20);
                        json["accepted"].as_u64().unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(accepted.iter().sum::<u64>(), 20, "{accepted:?}");
        assert_eq!(count_events(&app, &watch), 20);
        assert_eq!(mails_to(&app, MOTHER).len(), 1);
        assert_eq!(app.run_jobs().mails, 1, "one mail goes out, not one per copy");
    }
}

db_test! {
    fn alerts_leave_as_each_phone_reads_them(app: Empty) {
        let docomo = "yuta.mama@docomo.ne.jp";
        let au = "yuta.baaba@ezweb.ne.jp";
        let pc = "yuta.papa@example.jp";
        let watch = Watch::new(&app, &[docomo, au, pc]);
        send(&app, &watch.gate, &[(1, &watch.tag, 5, Some("out"))]);
        app.run_jobs();
        let hiroba::config::Transport::Directory(dir) = &app.state.ctx.settings.mail.transport else {
            panic!("tests write mail to a directory");
        };
        let files: Vec<Vec<u8>> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        for (address, charset) in [(docomo, "ISO-2022-JP"), (au, "ISO-2022-JP"), (pc, "UTF-8")] {
            let raw = files
                .iter()
                .find(|f| String::from_utf8_lossy(f).contains(&format!("To: {address}")))
                .unwrap_or_else(|| panic!("no mail to {address}"));
            let text = String::from_utf8_lossy(raw);
            assert!(text.to_ascii_uppercase().contains(&format!("CHARSET={charset}")), "{address}: {text}");
            let parsed = mail_parser::MessageParser::default().parse(raw).unwrap();
            assert!(parsed.subject().unwrap().starts_with("[見守り] ゆうたさん 正門"), "{address}");
            let body = parsed.body_text(0).unwrap();
            assert!(body.contains("を通過しました（下校）"), "{address}: {body}");
        }
    }
}

db_test! {
    fn alerts_are_claimed_before_mail_queued_earlier(app: Empty) {
        app.expect_leftover_jobs("the claimed rows stay as a worker that died would leave them; the rest is never run");
        use hiroba::db::models::outbox::MailKind;
        let watch = Watch::new(&app, &[MOTHER]);
        let mut conn = app.pool.get().unwrap();
        // A mail magazine's worth of ordinary mail is already waiting…
        for i in 0..30 {
            OutboxMail::queue(&mut conn, MailKind::TestMail, &format!("reader{i}@example.jp"), "テスト", "本文").unwrap();
        }
        drop(conn);
        // …when a child passes the gate.
        send(&app, &watch.gate, &[(1, &watch.tag, 5, None)]);
        let claimed = OutboxMail::claim(&mut app.pool.get().unwrap(), 5).unwrap();
        assert_eq!(claimed.len(), 5);
        assert_eq!(claimed[0].recipient, MOTHER, "{:?}", claimed.iter().map(|m| &m.kind).collect::<Vec<_>>());
        assert_eq!(claimed[0].kind, "watch_pass");
        assert!(claimed[1..].iter().all(|m| m.kind == "test_mail"));
    }
}
