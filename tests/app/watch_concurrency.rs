//! Reads that arrive at the same moment through two app servers on one database (as behind a load
//! balancer): the debounce and the emergency check must hold across them, on both backends.

use crate::helpers::builders::{ChildBuilder, SchoolBuilder};
use crate::helpers::watch::post_signed;
use crate::helpers::{spawn_beside, TestApp};
use diesel::prelude::*;
use hiroba::db::models::outbox::OutboxMail;
use hiroba::db::models::watch::reader::Reader;
use hiroba::db::schema::passes;
use std::sync::Barrier;

/// Children ゆうた0…, each with tag `TAG000n` and two guardians `n.mama@…`, `n.papa@…`.
const CHILDREN: usize = 6;

fn guardians(n: usize) -> [String; 2] {
    [format!("c{n}.mama@docomo.ne.jp"), format!("c{n}.papa@example.jp")]
}

/// A school with one gate and [`CHILDREN`] children; returns the gate and the children's ids.
fn school(app: &TestApp) -> (Reader, Vec<i64>) {
    let mut school = SchoolBuilder::new("柏第二小学校").gate("正門");
    for n in 0..CHILDREN {
        let [mama, papa] = guardians(n);
        school = school.child(
            ChildBuilder::new(&format!("ゆうた{n}"))
                .tag(&format!("TAG{n:04}"))
                .guardian(&mama, "母")
                .guardian(&papa, "父"),
        );
    }
    let built = school.insert(app);
    let gate = built.readers.into_iter().next().expect("gate");
    (gate, built.children.iter().map(|c| c.id).collect())
}

/// For every child at once: one read through `first` and one through `second`, started together
/// (different seq, the same second), of the given `type`.
fn read_twice_at_once(first: &TestApp, second: &TestApp, gate: &Reader, kind: &str) {
    for n in 0..CHILDREN {
        let barrier = Barrier::new(2);
        let now = chrono::Utc::now();
        std::thread::scope(|s| {
            for (i, app) in [first, second].into_iter().enumerate() {
                let barrier = &barrier;
                s.spawn(move || {
                    let seq = (n * 2 + i) as u64 + if kind == "emergency" { 1000 } else { 0 };
                    let body = serde_json::json!([{
                        "seq": seq, "tag": format!("TAG{n:04}"), "read_at": now.to_rfc3339(), "type": kind,
                    }])
                    .to_string();
                    barrier.wait();
                    let res = post_signed(app, gate, "events", &body, now.timestamp());
                    assert_eq!(res.status, 200, "{}", res.text());
                    assert_eq!(res.json()["accepted"], 1);
                });
            }
        });
    }
}

fn mails_to(app: &TestApp, address: &str, kind: &str) -> usize {
    OutboxMail::to_recipient(&mut app.pool.get().unwrap(), address)
        .unwrap()
        .iter()
        .filter(|m| m.kind == kind)
        .count()
}

db_test! {
    fn two_reads_of_one_tag_through_two_servers_at_once_make_one_pass_and_one_mail(app: Empty) {
        let (gate, children) = school(&app);
        let second = spawn_beside(&app);
        read_twice_at_once(&app, &second, &gate, "pass");
        second.expect_leftover_jobs("the first server's test runs the mail both queued");
        drop(second);
        let mut conn = app.pool.get().unwrap();
        for (n, child) in children.iter().enumerate() {
            let count: i64 = passes::table.filter(passes::child_id.eq(child)).count().get_result(&mut conn).unwrap();
            assert_eq!(count, 1, "child {n}: one pass");
            for address in guardians(n) {
                assert_eq!(mails_to(&app, &address, "watch_pass"), 1, "{address}");
            }
        }
        drop(conn);
        assert_eq!(app.run_jobs().mails, 2 * CHILDREN);
    }
}

db_test! {
    fn two_presses_of_one_button_through_two_servers_at_once_raise_one_alarm(app: Empty) {
        let (gate, _) = school(&app);
        let second = spawn_beside(&app);
        read_twice_at_once(&app, &second, &gate, "emergency");
        second.expect_leftover_jobs("the first server's test runs the mail both queued");
        drop(second);
        for n in 0..CHILDREN {
            for address in guardians(n) {
                assert_eq!(mails_to(&app, &address, "watch_emergency"), 1, "{address}");
            }
        }
        assert_eq!(app.run_jobs().mails, 2 * CHILDREN);
    }
}
