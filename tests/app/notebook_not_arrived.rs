//! 未登校・連絡なし against the watch passes (posted as signed reader batches): an arrival keeps a
//! child off, a late arrival drops off at her pass, a 下校 or waypoint pass does not count, a notice
//! keeps her off; 保護者に連絡済み; the day's mail once per school and day; who reaches the page.

use crate::helpers::builders::{teacher, Carrier, ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder};
use crate::helpers::watch::send;
use crate::helpers::{budget, ua, TestApp};
use chrono::{NaiveDate, Timelike};
use diesel::prelude::*;
use hiroba::db::models::notebook::absence::NewAbsence;
use hiroba::db::models::notebook::contacted::Contacted;
use hiroba::db::models::notebook::school_settings::SchoolSettings;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::watch::school::{School, SchoolTimes};
use hiroba::db::schema::notebook_nudges;
use hiroba::domain::notebook::{AbsenceKind, Channel};
use hiroba::domain::time::jst;

fn today() -> NaiveDate {
    jst(hiroba::db::now()).date_naive()
}

/// Seconds ago for a read "just now" that is still today in Japan.
fn just_now() -> i64 {
    let since_midnight = i64::from(jst(hiroba::db::now()).num_seconds_from_midnight());
    30.min(since_midnight / 2)
}

fn set_times(app: &TestApp, school: &School, late_after: i32) {
    let times = SchoolTimes {
        late_after,
        ..school.times()
    };
    School::update_times(&mut app.pool.get().unwrap(), school.id, &times).unwrap();
}

fn notice(app: &TestApp, child: i64, member: i64, day: NaiveDate, kind: AbsenceKind) {
    hiroba::notebook::absence::record(
        &mut app.pool.get().unwrap(),
        &NewAbsence {
            child_id: child,
            member_id: member,
            day,
            kind,
            reason: "発熱".into(),
            note: String::new(),
            channel: Channel::Web,
            inbound_mail_id: None,
        },
    )
    .unwrap();
}

fn mails(app: &TestApp, address: &str, kind: MailKind) -> Vec<OutboxMail> {
    let mut mails = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), address).unwrap();
    mails.retain(|m| m.kind == kind.as_str());
    mails
}

db_test! {
    fn the_list_follows_the_passes_and_the_notices_and_takes_a_contacted_mark(app: Empty) {
        let built = SchoolBuilder::new("柏第一小学校")
            .gate("正門")
            .waypoint("学童クラブ前")
            .child(ChildBuilder::new("ゆうた").class(2, "1組").tag("04A1B2C3"))
            .child(ChildBuilder::new("さき").class(2, "1組").tag("04A1B2C4"))
            .child(ChildBuilder::new("はると").class(2, "1組").tag("04A1B2C5"))
            .child(ChildBuilder::new("みお").class(2, "2組").tag("04A1B2C6"))
            .insert(&app);
        let school = built.school;
        let (gate, waypoint) = (&built.readers[0], &built.readers[1]);
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("りくママ"))
            .child(ChildBuilder::new("りく").class(2, "1組"))
            .child(ChildBuilder::new("こはる").class(2, "2組"))
            .insert(&app, &school);
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生").carrier(Carrier::Pc), &[(2, "2組")]);
        let path = format!("/notebook/schools/{}/not-arrived", school.id);
        let mut pc = tanaka.sign_in(&app, ua::PC);

        // Before the late time, the page says when the list starts.
        set_times(&app, &school, 23 * 60 + 59);
        let early = pc.get(&path).text();
        assert!(early.contains("23:59を過ぎると"), "{early}");
        assert!(!early.contains("ゆうた"), "{early}");

        set_times(&app, &school, 0);
        let ago = just_now();
        // ゆうた came in; さき only went out (下校); みお passed only the waypoint.
        assert_eq!(send(&app, gate, &[(1, "04A1B2C3", ago, Some("in")), (2, "04A1B2C4", ago, Some("out"))]).status, 200);
        assert_eq!(send(&app, waypoint, &[(1, "04A1B2C6", ago, None)]).status, 200);
        // りく is absent by notice; こはる leaves early (早退) and is still expected in the morning.
        notice(&app, family.children[0].id, family.guardians[0].id, today(), AbsenceKind::Absent);
        notice(&app, family.children[1].id, family.guardians[0].id, today(), AbsenceKind::Early);

        let page = pc.get(&path);
        assert_eq!(page.status, 200);
        let text = page.text();
        for on in ["さき（", "はると（", "みお（", "こはる（"] {
            assert!(text.contains(on), "{on} is on the list: {text}");
        }
        for off in ["ゆうた（", "りく（"] {
            assert!(!text.contains(off), "{off} is not: {text}");
        }
        assert!(text.contains("4人"), "{text}");
        assert!(text.find("【2年2組】").unwrap() < text.find("【2年1組】").unwrap(), "her class first: {text}");

        // はると comes in late: she drops off at her pass.
        assert_eq!(send(&app, gate, &[(3, "04A1B2C5", 1, Some("in"))]).status, 200);
        let later = pc.get(&path);
        assert!(!later.text().contains("はると（"), "{}", later.text());

        // 保護者に連絡済み for さき.
        let saki = built.children[1].id;
        let action = format!("{path}/{saki}/contacted");
        let marked = pc.browser.submit(&later, &action, &[]);
        assert_eq!(marked.status, 200);
        let text = marked.text();
        assert!(text.contains("さきさんを「保護者に連絡済み」にしました"), "{text}");
        assert!(text.contains("保護者に連絡済み "), "the mark with its time: {text}");
        let again = pc.browser.submit(&later, &action, &[]);
        assert!(again.text().contains("すでに「保護者に連絡済み」"), "{}", again.text());
        let marks = Contacted::of_school_day(&mut app.pool.get().unwrap(), school.id, today()).unwrap();
        assert_eq!(marks.iter().map(|m| m.child_id).collect::<Vec<_>>(), [saki]);

        // The list the page shows is the one the demo and the mail use.
        let mut conn = app.pool.get().unwrap();
        let school = School::find(&mut conn, school.id).unwrap().unwrap();
        let names: Vec<String> = hiroba::notebook::not_arrived::list(&mut conn, &school, today())
            .unwrap()
            .into_iter()
            .map(|n| n.child.short_name)
            .collect();
        assert_eq!(names, ["さき", "みお", "こはる"]);
        drop(conn);
        app.run_jobs();
    }
}

db_test! {
    fn the_nudge_mail_goes_once_per_school_and_weekday_to_families_not_contacted(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app).school;
        set_times(&app, &school, 8 * 60 + 30);
        let mut settings = SchoolSettings::of(&mut app.pool.get().unwrap(), school.id).unwrap();
        settings.nudge_at = Some(9 * 60);
        settings.save(&mut app.pool.get().unwrap()).unwrap();
        let yuta = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .guardian(MemberBuilder::new("ゆうたパパ").carrier(Carrier::SoftBank))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let saki = NotebookFamily::new()
            .guardian(MemberBuilder::new("さきママ"))
            .child(ChildBuilder::new("さき").class(2, "1組"))
            .insert(&app, &school);
        let riku = NotebookFamily::new()
            .guardian(MemberBuilder::new("りくママ"))
            .child(ChildBuilder::new("りく").class(2, "1組"))
            .insert(&app, &school);
        ChildBuilder::new("はると").class(2, "1組").insert(&app, &school);

        // Monday 2026-12-07: さき marked contacted, りく with a notice, nobody passed a gate.
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        Contacted::mark(&mut app.pool.get().unwrap(), saki.children[0].id, monday, saki.guardians[0].id).unwrap();
        notice(&app, riku.children[0].id, riku.guardians[0].id, monday, AbsenceKind::Absent);
        let at = |day: NaiveDate, h: u32, m: u32| {
            hiroba::domain::time::jst_day_start(day) + chrono::Duration::minutes(i64::from(h * 60 + m))
        };
        let ctx = &app.state.ctx;
        let run = |now| {
            hiroba::notebook::maintenance::run(ctx, &mut app.pool.get().unwrap(), now).unwrap();
        };
        let nudges = || notebook_nudges::table.count().get_result::<i64>(&mut *app.pool.get().unwrap()).unwrap();

        // Saturday, and Monday before 9:00: nothing.
        run(at(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(), 10, 0));
        run(at(monday, 8, 59));
        assert_eq!(nudges(), 0);

        // Monday 9:00, and again a minute later (the next maintenance round): one mail each.
        let due = hiroba::notebook::not_arrived::nudge_due(ctx, &mut app.pool.get().unwrap(), at(monday, 9, 0)).unwrap();
        assert_eq!(due, 2, "ゆうた's two guardians");
        run(at(monday, 9, 1));
        assert_eq!(nudges(), 1);
        for guardian in &yuta.guardians {
            let sent = mails(&app, &guardian.email, MailKind::NotArrived);
            assert_eq!(sent.len(), 1, "{}", guardian.email);
            let body = &sent[0].body;
            for seen in ["ゆうたさんは、まだ登校が確認できません。欠席の場合はご連絡ください", "/notebook/absences/new"] {
                assert!(body.contains(seen), "{seen}: {body}");
            }
            assert!(body.contains(&format!("abs-{}@", yuta.family.mail_token)), "{body}");
        }
        for quiet in [&saki.guardians[0].email, &riku.guardians[0].email] {
            assert!(mails(&app, quiet, MailKind::NotArrived).is_empty(), "{quiet}");
        }
        // A worker back only at Tuesday's dismissal mails nobody: the morning has passed.
        run(at(monday.succ_opt().unwrap(), 15, 30));
        assert_eq!(nudges(), 1, "no mail in the afternoon");
        app.run_jobs();
    }
}

db_test! {
    fn the_list_pages_fit_a_keitai_and_others_find_nothing(app: Empty) {
        let mut builder = SchoolBuilder::new("柏第一小学校").gate("正門");
        for i in 0..40 {
            builder = builder.child(ChildBuilder::new(&format!("じどう{i}")).name(&format!("柏田 じどう{i}")).class(1 + i % 6, "1組"));
        }
        let school = builder.insert(&app).school;
        set_times(&app, &school, 0);
        let other = SchoolBuilder::new("柏第二小学校").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(1, "1組")]);
        let stranger = teacher(&app, &other, MemberBuilder::new("佐藤先生").carrier(Carrier::Pc), &[]);
        let mama = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .child(ChildBuilder::new("ゆうた"))
            .insert(&app, &school);
        let path = format!("/notebook/schools/{}/not-arrived", school.id);

        let mut keitai = tanaka.sign_in(&app, ua::DOCOMO_MOVA);
        let limit = budget(&app, ua::DOCOMO_MOVA);
        let first = keitai.get(&path);
        assert_eq!(first.status, 200);
        assert!(first.is_shift_jis());
        assert!(first.body.len() <= limit, "{} > {limit}", first.body.len());
        let text = first.text();
        assert!(text.contains("41人"), "{text}");
        assert!(text.contains("1/"), "paged: {text}");
        let second = keitai.get(&format!("{path}?page=2"));
        assert_eq!(second.status, 200);
        assert!(second.body.len() <= limit, "{} > {limit}", second.body.len());
        let absences = keitai.get(&format!("/notebook/schools/{}/absences", school.id));
        assert!(absences.body.len() <= limit);

        assert_eq!(stranger.sign_in(&app, ua::PC).get(&path).status, 404);
        let mut guardian = mama.guardians[0].sign_in(&app, ua::DOCOMO_FOMA_1);
        assert_eq!(guardian.get(&path).status, 404);
        assert_eq!(guardian.get(&format!("/notebook/schools/{}/absences", school.id)).status, 404);
        let anonymous = app.get(&path, ua::PC);
        assert_eq!(anonymous.status, 302, "anonymous visitors are sent to the login");
    }
}
