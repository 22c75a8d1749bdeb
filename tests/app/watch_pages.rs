//! 子どもの見守り pages: guardians on keitai see only their own children, teachers only their
//! school's, staff views of a history are audit-logged, and a guardian's mail choices are saved.

use crate::helpers::watch::{add_child, member, send, Watch};
use crate::helpers::{budget, ua, Signed, TestApp, DEMO_PASSWORD, GUARDIAN};
use crate::helpers::{forms, links};
use hiroba::db::models::watch::audit::WatchAudit;
use hiroba::db::models::watch::pass::{Pass, PassDirection};
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::models::watch::school::School;
use hiroba::domain::time::jst;

/// The JST clock time of a child's newest pass.
fn newest_pass_time(app: &TestApp, child_id: i64) -> String {
    let mut conn = app.pool.get().unwrap();
    let now = hiroba::db::now();
    let passes = Pass::of_child_between(
        &mut conn,
        child_id,
        now - chrono::Duration::days(1),
        now + chrono::Duration::days(1),
    )
    .unwrap();
    jst(passes.first().expect("a pass").pass.first_read_at)
        .format("%H:%M")
        .to_string()
}

fn audit_count(app: &TestApp, child_id: i64) -> i64 {
    WatchAudit::count_for_child(&mut app.pool.get().unwrap(), child_id).unwrap()
}

db_test! {
    fn a_guardian_on_a_5kb_imode_phone_sees_her_childs_pass_at_the_gate_in_shift_jis(app) {
        app.expect_leftover_jobs("the pass mail to the guardians is not what this test is about");
        let watch = Watch::new(&app, &[GUARDIAN]);
        let sent = send(&app, &watch.gate, &[(1, &watch.tag, 10, Some("in"))]);
        assert_eq!(sent.status, 200, "{}", sent.text());
        let time = newest_pass_time(&app, watch.child.id);
        let limit = budget(&app, ua::DOCOMO_MOVA_5K);
        let mut phone = Signed::new(&app, ua::DOCOMO_MOVA_5K, GUARDIAN, DEMO_PASSWORD);
        assert!(phone.sid.is_some(), "a mova handset keeps no cookies");

        let mypage = phone.get("/mypage");
        assert!(links(&mypage).iter().any(|l| l.starts_with("/watch?")), "my page links to the watch pages");

        for path in ["/watch".to_string(), format!("/watch/children/{}", watch.child.id)] {
            let page = phone.get(&path);
            assert_eq!(page.status, 200, "{path}: {}", page.sjis_text());
            assert!(page.is_shift_jis(), "{path}: {:?}", page.header("content-type"));
            assert!(page.body.len() <= limit, "{path}: {} bytes > {limit}", page.body.len());
            let sjis_gate = encoding_rs::SHIFT_JIS.encode("正門").0.into_owned();
            assert!(page.body.windows(sjis_gate.len()).any(|w| w == sjis_gate), "{path}: 正門 in Shift_JIS");
            let text = page.sjis_text();
            assert!(text.contains(&format!("{time} 正門（登校）")), "{path}: {text}");
            assert!(text.contains("山田 ゆうた"), "{path}: {text}");
        }
        // The guardian's view is hers to make: nothing is logged.
        assert_eq!(audit_count(&app, watch.child.id), 0);
    }
}

db_test! {
    fn four_weeks_of_history_page_themselves_to_fit_a_5kb_handset(app) {
        let watch = Watch::new(&app, &[GUARDIAN]);
        {
            let mut conn = app.pool.get().unwrap();
            let now = hiroba::db::now();
            // Four passes a day for four weeks, and one too old to show.
            for day in 1..=28 {
                let base = now - chrono::Duration::days(day);
                for (hour, reader, direction) in [
                    (0, watch.gate.id, Some(PassDirection::Arrival)),
                    (2, watch.waypoint.id, None),
                    (6, watch.gate.id, Some(PassDirection::Departure)),
                    (7, watch.waypoint.id, None),
                ] {
                    let at = base + chrono::Duration::minutes(hour * 60 + day);
                    Pass::create(&mut conn, watch.child.id, reader, at, direction).unwrap();
                }
            }
            Pass::create(&mut conn, watch.child.id, watch.gate.id, now - chrono::Duration::days(40), None).unwrap();
        }
        let limit = budget(&app, ua::DOCOMO_MOVA_5K);
        let mut phone = Signed::new(&app, ua::DOCOMO_MOVA_5K, GUARDIAN, DEMO_PASSWORD);
        let path = format!("/watch/children/{}", watch.child.id);
        let first = phone.get(&path);
        let text = first.sjis_text();
        assert!(text.contains("accesskey=\"#\""), "the next page is on the # key: {text}");
        let pages: usize = text
            .split("ページ")
            .next()
            .and_then(|before| before.rsplit('/').next())
            .and_then(|n| n.parse().ok())
            .expect("page count");
        assert!(pages >= 2, "{pages} pages");
        let mut seen = 0;
        for page in 1..=pages {
            let body = phone.get(&format!("{path}?page={page}"));
            assert!(body.body.len() <= limit, "page {page}: {} bytes > {limit}", body.body.len());
            let text = body.sjis_text();
            seen += text.matches("（登校）").count() + text.matches("（下校）").count() + text.matches("（通過）").count();
        }
        // Passes of the 28 days before today fall on up to 29 Japanese days; the old one is not shown.
        assert_eq!(seen, 4 * 28, "every pass of the four weeks on exactly one page");
        // And the page says so in words that cannot be read as "records end 28 days ago".
        let last = phone.get(&format!("{path}?page={pages}")).sjis_text();
        assert!(last.contains("このページには、きょうから28日前までの記録を表示します。"), "{last}");
    }
}

db_test! {
    fn another_family_gets_not_found_for_a_child_that_is_not_hers(app) {
        app.expect_leftover_jobs("the pass mail to the guardians is not what this test is about");
        let watch = Watch::new(&app, &[GUARDIAN]);
        send(&app, &watch.gate, &[(1, &watch.tag, 10, Some("in"))]);
        member(&app, "other.mama@ezweb.ne.jp", &[hiroba::domain::role::Role::Guardian]);
        let recipient = Recipient::of_child(&mut app.pool.get().unwrap(), watch.child.id).unwrap()[0].id;
        let mut other = Signed::new(&app, ua::AU, "other.mama@ezweb.ne.jp", "watch-pass-1");
        let home = other.get("/watch");
        assert_eq!(home.status, 200);
        let text = home.sjis_text();
        assert!(!text.contains("ゆうた") && !text.contains("正門"), "{text}");
        assert!(text.contains("お子さまがいません"), "{text}");
        for path in [
            format!("/watch/children/{}", watch.child.id),
            format!("/watch/children/{}/settings/{recipient}", watch.child.id),
            "/watch/children/999999".to_string(),
        ] {
            let page = other.get(&path);
            assert_eq!(page.status, 404, "{path}");
            assert!(!page.sjis_text().contains("ゆうた"));
        }
        // Posting to her own form's address with another family's ids changes nothing.
        let own_page = other.get("/mypage");
        let csrf = forms(&own_page)[0].fields.iter().find(|(n, _)| n == "csrf").expect("csrf").1.clone();
        let answer = other.browser.post(
            &format!("/watch/children/{}/settings/{recipient}", watch.child.id),
            format!("csrf={csrf}&quiet_from=22%3A00&quiet_until=06%3A00&all=1").as_bytes(),
        );
        assert_eq!(answer.status, 404);
        let row = Recipient::find(&mut app.pool.get().unwrap(), recipient).unwrap().unwrap();
        assert_eq!(row.quiet_from, None);
    }
}

db_test! {
    fn teachers_see_only_their_school_and_their_views_of_a_history_are_logged(app) {
        app.expect_leftover_jobs("the pass mail to the guardians is not what this test is about");
        let watch = Watch::new(&app, &[GUARDIAN]);
        let absent = add_child(&app, &watch.school, "1002", "佐藤 みく", "みく", "04D5E6F7");
        {
            let mut conn = app.pool.get().unwrap();
            let teacher = hiroba::db::models::mail_address::MailAddress::find(&mut conn, "sensei@kashiwa-es.example.jp")
                .unwrap()
                .unwrap()
                .member_id;
            School::add_staff(&mut conn, watch.school.id, teacher).unwrap();
            // Late already, whatever the time of day the test runs.
            let mut times = watch.school.times();
            times.late_after = 0;
            School::update_times(&mut conn, watch.school.id, &times).unwrap();
            let other = School::ensure(&mut conn, "柏第二小学校").unwrap();
            let elsewhere = member(&app, "t2@kashiwa2-es.example.jp", &[hiroba::domain::role::Role::Teacher]);
            School::add_staff(&mut conn, other.id, elsewhere).unwrap();
        }
        send(&app, &watch.gate, &[(1, &watch.tag, 10, Some("in"))]);
        let time = newest_pass_time(&app, watch.child.id);
        let history = format!("/watch/children/{}", watch.child.id);
        let board = format!("/watch/schools/{}", watch.school.id);

        let mut stranger = Signed::new(&app, ua::PC, "t2@kashiwa2-es.example.jp", "watch-pass-1");
        assert_eq!(stranger.get(&board).status, 403, "another school's board");
        assert_eq!(stranger.get(&history).status, 404, "another school's child");
        assert_eq!(audit_count(&app, watch.child.id), 0);

        let mut teacher = Signed::new(&app, ua::PC, "sensei@kashiwa-es.example.jp", DEMO_PASSWORD);
        let page = teacher.get(&board);
        assert_eq!(page.status, 200, "{}", page.text());
        let text = page.text();
        assert!(text.contains("http-equiv=\"refresh\" content=\"60\""), "{text}");
        assert!(text.contains("3年2組"), "{text}");
        let arrival = text.find("山田 ゆうた").expect("the arrived child");
        assert!(text[arrival..].contains(&time), "arrival time {time}: {text}");
        let missing = text.split("佐藤 みく").nth(1).expect("the absent child");
        assert!(missing.contains("未登校") && text.contains("登校の記録がない児童：1人"), "{text}");
        assert!(text.contains("正門") && text.contains("学童クラブ前") && text.contains("受信待ち"), "readers: {text}");
        assert!(links(&page).contains(&format!("/watch/children/{}", absent.id)));
        assert!(teacher.get("/watch").text().contains(&board), "her board is linked from /watch");
        let board_views = WatchAudit::recent(&mut app.pool.get().unwrap(), 100)
            .unwrap()
            .into_iter()
            .filter(|e| e.action.contains("見守りボードを閲覧") && e.action.contains(&watch.school.name))
            .count();
        assert_eq!(board_views, 1, "her look at the board is logged, a refused one is not");

        let before = audit_count(&app, watch.child.id);
        let seen = teacher.get(&history);
        assert_eq!(seen.status, 200);
        assert!(seen.text().contains(&format!("{time} 正門（登校）")));
        assert!(seen.text().contains("この閲覧は記録されます"));
        assert_eq!(audit_count(&app, watch.child.id), before + 1, "one audit row per staff view");

        let mut guardian = Signed::new(&app, ua::IPHONE, GUARDIAN, DEMO_PASSWORD);
        assert_eq!(guardian.get(&history).status, 200);
        assert_eq!(audit_count(&app, watch.child.id), before + 1, "a guardian's view is not logged");
        assert_eq!(guardian.get(&board).status, 403, "a guardian does not see the board");
    }
}

db_test! {
    fn a_guardian_changes_quiet_hours_and_readers_from_an_imode_form(app) {
        let watch = Watch::new(&app, &[GUARDIAN, "papa@ezweb.ne.jp"]);
        let recipients = Recipient::of_child(&mut app.pool.get().unwrap(), watch.child.id).unwrap();
        let (mine, papas) = (recipients[0].id, recipients[1].id);
        let mut phone = Signed::new(&app, ua::DOCOMO_FOMA_1, GUARDIAN, DEMO_PASSWORD);
        let history = phone.get(&format!("/watch/children/{}", watch.child.id));
        let settings: Vec<String> = links(&history).into_iter().filter(|l| l.contains("/settings/")).collect();
        assert_eq!(settings.len(), 1, "only her own address is hers to set: {settings:?}");
        assert!(settings[0].starts_with(&format!("/watch/children/{}/settings/{mine}?sid=", watch.child.id)));

        let form = phone.browser.get(&settings[0]);
        assert!(form.is_shift_jis());
        assert_eq!(form.sjis_text().matches("<option").count(), 2 * 49, "なし and 48 half hours, twice");
        let action = format!("/watch/children/{}/settings/{mine}", watch.child.id);
        let waypoint = format!("r{}", watch.waypoint.id);
        let saved = phone.browser.submit(
            &form,
            &action,
            &[("quiet_from", "22:00"), ("quiet_until", "06:30"), (waypoint.as_str(), "1")],
        );
        assert_eq!(saved.status, 200);
        assert!(saved.sjis_text().contains("保存しました"), "{}", saved.sjis_text());
        let stored = |id: i64| {
            let mut conn = app.pool.get().unwrap();
            (Recipient::find(&mut conn, id).unwrap().unwrap(), Recipient::chosen_readers(&mut conn, id).unwrap())
        };
        let (row, chosen) = stored(mine);
        assert_eq!((row.quiet_from, row.quiet_until, row.all_readers), (Some(22 * 60), Some(6 * 60 + 30), false));
        assert_eq!(chosen, vec![watch.waypoint.id]);
        let (papa, _) = stored(papas);
        assert_eq!((papa.quiet_from, papa.all_readers), (None, true), "the father's row is his");
        let text = saved.sjis_text();
        assert!(text.contains("<option selected=\"selected\">22:00</option>"), "{text}");

        // Half a quiet time or no reader at all is refused with advice, and nothing changes.
        let refused = phone.browser.submit(&saved, &action, &[("quiet_from", "21:00"), ("quiet_until", "なし"), ("all", "1")]);
        assert!(refused.sjis_text().contains("両方を選んでください"), "{}", refused.sjis_text());
        let nowhere = phone.browser.submit(&saved, &action, &[("quiet_from", "なし"), ("quiet_until", "なし")]);
        assert!(nowhere.sjis_text().contains("お知らせする場所を選んでください"), "{}", nowhere.sjis_text());
        assert_eq!(stored(mine).0.quiet_from, Some(22 * 60));

        // 「すべて」 and no quiet hours.
        let all = phone.browser.submit(&saved, &action, &[("quiet_from", "なし"), ("quiet_until", "なし"), ("all", "1")]);
        assert!(all.sjis_text().contains("保存しました"));
        let (row, _) = stored(mine);
        assert_eq!((row.quiet_from, row.quiet_until, row.all_readers), (None, None, true));

        // The father's row is not hers, even through her own session.
        assert_eq!(phone.get(&format!("/watch/children/{}/settings/{papas}", watch.child.id)).status, 404);
    }
}

db_test! {
    fn an_easy_login_session_types_the_password_before_the_watch_pages(app) {
        Watch::new(&app, &[GUARDIAN]);
        crate::helpers::session::register_phone(&app);
        let mut phone = crate::helpers::session::docomo_phone(&app, crate::helpers::session::DOCOMO_GATEWAY);
        let page = phone.get("/login");
        let done = phone.submit(&page, "/login/easy", &[]);
        assert_eq!(done.status, 302, "{}", done.sjis_text());
        let sid = done.header("location").and_then(|l| l.split("sid=").nth(1)).expect("sid").to_string();
        let asked = phone.get(&format!("/watch?sid={sid}"));
        assert_eq!(asked.status, 302);
        let location = asked.header("location").unwrap_or_default();
        assert!(location.contains("/reauth?next=%2Fwatch"), "{location}");
        let reauth = phone.follow(&asked);
        let back = phone.submit(&reauth, "/reauth", &[("password", DEMO_PASSWORD)]);
        assert_eq!(back.status, 302);
        let watch = phone.follow(&back);
        assert_eq!(watch.status, 200);
        assert!(watch.sjis_text().contains("山田 ゆうた"), "{}", watch.sjis_text());
    }
}
