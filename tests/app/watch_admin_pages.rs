//! Coordinators' child-watch pages: reader secrets and their re-issue, tags, recipients, staff,
//! school times and the audit log; nobody else gets in.

use crate::helpers::links;
use crate::helpers::ua;
use crate::helpers::watch::{add_child, member, send, Watch};
use crate::helpers::{Signed, DEMO_PASSWORD, GUARDIAN};
use hiroba::db::models::watch::child::Child;
use hiroba::db::models::watch::reader::Reader;
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::models::watch::school::School;
use hiroba::domain::role::Role;

const COORDINATOR: &str = "coordinator@hiroba.example.jp";

db_test! {
    fn only_coordinators_open_the_watch_setup(app) {
        let watch = Watch::new(&app, &[GUARDIAN]);
        let pages = [
            "/admin/watch".to_string(),
            format!("/admin/watch/schools/{}", watch.school.id),
            format!("/admin/watch/children/{}", watch.child.id),
            "/admin/watch/audit".to_string(),
        ];
        for email in ["sensei@kashiwa-es.example.jp", "admin@hiroba.example.jp", GUARDIAN] {
            let mut someone = Signed::new(&app, ua::PC, email, DEMO_PASSWORD);
            for path in &pages {
                let page = someone.get(path);
                assert_eq!(page.status, 403, "{email} {path}");
                assert!(!page.text().contains(&watch.gate.secret));
            }
        }
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let list = coordinator.get("/admin/watch");
        assert!(links(&list).contains(&format!("/admin/watch/schools/{}", watch.school.id)), "{}", list.text());
        assert!(coordinator.get("/mypage").text().contains("/watch"), "my page links to the watch pages");
    }
}

db_test! {
    fn a_readers_secret_is_shown_only_when_reissued_and_the_old_one_is_locked_out(app) {
        app.expect_leftover_jobs("the pass mail to the guardians is not what this test is about");
        let watch = Watch::new(&app, &[GUARDIAN]);
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let path = format!("/admin/watch/schools/{}", watch.school.id);
        let page = coordinator.get(&path);
        assert_eq!(page.status, 200, "{}", page.text());
        let text = page.text();
        // A reader's secret is shown only when issued or re-issued, never on a plain view.
        assert!(!text.contains(&watch.gate.secret) && !text.contains(&watch.waypoint.secret), "{text}");
        assert!(text.contains("04A1B2C3"), "the child's current tag: {text}");

        let reissued = coordinator.browser.submit(&page, &format!("{path}/readers/secret"), &[("reader", &watch.gate.id.to_string())]);
        assert!(reissued.text().contains("秘密鍵を再発行しました"), "{}", reissued.text());
        let fresh = Reader::find(&mut app.pool.get().unwrap(), watch.gate.id).unwrap().unwrap();
        assert_ne!(fresh.secret, watch.gate.secret);
        assert_eq!(fresh.secret.len(), 64);
        assert!(reissued.text().contains(&fresh.secret) && !reissued.text().contains(&watch.gate.secret));
        assert!(!reissued.text().contains(&watch.waypoint.secret), "only the re-issued secret is shown");
        assert!(!coordinator.get(&path).text().contains(&fresh.secret), "shown once, not on the next view");
        let waypoint = Reader::find(&mut app.pool.get().unwrap(), watch.waypoint.id).unwrap().unwrap();
        assert_eq!(waypoint.secret, watch.waypoint.secret, "only that reader's secret changes");
        assert_ne!(send(&app, &watch.gate, &[(1, &watch.tag, 5, Some("in"))]).status, 200, "the old secret is refused");
        assert_eq!(send(&app, &fresh, &[(2, &watch.tag, 5, Some("in"))]).status, 200, "the new one works");

        // A reader of another school cannot be re-issued through this school's page.
        let other = School::ensure(&mut app.pool.get().unwrap(), "柏第二小学校").unwrap();
        let foreign_id = Reader::create(
            &mut app.pool.get().unwrap(), other.id, "北門", hiroba::db::models::watch::reader::ReaderKind::Gate, &"c".repeat(64),
        ).unwrap();
        let refused = coordinator.browser.submit(&page, &format!("{path}/readers/secret"), &[("reader", &foreign_id.to_string())]);
        assert_eq!(refused.status, 404);
        assert_eq!(Reader::find(&mut app.pool.get().unwrap(), foreign_id).unwrap().unwrap().secret, "c".repeat(64));

        let added = coordinator.browser.submit(&page, &format!("{path}/readers"), &[("name", "児童館前"), ("kind", "waypoint")]);
        assert!(added.text().contains("児童館前"), "{}", added.text());
        let new = Reader::by_name(&mut app.pool.get().unwrap(), watch.school.id, "児童館前").unwrap().expect("added");
        assert_eq!(new.secret.len(), 64);
        assert!(added.text().contains(&new.secret));
    }
}

db_test! {
    fn a_coordinator_replaces_a_lost_tag_and_sets_recipients_staff_and_times(app) {
        app.expect_leftover_jobs("the pass mail to the guardians is not what this test is about");
        let watch = Watch::new(&app, &[GUARDIAN]);
        let sister = add_child(&app, &watch.school, "1003", "山田 さくら", "さくら", "04FFFFFF");
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let path = format!("/admin/watch/children/{}", watch.child.id);
        let page = coordinator.get(&path);
        assert_eq!(page.status, 200, "{}", page.text());

        let taken = coordinator.browser.submit(&page, &format!("{path}/tag"), &[("tag", "04ffffff"), ("reason", "紛失")]);
        assert!(taken.text().contains("山田 さくらさんが使っています"), "{}", taken.text());
        assert_eq!(Child::current_tag(&mut app.pool.get().unwrap(), sister.id).unwrap().as_deref(), Some("04FFFFFF"));

        let replaced = coordinator.browser.submit(&page, &format!("{path}/tag"), &[("tag", "04aa00bb"), ("reason", "紛失")]);
        assert!(replaced.text().contains("04AA00BB に切り替えました"), "{}", replaced.text());
        assert_eq!(Child::current_tag(&mut app.pool.get().unwrap(), watch.child.id).unwrap().as_deref(), Some("04AA00BB"));
        assert!(replaced.text().contains("紛失"), "the old tag's release reason is listed");
        // From now on the lost tag is nobody's and the new one is the child's.
        send(&app, &watch.gate, &[(1, "04A1B2C3", 0, Some("in")), (2, "04AA00BB", 0, Some("in"))]);
        let unknown = hiroba::db::models::watch::reader_event::ReaderEvent::unknown_since(
            &mut app.pool.get().unwrap(), watch.school.id, hiroba::db::now() - chrono::Duration::hours(1), 10,
        ).unwrap();
        assert_eq!(unknown.iter().map(|u| u.tag.as_str()).collect::<Vec<_>>(), ["04A1B2C3"]);

        let added = coordinator.browser.submit(
            &page,
            &format!("{path}/recipients"),
            &[("address", "grandma@ezweb.ne.jp"), ("label", "祖母"), ("quiet_from", "21:00"), ("quiet_until", "07:00")],
        );
        assert!(added.text().contains("grandma@ezweb.ne.jp"), "{}", added.text());
        let rows = Recipient::of_child(&mut app.pool.get().unwrap(), watch.child.id).unwrap();
        let grandma = rows.iter().find(|r| r.address == "grandma@ezweb.ne.jp").expect("added");
        assert_eq!((grandma.quiet_from, grandma.quiet_until), (Some(21 * 60), Some(7 * 60)));
        let removed = coordinator.browser.submit(&added, &format!("{path}/recipients/remove"), &[("recipient", &grandma.id.to_string())]);
        assert!(removed.text().contains("外しました"));
        assert_eq!(Recipient::of_child(&mut app.pool.get().unwrap(), watch.child.id).unwrap().len(), 1);

        let school = format!("/admin/watch/schools/{}", watch.school.id);
        let page = coordinator.get(&school);
        let guardian_refused = coordinator.browser.submit(&page, &format!("{school}/staff"), &[("email", GUARDIAN)]);
        assert!(guardian_refused.text().contains("先生またはコーディネーターの会員だけ"), "{}", guardian_refused.text());
        member(&app, "t3@kashiwa-es.example.jp", &[Role::Teacher]);
        let staffed = coordinator.browser.submit(&page, &format!("{school}/staff"), &[("email", "t3@kashiwa-es.example.jp")]);
        assert!(staffed.text().contains("見守り 太郎さんを登録しました"), "{}", staffed.text());
        let teacher = hiroba::db::models::mail_address::MailAddress::find(&mut app.pool.get().unwrap(), "t3@kashiwa-es.example.jp")
            .unwrap().unwrap().member_id;
        assert_eq!(School::of_staff(&mut app.pool.get().unwrap(), teacher).unwrap(), vec![watch.school.id]);

        let times = coordinator.browser.submit(
            &page,
            &format!("{school}/times"),
            &[("arrival_until", "11:30"), ("late_after", "08:45"), ("hours_from", "07:00"), ("hours_until", "17:30"), ("offline_after_minutes", "20")],
        );
        assert!(times.text().contains("保存しました"), "{}", times.text());
        let stored = School::find(&mut app.pool.get().unwrap(), watch.school.id).unwrap().unwrap();
        assert_eq!((stored.arrival_until, stored.late_after, stored.hours_until, stored.offline_after_minutes), (690, 525, 1050, 20));
        let bad = coordinator.browser.submit(&page, &format!("{school}/times"), &[("late_after", "25:00")]);
        assert!(bad.text().contains("08:30"), "advice shown: {}", bad.text());
        assert_eq!(School::find(&mut app.pool.get().unwrap(), watch.school.id).unwrap().unwrap().late_after, 525);
    }
}

db_test! {
    fn a_coordinators_view_of_a_history_is_in_the_audit_log(app) {
        let watch = Watch::new(&app, &[GUARDIAN]);
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        assert!(!coordinator.get("/admin/watch/audit").text().contains("山田 ゆうた"));
        let count = |app: &crate::helpers::TestApp| {
            hiroba::db::models::watch::audit::WatchAudit::count_for_child(&mut app.pool.get().unwrap(), watch.child.id).unwrap()
        };
        assert_eq!(coordinator.get(&format!("/admin/watch/children/{}", watch.child.id)).status, 200);
        assert_eq!(coordinator.get(&format!("/admin/watch/schools/{}", watch.school.id)).status, 200);
        assert_eq!(count(&app), 0, "the setup pages show no history");
        assert_eq!(coordinator.get(&format!("/watch/children/{}", watch.child.id)).status, 200);
        assert_eq!(count(&app), 1);
        let log = coordinator.get("/admin/watch/audit").text();
        assert!(log.contains("増尾 良子") && log.contains("履歴を閲覧") && log.contains("山田 ゆうた"), "{log}");
    }
}
