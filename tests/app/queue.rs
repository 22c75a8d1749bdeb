//! The queue mechanism shared by jobs and the outbox (`db::queue`): claim with a lease, settle,
//! retry with backoff, give up, next due; and no row claimed twice by concurrent workers.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use hiroba::db::models::job::{Job, JobKind};
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::queue::{Queue, Retry};
use hiroba::db::schema::{jobs, outbox};
use hiroba::db::{now, DbConnection};
use std::collections::BTreeSet;

/// Any claimed row, read by id alone.
#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Within a few seconds of `expected` (the test and the statement each read the clock).
fn near(at: Option<NaiveDateTime>, expected: NaiveDateTime) -> bool {
    at.is_some_and(|at| (at - expected).abs() < Duration::seconds(5))
}

fn mail(conn: &mut DbConnection, kind: MailKind, n: usize) -> i64 {
    OutboxMail::queue(conn, kind, &format!("mama{n}@docomo.ne.jp"), "テスト", "本文").unwrap()
}

/// Status, attempts, lease and last error of a job.
fn job_row(conn: &mut DbConnection, id: i64) -> (String, i32, Option<NaiveDateTime>, Option<String>) {
    jobs::table
        .find(id)
        .select((jobs::status, jobs::attempts, jobs::lease_until, jobs::last_error))
        .first(conn)
        .unwrap()
}

/// Status, attempts, due time, lease and last error of an outbox row.
fn mail_row(conn: &mut DbConnection, id: i64) -> (String, i32, NaiveDateTime, Option<NaiveDateTime>, Option<String>) {
    outbox::table
        .find(id)
        .select((
            outbox::status,
            outbox::attempts,
            outbox::next_attempt_at,
            outbox::lease_until,
            outbox::last_error,
        ))
        .first(conn)
        .unwrap()
}

db_test! {
    fn a_due_row_is_claimed_once_with_a_lease_and_counts_an_attempt(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        let ids: Vec<i64> =
            (0..3).map(|n| Job::enqueue(&mut conn, JobKind::ProcessInbound, Some(n)).unwrap()).collect();

        let first = Job::claim(&mut conn, 2).unwrap();
        assert_eq!(first.iter().map(|j| j.id).collect::<Vec<_>>(), ids[..2], "oldest first, at most the limit");
        assert!(first.iter().all(|j| j.attempts == 1 && j.kind == "process_inbound"));
        let (status, attempts, lease, _) = job_row(&mut conn, ids[0]);
        assert_eq!((status.as_str(), attempts), ("running", 1));
        assert!(near(lease, now() + Queue::Jobs.lease()), "{lease:?}");

        let second = Job::claim(&mut conn, 2).unwrap();
        assert_eq!(second.iter().map(|j| (j.id, j.target_id)).collect::<Vec<_>>(), [(ids[2], Some(2))]);
        assert!(Job::claim(&mut conn, 2).unwrap().is_empty(), "claimed rows hold their lease");
        assert_eq!(Queue::Jobs.unfinished(&mut conn).unwrap(), 3);
    }
}

db_test! {
    fn a_lapsed_lease_is_claimed_again_by_the_next_worker(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        let dead = mail(&mut conn, MailKind::TestMail, 1);
        let alive = mail(&mut conn, MailKind::TestMail, 2);
        assert_eq!(OutboxMail::claim(&mut conn, 10).unwrap().len(), 2);
        assert_eq!(
            Queue::Outbox.next_due(&mut conn).unwrap().map(|at| near(Some(at), now() + Queue::Outbox.lease())),
            Some(true),
            "the next claimable row is the first lease to run out"
        );

        // The worker that claimed `dead` died: its lease ran out.
        let lapsed = now() - Duration::seconds(1);
        diesel::update(outbox::table.find(dead)).set(outbox::lease_until.eq(lapsed)).execute(&mut conn).unwrap();
        assert!(near(Queue::Outbox.next_due(&mut conn).unwrap(), lapsed));

        let again = OutboxMail::claim(&mut conn, 10).unwrap();
        assert_eq!(again.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(), [(dead, 2)]);
        let (status, _, _, lease, _) = mail_row(&mut conn, dead);
        assert_eq!(status, "sending");
        assert!(near(lease, now() + Queue::Outbox.lease()), "a new lease: {lease:?}");
        assert_eq!(mail_row(&mut conn, alive).0, "sending", "a live lease is left alone");
    }
}

db_test! {
    fn a_row_that_is_not_due_waits_and_next_due_says_until_when(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        assert_eq!(Queue::Outbox.next_due(&mut conn).unwrap(), None, "an empty queue");
        let id = mail(&mut conn, MailKind::Magazine, 1);
        assert!(near(Queue::Outbox.next_due(&mut conn).unwrap(), now()));
        assert_eq!(OutboxMail::claim(&mut conn, 10).unwrap().len(), 1);

        // Carrier pacing puts it back untried: the claim gives its attempt back.
        let later = now() + Duration::seconds(40);
        Queue::Outbox.put_back(&mut conn, id, later).unwrap();
        let (status, attempts, due, lease, _) = mail_row(&mut conn, id);
        assert_eq!((status.as_str(), attempts, lease), ("pending", 0, None));
        assert!(near(Some(due), later));
        assert!(near(Queue::Outbox.next_due(&mut conn).unwrap(), later));
        assert!(OutboxMail::claim(&mut conn, 10).unwrap().is_empty(), "not due yet");
    }
}

db_test! {
    fn a_failed_attempt_waits_its_backoff_and_the_last_one_gives_the_row_up(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        let id = mail(&mut conn, MailKind::TestMail, 1);
        let claimed = OutboxMail::claim(&mut conn, 1).unwrap();

        let retry = Queue::Outbox.retry_later(&mut conn, id, claimed[0].attempts, "451 try later").unwrap();
        assert_eq!(retry, Retry::After(Duration::seconds(30)));
        let (status, attempts, due, lease, error) = mail_row(&mut conn, id);
        assert_eq!((status.as_str(), attempts, lease), ("pending", 1, None));
        assert!(near(Some(due), now() + Duration::seconds(30)));
        assert_eq!(error.as_deref(), Some("451 try later"));

        // Claimed again (as if 30 s had passed) on its last attempt.
        diesel::update(outbox::table.find(id))
            .set((outbox::next_attempt_at.eq(now()), outbox::attempts.eq(9)))
            .execute(&mut conn)
            .unwrap();
        let claimed = OutboxMail::claim(&mut conn, 1).unwrap();
        assert_eq!(claimed[0].attempts, Queue::Outbox.backoff().max_attempts);
        let retry = Queue::Outbox.retry_later(&mut conn, id, claimed[0].attempts, "451 still").unwrap();
        assert_eq!(retry, Retry::GaveUp);
        let (status, _, _, lease, error) = mail_row(&mut conn, id);
        assert_eq!((status.as_str(), lease, error.as_deref()), ("failed", None, Some("451 still")));
        assert_eq!(Queue::Outbox.unfinished(&mut conn).unwrap(), 0);
        assert_eq!(Queue::Outbox.next_due(&mut conn).unwrap(), None);
    }
}

db_test! {
    fn jobs_retry_with_the_same_backoff_and_give_up_after_their_own_number_of_attempts(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        let id = Job::enqueue(&mut conn, JobKind::ProcessInbound, None).unwrap();
        Job::claim(&mut conn, 1).unwrap();
        assert_eq!(
            Queue::Jobs.retry_later(&mut conn, id, 7, "busy").unwrap(),
            Retry::After(Duration::seconds(30 * 64))
        );
        assert_eq!(Queue::Jobs.retry_later(&mut conn, id, 8, "busy").unwrap(), Retry::GaveUp);
        let finished: Option<NaiveDateTime> =
            jobs::table.find(id).select(jobs::finished_at).first(&mut conn).unwrap();
        assert!(near(finished, now()), "a job given up is finished");
        assert_eq!(job_row(&mut conn, id).0, "failed");
    }
}

db_test! {
    fn completing_a_row_stamps_it_and_ends_its_lease(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        let job = Job::enqueue(&mut conn, JobKind::ProcessInbound, None).unwrap();
        let sent = mail(&mut conn, MailKind::TestMail, 1);
        let refused = mail(&mut conn, MailKind::TestMail, 2);
        Job::claim(&mut conn, 10).unwrap();
        OutboxMail::claim(&mut conn, 10).unwrap();

        Queue::Jobs.complete(&mut conn, job).unwrap();
        Queue::Outbox.complete(&mut conn, sent).unwrap();
        Queue::Outbox.fail(&mut conn, refused, "550 5.1.1").unwrap();

        assert_eq!(job_row(&mut conn, job), ("done".into(), 1, None, None));
        let (finished, ): (Option<NaiveDateTime>,) = jobs::table.find(job).select((jobs::finished_at,)).first(&mut conn).unwrap();
        assert!(near(finished, now()));
        let times = |conn: &mut DbConnection, id: i64| -> (String, Option<NaiveDateTime>, Option<NaiveDateTime>) {
            outbox::table
                .find(id)
                .select((outbox::status, outbox::sent_at, outbox::lease_until))
                .first(conn)
                .unwrap()
        };
        let (status, sent_at, lease) = times(&mut conn, sent);
        assert_eq!((status.as_str(), lease), ("sent", None));
        assert!(near(sent_at, now()));
        assert_eq!(times(&mut conn, refused), ("failed".into(), None, None), "a mail given up was never sent");
        assert_eq!(Queue::Jobs.unfinished(&mut conn).unwrap() + Queue::Outbox.unfinished(&mut conn).unwrap(), 0);
    }
}

db_test! {
    fn concurrent_workers_never_claim_one_row_twice(backend: Backend) {
        let db = crate::helpers::empty_database(backend);
        let mut conn = db.pool.get().unwrap();
        const ROWS: usize = 120;
        for n in 0..ROWS {
            // Mixed priorities: the claim's order differs from the ids' order.
            let kind = if n % 3 == 0 { MailKind::WatchPass } else { MailKind::TestMail };
            mail(&mut conn, kind, n);
            Job::enqueue(&mut conn, JobKind::ProcessInbound, None).unwrap();
        }
        drop(conn);
        for queue in [Queue::Outbox, Queue::Jobs] {
            let workers: Vec<_> = (0..4)
                .map(|_| {
                    let pool = db.pool.clone();
                    std::thread::spawn(move || {
                        let mut conn = pool.get().unwrap();
                        let mut mine = Vec::new();
                        // A round may come back empty while others hold locks on PostgreSQL: stop
                        // only when nothing is pending.
                        while queue.next_due(&mut conn).unwrap().is_some_and(|at| at <= now()) {
                            mine.extend(queue.claim::<Claimed>(&mut conn, 7).unwrap().into_iter().map(|r| r.id));
                        }
                        mine
                    })
                })
                .collect();
            let claimed: Vec<i64> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
            let distinct: BTreeSet<i64> = claimed.iter().copied().collect();
            assert_eq!(distinct.len(), ROWS, "{queue:?}: every row claimed");
            assert_eq!(claimed.len(), ROWS, "{queue:?}: no row claimed twice");
        }
    }
}

db_test! {
    fn finished_mails_past_their_retention_are_purged_and_the_rest_kept(app: Empty) {
        let mut conn = app.pool.get().unwrap();
        let retention = i64::from(app.state.ctx.settings.mail.outbox_retention_days);
        let old = now() - Duration::days(retention + 1);
        let queued = |conn: &mut DbConnection, n: usize, status: &str, created: NaiveDateTime| -> i64 {
            let id = mail(conn, MailKind::TestMail, n);
            diesel::update(outbox::table.find(id))
                .set((outbox::status.eq(status), outbox::created_at.eq(created), outbox::next_attempt_at.eq(now() + Duration::hours(1))))
                .execute(conn)
                .unwrap();
            id
        };
        let old_sent = queued(&mut conn, 1, "sent", old);
        let old_failed = queued(&mut conn, 2, "failed", old);
        let recent_sent = queued(&mut conn, 3, "sent", now() - Duration::days(retention - 1));
        let old_pending = queued(&mut conn, 4, "pending", old);
        drop(conn);
        app.expect_leftover_jobs("a pending mail is never purged, whatever its age");
        // The worker's first round does its maintenance.
        app.worker().round().unwrap();
        let mut conn = app.pool.get().unwrap();
        let left: Vec<i64> = outbox::table.select(outbox::id).order(outbox::id).load(&mut *conn).unwrap();
        assert_eq!(left, [recent_sent, old_pending], "{old_sent} and {old_failed} deleted");
    }
}
