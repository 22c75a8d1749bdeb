//! かんたんログイン: a registered phone logs in through its carrier's gateway, and every spoof fails.

use crate::helpers::session::{docomo_phone, register_phone, DOCOMO_GATEWAY, GUID};
use crate::helpers::{spawn_on, spawn_with, ua, write_gateway_list, Response, TestApp};
use crate::helpers::{Browser, Signed, DEMO_PASSWORD, GUARDIAN};

const AU_GATEWAY: &str = "198.51.100.20";

fn easy_login(phone: &mut Browser<'_>) -> Response {
    let page = phone.get("/login");
    phone.submit(&page, "/login/easy", &[])
}

db_test! {
    fn a_registered_phone_logs_in_without_a_password_and_confirms_it_for_children(backend: Backend) {
        let app = spawn_on(backend);
        register_phone(&app);
        let mut phone = docomo_phone(&app, DOCOMO_GATEWAY);
        let done = easy_login(&mut phone);
        assert_eq!(done.status, 302, "{}", done.sjis_text());
        let mypage = phone.follow(&done);
        assert!(mypage.sjis_text().contains("はなママ"));
        // The session is low-assurance until the password is typed once.
        let assurance = |app: &TestApp| {
            use diesel::prelude::*;
            use hiroba::db::schema::sessions;
            let mut conn = app.pool.get().expect("connection");
            sessions::table.select(sessions::assurance).filter(sessions::member_id.is_not_null())
                .load::<String>(&mut conn).expect("sessions")
        };
        assert!(assurance(&app).contains(&"low".to_string()));
        let sid = done.header("location").and_then(|l| l.split("sid=").nth(1)).expect("sid").to_string();
        // Changing the account asks for the password first, and adds nothing meanwhile.
        let asked = phone.submit(&mypage, "/mypage/addresses", &[("email", "thief@example.jp")]);
        assert_eq!(asked.status, 302);
        assert!(asked.header("location").unwrap_or_default().contains("/reauth?next="), "{:?}", asked.headers);
        let mut conn = app.pool.get().expect("connection");
        assert!(hiroba::db::models::mail_address::MailAddress::find(&mut conn, "thief@example.jp").expect("query").is_none());
        drop(conn);
        let reauth = phone.get(&format!("/reauth?next=%2Fmypage&sid={sid}"));
        assert!(reauth.sjis_text().contains("お子さまの情報を守るため"));
        let wrong = phone.submit(&reauth, "/reauth", &[("password", "nope-nope")]);
        assert!(wrong.sjis_text().contains("パスワードが違います"));
        let right = phone.submit(&reauth, "/reauth", &[("password", "hiroba-demo-2026")]);
        assert_eq!(right.status, 302);
        assert!(!assurance(&app).contains(&"low".to_string()));
    }
}

/// Asserts the attempt was refused for the gateway reason and opened no session.
fn assert_refused(response: &Response) {
    assert_eq!(response.status, 403, "{}", response.sjis_text());
    let text = response.sjis_text();
    assert!(
        text.contains("回線からの接続であることを確認できませんでした"),
        "{text}"
    );
}

db_test! {
    fn subscriber_ids_are_refused_from_outside_that_carriers_gateway(backend: Backend) {
        let app = spawn_on(backend);
        register_phone(&app);
        // From an address that is no gateway (and not forwarded by a proxy at all).
        let mut direct = Browser::new(&app, ua::DOCOMO_FOMA_1).with_header("X-DCMGUID", GUID);
        assert_refused(&easy_login(&mut direct));
        // Forwarded, but from a non-gateway address.
        assert_refused(&easy_login(&mut docomo_phone(&app, "192.168.1.20")));
        // From another carrier's gateway with a docomo User-Agent.
        assert_refused(&easy_login(&mut docomo_phone(&app, AU_GATEWAY)));
        // An au phone behind au's gateway sending docomo's header: only au's header is read.
        let mut au = Browser::new(&app, ua::AU)
            .with_header("X-Forwarded-For", AU_GATEWAY)
            .with_header("X-DCMGUID", GUID);
        let page = au.get("/login");
        let answer = au.submit(&page, "/login/easy", &[]);
        assert_eq!(answer.status, 403);
        assert!(answer.sjis_text().contains("契約者情報"), "{}", answer.sjis_text());
        // The right gateway, but the request names another host.
        let mut other_host = docomo_phone(&app, DOCOMO_GATEWAY).with_header("Host", "hiroba.evil.example");
        assert_refused(&easy_login(&mut other_host));
    }
}

db_test! {
    fn forwarded_addresses_count_only_from_trusted_proxies(backend: Backend) {
        let app = spawn_with(backend, |s| s.trusted_proxies = Default::default());
        let mut phone = docomo_phone(&app, DOCOMO_GATEWAY);
        assert_refused(&easy_login(&mut phone));
    }
}

db_test! {
    fn a_stale_gateway_list_switches_easy_login_off(backend: Backend) {
        let app = spawn_with(backend, |s| {
            write_gateway_list(s.gateway_list.as_ref().expect("the tests write a list"), chrono::NaiveDate::from_ymd_opt(2011, 12, 31).expect("date"))
        });
        let mut phone = docomo_phone(&app, DOCOMO_GATEWAY);
        let page = phone.get("/login");
        let text = page.sjis_text();
        assert!(!text.contains("かんたんログイン") && !text.contains("一覧"), "members get no internal reasons: {text}");
        assert!(!text.contains("/login/easy"), "no easy login form is offered");
        // The operators are told on their menu.
        let mut coordinator = Signed::new(&app, ua::PC, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let menu = coordinator.get("/mypage").text();
        assert!(menu.contains("かんたんログインは停止中です") && menu.contains("2011-12-31"), "{menu}");
        // A hand-made post is refused all the same.
        let csrf = crate::helpers::forms(&page)[0].fields.iter().find(|(n, _)| n == "csrf").expect("csrf").1.clone();
        let sid = page.text().split("sid=").nth(1).expect("sid")[..32].to_string();
        let answer = phone.post(&format!("/login/easy?guid=ON&sid={sid}"), format!("csrf={csrf}").as_bytes());
        assert_eq!(answer.status, 403);
        assert!(answer.sjis_text().contains("ただいまご利用いただけません"));
        assert!(!answer.sjis_text().contains("一覧"), "{}", answer.sjis_text());
    }
}

db_test! {
    fn only_a_carrier_keitai_is_offered_to_register_itself(app) {
        for agent in [ua::PC, ua::IPHONE] {
            let mut member = Signed::new(&app, agent, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
            let text = member.get("/mypage").text();
            assert!(!text.contains("このケータイを登録する") && !text.contains("/mypage/phone"), "{agent}: {text}");
            assert!(!text.contains("かんたんログインは停止中"), "members see no operator notice: {text}");
        }
        let mut phone = Signed::new(&app, ua::DOCOMO_FOMA_2, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let mypage = phone.get("/mypage");
        assert!(mypage.sjis_text().contains("このケータイを登録する"), "{}", mypage.sjis_text());
    }
}

db_test! {
    fn a_forged_first_forwarded_for_line_does_not_make_a_gateway(app) {
        register_phone(&app);
        // The client forges a docomo gateway address; the proxy appends the real one on its own line.
        let mut forged = Browser::new(&app, ua::DOCOMO_FOMA_1)
            .with_header("X-Forwarded-For", DOCOMO_GATEWAY)
            .with_header("X-Forwarded-For", "192.168.7.7")
            .with_header("X-DCMGUID", GUID);
        assert_refused(&easy_login(&mut forged));
    }
}

db_test! {
    fn an_easy_login_session_types_the_password_before_the_admin_pages(app) {
        use hiroba::db::models::mail_address::MailAddress;
        use hiroba::db::models::member::Member;
        use hiroba::domain::role::Role;
        {
            let mut conn = app.pool.get().expect("connection");
            let hana = MailAddress::find(&mut conn, GUARDIAN).unwrap().expect("hana").member_id;
            Member::add_roles(&mut conn, hana, &[Role::Coordinator]).unwrap();
        }
        register_phone(&app);
        let mut phone = docomo_phone(&app, DOCOMO_GATEWAY);
        let done = easy_login(&mut phone);
        assert_eq!(done.status, 302, "{}", done.sjis_text());
        let sid = done.header("location").and_then(|l| l.split("sid=").nth(1)).expect("sid").to_string();
        let asked = phone.get(&format!("/admin/members?sid={sid}"));
        assert_eq!(asked.status, 302, "{}", asked.sjis_text());
        let location = asked.header("location").unwrap_or_default().to_string();
        assert!(location.contains("/reauth?next=%2Fadmin%2Fmembers"), "{location}");
        let reauth = phone.follow(&asked);
        let back = phone.submit(&reauth, "/reauth", &[("password", DEMO_PASSWORD)]);
        assert_eq!(back.status, 302);
        assert!(back.header("location").unwrap_or_default().contains("/admin/members"));
        let page = phone.follow(&back);
        assert_eq!(page.status, 200, "{}", page.sjis_text());
    }
}
