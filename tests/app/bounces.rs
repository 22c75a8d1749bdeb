//! Bounces for watch alerts: only our tagged VERP addresses and real DSNs for the row's recipient
//! are believed, and one hard bounce never silences a guardian (mail-in, SMTP listener, worker).

use crate::helpers::mail::{fixture, mail_in, DOMAIN};
use crate::helpers::watch::{member, send, Watch};
use crate::helpers::TestApp;
use crate::smtp::{converse, listen};
use diesel::prelude::*;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::outbox::OutboxMail;
use hiroba::db::models::watch::school::School;
use hiroba::db::schema::mail_bounces;
use hiroba::domain::mail_route::verp_address;
use hiroba::domain::role::Role;

const MOTHER: &str = "yuta.mama@docomo.ne.jp";
const TEACHER: &str = "teacher@kashiwa-es.example.jp";

/// The guardian's watch mails, newest first.
fn alerts_to(app: &TestApp) -> Vec<OutboxMail> {
    let mails = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), MOTHER).unwrap();
    mails.into_iter().filter(|m| m.kind == "watch_pass").collect()
}

fn health(app: &TestApp) -> String {
    MailAddress::find(&mut app.pool.get().unwrap(), MOTHER)
        .unwrap()
        .unwrap()
        .health
}

/// Our bounce address of the guardian's newest alert.
fn our_verp(app: &TestApp) -> (i64, String) {
    let id = alerts_to(app)[0].id;
    let key = hiroba::mail::bounce_key(&mut app.pool.get().unwrap(), None).unwrap();
    (id, verp_address(id, MOTHER, DOMAIN, &key))
}

/// A docomo DSN (5.1.1) for `final_recipient`.
fn dsn(final_recipient: &str) -> Vec<u8> {
    String::from_utf8(fixture("bounce-docomo-unknown.eml"))
        .unwrap()
        .replace("hanako.old@docomo.ne.jp", final_recipient)
        .into_bytes()
}

/// What anyone can write: a plain-text 「550 5.1.1」.
fn plain_text_550(id: i64) -> Vec<u8> {
    format!(
        "From: MAILER-DAEMON@mx.example.jp\r\nSubject: failure notice\r\nMessage-ID: <forged-{id}@mx.example.jp>\r\n\r\n\
         <{MOTHER}>:\r\n550 5.1.1 <{MOTHER}>... User unknown\r\n"
    )
    .into_bytes()
}

/// The guardian (a member, so her address has a health) with her child, and a teacher on staff.
fn school_with_staff(app: &TestApp) -> Watch {
    member(app, MOTHER, &[Role::Guardian]);
    let watch = Watch::new(app, &[MOTHER]);
    let teacher = member(app, TEACHER, &[Role::Teacher]);
    School::add_staff(&mut app.pool.get().unwrap(), watch.school.id, teacher).unwrap();
    watch
}

db_test! {
    fn forged_bounces_are_refused_at_the_door_and_never_silence_a_guardian(app: Empty) {
        let watch = school_with_staff(&app);
        send(&app, &watch.gate, &[(1, &watch.tag, 5, Some("in"))]);
        assert_eq!(app.run_jobs().mails, 1);
        let (id, verp) = our_verp(&app);
        // The old guessable form, and the new form with a made-up tag: nobody's address.
        let untagged = format!("bounce-{id:07}-yuta.mama=docomo.ne.jp@{DOMAIN}");
        let guessed = format!("bounce-{id:07}-0123456789abcdef-yuta.mama=docomo.ne.jp@{DOMAIN}");
        for address in [&untagged, &guessed] {
            assert_eq!(mail_in(&app.database_url, address, &plain_text_550(id), &[]), 67, "{address}");
            assert_eq!(mail_in(&app.database_url, address, &dsn(MOTHER), &[]), 67, "{address}");
        }
        let port = listen(&app, 1 << 20);
        let codes = converse(port, &[
            b"EHLO mx.example.jp\r\n",
            b"MAIL FROM:<mailer-daemon@mx.example.jp>\r\n",
            format!("RCPT TO:<{untagged}>\r\n").as_bytes(),
            format!("RCPT TO:<{guessed}>\r\n").as_bytes(),
            format!("RCPT TO:<{verp}>\r\n").as_bytes(),
            b"QUIT\r\n",
        ]);
        assert_eq!(codes, [220, 250, 250, 550, 550, 250, 221], "refused at RCPT, ours accepted");
        // At our own address: a plain-text 550, and a DSN for somebody else, are not believed.
        assert_eq!(mail_in(&app.database_url, &verp, &plain_text_550(id), &[]), 0);
        assert_eq!(mail_in(&app.database_url, &verp, &dsn("someone.else@docomo.ne.jp"), &[]), 0);
        app.run_jobs();
        assert_eq!(health(&app), "ok");
        let bounces: i64 = mail_bounces::table.count().get_result(&mut app.pool.get().unwrap()).unwrap();
        assert_eq!(bounces, 0);
        assert!(OutboxMail::to_recipient(&mut app.pool.get().unwrap(), TEACHER).unwrap().is_empty());
    }
}

db_test! {
    fn one_hard_bounce_tells_the_staff_and_alerts_stop_only_after_three_over_two_days(app: Empty) {
        let watch = school_with_staff(&app);
        send(&app, &watch.gate, &[(1, &watch.tag, 25 * 60, Some("in"))]);
        assert_eq!(app.run_jobs().mails, 1);
        // A real DSN at our address: the address is marked, the staff are told.
        let (_, verp) = our_verp(&app);
        assert_eq!(mail_in(&app.database_url, &verp, &dsn(MOTHER), &[]), 0);
        assert_eq!(app.run_jobs().mails, 1, "the staff's mail");
        assert_eq!(health(&app), "unknown_user");
        let told = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), TEACHER).unwrap();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].kind, "watch_bounce");
        assert!(told[0].body.contains(MOTHER) && told[0].body.contains("送り続けています"), "{}", told[0].body);
        // The next pass is still mailed to her.
        send(&app, &watch.gate, &[(2, &watch.tag, 0, Some("in"))]);
        app.run_jobs();
        assert_eq!(alerts_to(&app)[0].status, "sent", "one bounce does not silence a guardian");
        // Two more hard bounces, the first of them yesterday: now alerts stop.
        let mut conn = app.pool.get().unwrap();
        for _ in 0..2 {
            hiroba::db::models::mail_bounce::record(&mut conn, None, MOTHER, "docomo", Some("5.1.1"), "unknown_user").unwrap();
        }
        let first: i64 = mail_bounces::table.select(mail_bounces::id).order(mail_bounces::id).first(&mut conn).unwrap();
        diesel::update(mail_bounces::table.find(first))
            .set(mail_bounces::received_at.eq(hiroba::db::now() - chrono::Duration::days(1)))
            .execute(&mut conn)
            .unwrap();
        drop(conn);
        send(&app, &watch.waypoint, &[(1, &watch.tag, 0, None)]);
        app.run_jobs();
        assert_eq!(alerts_to(&app)[0].status, "failed", "three hard bounces over two days");
    }
}
