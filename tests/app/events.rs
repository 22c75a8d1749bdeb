//! イベント: the month view and the area filter list the right events on keitai and PC, an event
//! page reaches an i-mode phone in Shift_JIS, and a coordinator adds an event.

use crate::helpers::{ua, TestApp};
use crate::helpers::{Signed, DEMO_PASSWORD};
use chrono::NaiveDate;
use hiroba::db::models::area::Area;
use hiroba::db::models::event::{Event, EventFields};

/// The area ids of 柏中央 and 富勢 (the test settings' areas).
fn areas(app: &TestApp) -> (i64, i64) {
    let mut conn = app.pool.get().expect("connection");
    let all = Area::all(&mut conn).expect("areas");
    let id = |name: &str| all.iter().find(|a| a.name == name).expect(name).id;
    (id("柏中央"), id("富勢"))
}

fn add_event(app: &TestApp, title: &str, day: &str, area: Option<i64>) -> i64 {
    let mut conn = app.pool.get().expect("connection");
    let fields = EventFields {
        title: title.into(),
        body: "持ち物：タオル\n申込み不要".into(),
        held_on: NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("date"),
        start_time: Some("10:00".into()),
        end_time: Some("11:30".into()),
        place: "中央公民館".into(),
        area_id: area,
    };
    Event::insert(&mut conn, &fields, None).expect("event")
}

db_test! {
    fn a_month_lists_its_own_events_and_the_area_filter_keeps_that_area_only(app) {
        let (chuo, fuse) = areas(&app);
        add_event(&app, "十二月のリトミック", "2030-12-03", Some(chuo));
        add_event(&app, "富勢の子育てサロン", "2030-12-10", Some(fuse));
        add_event(&app, "一月のかるた大会", "2031-01-08", Some(chuo));
        for user_agent in [ua::DOCOMO_FOMA_1, ua::PC] {
            let month = app.get("/events?month=2030-12", user_agent);
            assert_eq!(month.status, 200);
            let text = month.text();
            assert!(text.contains("2030年12月のイベント"), "{text}");
            assert!(text.contains("十二月のリトミック") && text.contains("富勢の子育てサロン"), "{text}");
            assert!(!text.contains("一月のかるた大会"), "another month's event: {text}");
            assert!(text.contains("12/03（火）"), "{text}");

            let filtered = app.get(&format!("/events?month=2030-12&area={fuse}"), user_agent).text();
            assert!(filtered.contains("富勢の子育てサロン"), "{filtered}");
            assert!(!filtered.contains("十二月のリトミック"), "another area's event: {filtered}");
            // The months around keep the area.
            assert!(filtered.contains(&format!("/events?month=2031-01&amp;area={fuse}")), "{filtered}");
        }
        assert!(app.get("/events?month=2030-12", ua::DOCOMO_FOMA_1).is_shift_jis());
    }
}

db_test! {
    fn this_weeks_events_are_the_default_and_appear_on_the_top_page(app) {
        // The demo seeds events from today on.
        let week = app.get("/events", ua::PC).text();
        assert!(week.contains("今週のイベント") && week.contains("親子リトミック"), "{week}");
        assert!(!week.contains("新年子育てひろば"), "an event 24 days ahead is not this week: {week}");
        let top = app.get("/", ua::DOCOMO_FOMA_1).sjis_text();
        assert!(top.contains("今週のイベント") && top.contains("親子リトミック"), "{top}");
    }
}

db_test! {
    fn an_event_page_reaches_an_imode_phone_in_shift_jis(app) {
        let (chuo, _) = areas(&app);
        let id = add_event(&app, "親子で防災体験～非常食の試食", "2030-12-03", Some(chuo));
        let page = app.get(&format!("/events/{id}"), ua::DOCOMO_FOMA_1);
        assert_eq!(page.status, 200);
        assert!(page.is_shift_jis());
        let text = page.sjis_text();
        assert!(text.contains("親子で防災体験"), "{text}");
        // CP932 has no WAVE DASH: the phone gets FULLWIDTH TILDE.
        assert!(text.contains("2030年12月3日（火） 10:00～11:30"), "{text}");
        assert!(text.contains("中央公民館") && text.contains("柏中央") && text.contains("申込み不要"), "{text}");
        assert!(!text.contains("&#"), "nothing left as a character reference: {text}");
        assert_eq!(app.get("/events/999999", ua::DOCOMO_FOMA_1).status, 404);
    }
}

db_test! {
    fn a_coordinator_adds_an_event_and_members_may_not(app) {
        let mut coordinator = Signed::new(&app, ua::PC, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let form = coordinator.get("/admin/events");
        assert_eq!(form.status, 200, "{}", form.text());
        let (chuo, _) = areas(&app);
        let area = chuo.to_string();
        let done = coordinator.browser.submit(
            &form,
            "/admin/events",
            &[
                ("title", "冬のおはなし会"),
                ("date", "2030-12-20"),
                ("start", "10:30"),
                ("end", ""),
                ("place", "柏市立図書館"),
                ("area", &area),
                ("body", "絵本と手遊びです。"),
            ],
        );
        assert_eq!(done.status, 200, "{}", done.text());
        assert!(done.text().contains("イベントを追加しました"), "{}", done.text());
        let month = app.get(&format!("/events?month=2030-12&area={chuo}"), ua::AU).text();
        assert!(month.contains("冬のおはなし会"), "{month}");

        let bad = coordinator.browser.submit(&form, "/admin/events", &[("title", "日付なし"), ("date", "12月")]);
        assert!(bad.text().contains("日付（2026-12-03）"), "{}", bad.text());

        let mut guardian = Signed::new(&app, ua::PC, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        assert_eq!(guardian.get("/admin/events").status, 403);
    }
}

db_test! {
    fn a_coordinator_edits_and_deletes_an_event(app) {
        let id = add_event(&app, "まちがえた題名", "2030-12-03", None);
        let mut coordinator = Signed::new(&app, ua::PC, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let form = coordinator.get(&format!("/admin/events/{id}"));
        assert!(form.text().contains("まちがえた題名"), "{}", form.text());
        // The test browser sends hidden fields and what it is given, not the text fields' values.
        let saved = coordinator.browser.submit(
            &form,
            &format!("/admin/events/{id}"),
            &[
                ("title", "正しい題名"),
                ("date", "2030-12-04"),
                ("start", "10:00"),
                ("place", "中央公民館"),
                ("body", "持ち物：タオル"),
            ],
        );
        assert_eq!(saved.status, 302, "{}", saved.text());
        let page = app.get(&format!("/events/{id}"), ua::PC).text();
        assert!(page.contains("正しい題名") && page.contains("2030年12月4日（水）"), "{page}");

        let deleted = coordinator.browser.submit(&form, &format!("/admin/events/{id}/delete"), &[]);
        assert_eq!(deleted.status, 302, "{}", deleted.text());
        assert_eq!(app.get(&format!("/events/{id}"), ua::PC).status, 404);
    }
}

db_test! {
    fn my_page_lists_the_events_of_my_area_only(app) {
        let (chuo, fuse) = areas(&app);
        let soon = hiroba::domain::time::today() + chrono::Duration::days(3);
        let day = soon.format("%Y-%m-%d").to_string();
        add_event(&app, "柏中央のおさんぽ会", &day, Some(chuo));
        add_event(&app, "富勢のおさんぽ会", &day, Some(fuse));
        // はなママ lives in 柏中央.
        let mut member = Signed::new(&app, ua::DOCOMO_FOMA_1, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let page = member.get("/mypage").sjis_text();
        assert!(page.contains("わたしの地域のイベント"), "{page}");
        assert!(page.contains("柏中央のおさんぽ会") && !page.contains("富勢のおさんぽ会"), "{page}");
    }
}

db_test! {
    fn today_and_any_one_day_list_that_days_events_only(app) {
        let (chuo, _) = areas(&app);
        let today = hiroba::domain::time::today();
        let tomorrow = today + chrono::Duration::days(1);
        add_event(&app, "今日のおはなし会", &today.to_string(), Some(chuo));
        add_event(&app, "明日のベビーマッサージ", &tomorrow.to_string(), Some(chuo));

        let week = app.get("/events", ua::DOCOMO_FOMA_1);
        let text = week.sjis_text();
        let link = format!("/events?day={today}");
        assert!(text.contains(&format!("href=\"{link}\" accesskey=\"2\"")), "a 今日 link on key 2: {text}");
        crate::helpers::get_within_budget(&app, &link, ua::DOCOMO_MOVA_5K);
        let page = app.get(&link, ua::DOCOMO_FOMA_1).sjis_text();
        assert!(page.contains("今日（") && page.contains("今日のおはなし会"), "{page}");
        assert!(!page.contains("明日のベビーマッサージ"), "another day's event: {page}");

        let next = app.get(&format!("/events?day={tomorrow}&area={chuo}"), ua::PC).text();
        assert!(next.contains("明日のベビーマッサージ") && !next.contains("今日のおはなし会"), "{next}");
        assert!(next.contains(&format!("name=\"day\" value=\"{tomorrow}\"")), "the area form keeps the day: {next}");
        assert!(!next.contains("今日（"), "{next}");
    }
}
