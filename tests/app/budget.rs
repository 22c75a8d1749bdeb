//! Every keitai page fits its device's page budget; long lists page themselves.

use crate::helpers::builders::PostBuilder;
use crate::helpers::{get_within_budget, ua, TestApp};
use hiroba::db::models::notice::{NewNotice, Notice};

fn add_long_notices(app: &TestApp, count: usize) {
    let mut conn = app.pool.get().expect("connection");
    let today = chrono::Local::now().date_naive();
    for i in 0..count {
        let title = format!("長いお知らせの題名です。子育て支援センターからのご案内 その{i}🎵");
        Notice::insert(
            &mut conn,
            &NewNotice {
                title: &title,
                body: "本文",
                published_on: today,
            },
        )
        .expect("insert");
    }
}

db_test! {
    fn the_top_page_pages_itself_to_fit_a_5kb_mova_handset(app) {
        add_long_notices(&app, 40);
        let first = get_within_budget(&app, "/", ua::DOCOMO_MOVA_5K);
        let text = first.sjis_text();
        assert!(text.contains("次へ"), "a long list must offer the next page: {text}");
        let before = &text[..text.find("ページ").expect("pager")];
        let pages: usize = before
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("page count");
        assert!(pages >= 2);
        let mut seen = 0;
        for page in 1..=pages {
            let body = get_within_budget(&app, &format!("/?page={page}"), ua::DOCOMO_MOVA_5K).sjis_text();
            seen += body.matches("/notices/").count();
        }
        assert_eq!(seen, 56, "every notice appears on exactly one page");
    }
}

db_test! {
    fn every_keitai_page_type_fits_its_budget(app) {
        add_long_notices(&app, 10);
        for user_agent in ua::KEITAI {
            for path in [
                "/",
                "/?page=2",
                "/device",
                "/notices/1",
                "/out?u=https%3A%2F%2Fwww.city.kashiwa.lg.jp%2F",
                "/no-such-page",
                "/login",
                "/register",
                "/register/confirm?t=0123456789abcdef0123456789abcdef",
                "/register?invite=0123456789abcdef0123456789abcdef",
                "/help/mail",
                "/portal",
            ] {
                get_within_budget(&app, path, user_agent);
            }
        }
    }
}

db_test! {
    fn every_account_page_fits_a_5kb_mova_handset(app) {
        let budget = app.get("/device.json", ua::DOCOMO_MOVA_5K).json()["max_page_bytes"]
            .as_u64()
            .expect("budget") as usize;
        let mut phone = crate::helpers::Browser::new(&app, ua::DOCOMO_MOVA_5K);
        let done = crate::helpers::log_in(&mut phone, "coordinator@hiroba.example.jp", "hiroba-demo-2026");
        let location = done.header("location").expect("location").to_string();
        let sid = location.split("sid=").nth(1).expect("sid").to_string();
        let post = {
            let body = "公園の桜が咲きはじめました☀\nベビーカーでも歩きやすいです。\n".repeat(8);
            let post = PostBuilder::new(1, "柏の葉公園の桜").body(&body).insert(&app);
            format!("/posts/{post}")
        };
        let paths = ["/mypage", "/mypage/phone", "/mypage/magazine", "/logout", "/reauth", "/admin/members", "/help/mail", &post];
        for path in paths.into_iter().chain(["/posts", "/posts/new", "/admin/posts"]) {
            let page = phone.get(&format!("{path}?sid={sid}"));
            assert_eq!(page.status, 200, "{path}");
            assert!(page.body.len() <= budget, "{path}: {} bytes > {budget}", page.body.len());
        }
    }
}

db_test! {
    fn the_watch_pages_fit_every_keitai_budget(app) {
        app.expect_leftover_jobs("the pass mail to the guardian is not what this test is about");
        let watch = crate::helpers::watch::Watch::new(&app, &["hana.mama@docomo.ne.jp"]);
        crate::helpers::watch::send(&app, &watch.gate, &[(1, &watch.tag, 10, Some("in"))]);
        let recipient = {
            let mut conn = app.pool.get().expect("conn");
            hiroba::db::models::watch::recipient::Recipient::of_child(&mut conn, watch.child.id).expect("rows")[0].id
        };
        for user_agent in ua::KEITAI {
            let limit = crate::helpers::budget(&app, user_agent);
            let mut phone = crate::helpers::Signed::new(&app, user_agent, "hana.mama@docomo.ne.jp", "hiroba-demo-2026");
            for path in [
                "/watch".to_string(),
                format!("/watch/children/{}", watch.child.id),
                format!("/watch/children/{}/settings/{recipient}", watch.child.id),
            ] {
                let page = phone.get(&path);
                assert_eq!(page.status, 200, "{path} for {user_agent}");
                assert!(page.text().contains("ゆうた"), "{path} for {user_agent}: {}", page.text());
                assert!(page.body.len() <= limit, "{path} for {user_agent}: {} bytes > {limit}", page.body.len());
            }
        }
    }
}

db_test! {
    fn the_portal_pages_fit_every_keitai_budget_and_a_long_month_pages_itself(app) {
        let month = {
            let mut conn = app.pool.get().expect("connection");
            for i in 0..80 {
                let fields = hiroba::db::models::event::EventFields {
                    title: format!("親子で楽しむ季節のイベント その{i}🎵"),
                    body: "本文".into(),
                    held_on: chrono::NaiveDate::from_ymd_opt(2030, 12, 1 + i % 28).expect("day"),
                    start_time: Some("10:00".into()),
                    end_time: None,
                    place: "中央公民館".into(),
                    area_id: None,
                };
                hiroba::db::models::event::Event::insert(&mut conn, &fields, None).expect("event");
            }
            "/events?month=2030-12"
        };
        for user_agent in ua::KEITAI {
            for path in ["/events", month, "/events?month=2030-12&page=2", "/events/1", "/facilities", "/facilities/1"] {
                let response = get_within_budget(&app, path, user_agent);
                assert_eq!(response.status, 200, "{path} for {user_agent}");
            }
        }
        let first = get_within_budget(&app, month, ua::DOCOMO_MOVA_5K).sjis_text();
        assert!(first.contains("次へ"), "a long month must offer the next page: {first}");
    }
}
