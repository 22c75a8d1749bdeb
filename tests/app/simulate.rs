//! `hiroba readers simulate` against the real server: every signed batch is accepted, each pass
//! queues a mail per guardian, and a second run brings new `seq` values, not duplicates.

use crate::helpers::watch::{add_child, Watch};
use hiroba::db::models::outbox::OutboxMail;
use hiroba::watch::simulate::plan::plan;
use hiroba::watch::simulate::{simulate, Options, Participants, Scenario};
use std::time::Duration;

db_test! {
    fn a_simulated_dismissal_is_accepted_whole_and_mails_each_guardian_per_pass(app: Empty) {
        let watch = Watch::new(&app, &["mama@example.jp", "papa@docomo.ne.jp"]);
        for (i, name) in ["はな", "そうた", "りん", "けい", "ゆい"].iter().enumerate() {
            add_child(&app, &watch.school, &format!("20{i:02}"), &format!("佐藤 {name}"), name, &format!("04B0{i:04}"));
        }
        let participants = Participants::load(&mut app.pool.get().unwrap(), Some(&watch.school.name)).unwrap();
        assert_eq!(participants.children(), 6);
        assert_eq!(participants.readers().count(), 2);
        let options = Options {
            url: app.base_url.clone(),
            scenario: Scenario::Dismissal,
            minutes: 0,
            batch: 2,
            // Both readers send at once: their transactions must wait for each other, not fail.
            concurrency: 2,
            seed: 3,
            retries: 0,
        };
        let summary = simulate(&participants, &options).unwrap();
        assert_eq!(summary.failed, 0, "{summary}");
        assert_eq!((summary.accepted, summary.duplicates, summary.unknown_tags), (summary.events, 0, 0));
        assert!(summary.events >= 6 && summary.requests >= 3, "{summary}");
        let yuta_reads = plan(&participants, Scenario::Dismissal, Duration::ZERO, 3)
            .iter()
            .filter(|r| r.tag == watch.tag)
            .count();
        let mut conn = app.pool.get().unwrap();
        let mama = OutboxMail::to_recipient(&mut conn, "mama@example.jp").unwrap();
        assert_eq!(mama.len(), yuta_reads, "one mail per pass");
        assert_eq!(OutboxMail::to_recipient(&mut conn, "papa@docomo.ne.jp").unwrap().len(), yuta_reads);
        assert!(mama.iter().any(|m| m.body.contains("下校")), "{:?}", mama[0].body);

        // Again within the debounce window: new events, no new passes, no new mail.
        let again = simulate(&participants, &options).unwrap();
        assert_eq!((again.accepted, again.duplicates, again.failed), (again.events, 0, 0));
        assert_eq!(OutboxMail::to_recipient(&mut conn, "mama@example.jp").unwrap().len(), yuta_reads);
        drop(conn);
        assert_eq!(app.run_jobs().mails, 2 * yuta_reads, "every pass mail goes out");
    }
}
