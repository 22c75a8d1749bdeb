//! Carrier pacing holds across workers: two workers together send no more than the carrier's
//! per-minute limit, and the rest waits for the window to free a place.

use diesel::prelude::*;
use hiroba::config::Pacing;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::schema::outbox;

db_test! {
    fn two_workers_share_one_carrier_limit(backend: Backend) {
        let app = crate::helpers::spawn_with(backend, |settings| {
            settings.mail.pacing.insert("softbank".into(), Pacing { per_session: 50, per_minute: 3 });
        });
        let mut conn = app.pool.get().unwrap();
        for i in 0..5 {
            OutboxMail::queue(&mut conn, MailKind::TestMail, &format!("mama{i}@softbank.ne.jp"), "テスト", "本文").unwrap();
        }
        OutboxMail::queue(&mut conn, MailKind::TestMail, "papa@docomo.ne.jp", "テスト", "本文").unwrap();
        let first = app.worker();
        let second = app.worker();
        first.round().unwrap();
        // More mail for the same carrier, due at once, reaches a worker that has sent nothing yet.
        for i in 5..8 {
            OutboxMail::queue(&mut conn, MailKind::TestMail, &format!("mama{i}@softbank.ne.jp"), "テスト", "本文").unwrap();
        }
        second.round().unwrap();
        first.round().unwrap();

        let status_of = |conn: &mut hiroba::db::DbConnection, status: &str, like: &str| -> i64 {
            outbox::table
                .filter(outbox::status.eq(status))
                .filter(outbox::recipient.like(like))
                .count()
                .get_result(conn)
                .unwrap()
        };
        assert_eq!(status_of(&mut conn, "sent", "%@softbank.ne.jp"), 3);
        assert_eq!(status_of(&mut conn, "pending", "%@softbank.ne.jp"), 5);
        assert_eq!(status_of(&mut conn, "sent", "%@docomo.ne.jp"), 1, "other carriers are not held back");
        let resume: Vec<chrono::NaiveDateTime> = outbox::table
            .filter(outbox::status.eq("pending"))
            .select(outbox::next_attempt_at)
            .load(&mut conn)
            .unwrap();
        let now = hiroba::db::now();
        assert!(resume.iter().all(|t| *t > now + chrono::Duration::seconds(50)), "{resume:?} vs {now}");
    }
}
