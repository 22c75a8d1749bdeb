//! 子育て施設: a facility page with its phone number and vacancies; facility staff update the
//! vacancies from an i-mode phone in Shift_JIS; members who are not its staff are refused.

use crate::helpers::{ua, TestApp};
use crate::watch_pages::{Signed, DEMO_PASSWORD};
use hiroba::db::models::facility::Facility;

/// The demo's 柏中央子育て支援センター, whose staff is はなママ.
fn center(app: &TestApp) -> i64 {
    let mut conn = app.pool.get().expect("connection");
    let all = Facility::list(&mut conn, None, None).expect("facilities");
    all.iter()
        .find(|f| f.name == "柏中央子育て支援センター")
        .expect("demo facility")
        .id
}

db_test! {
    fn a_facility_page_has_a_tel_link_and_a_week_of_vacancies(app) {
        let id = center(&app);
        for user_agent in [ua::DOCOMO_FOMA_1, ua::AU, ua::SOFTBANK, ua::PC] {
            let page = app.get(&format!("/facilities/{id}"), user_agent);
            assert_eq!(page.status, 200);
            let text = page.text();
            assert!(text.contains("href=\"tel:0471000001\""), "{user_agent}: {text}");
            assert!(text.contains("柏市柏1-1-1") && text.contains("一時預かり空き状況"), "{text}");
            assert!(!text.contains("空き状況を更新"), "anonymous visitors get no update link");
        }
        let pc = app.get(&format!("/facilities/{id}"), ua::PC).text();
        assert!(pc.contains("<table>") && pc.contains("<th>午前</th>"), "{pc}");
        let keitai = app.get(&format!("/facilities/{id}"), ua::DOCOMO_FOMA_1).sjis_text();
        assert!(!keitai.contains("<table"), "keitai get lines: {keitai}");
        assert!(keitai.contains("午前 残り") || keitai.contains("午前 満員"), "{keitai}");
    }
}

db_test! {
    fn the_facility_list_filters_by_kind(app) {
        let all = app.get("/facilities", ua::DOCOMO_FOMA_1).sjis_text();
        assert!(all.contains("みどり保育園") && all.contains("増尾児童センター"), "{all}");
        let kind = hiroba_views::ctx::percent_encode("児童館");
        let pc = app.get(&format!("/facilities?kind={kind}"), ua::PC).text();
        assert!(pc.contains("増尾児童センター") && !pc.contains("みどり保育園"), "{pc}");
        // An i-mode phone sends the kind in Shift_JIS.
        let sjis = crate::helpers::percent_encode(&encoding_rs::SHIFT_JIS.encode("児童館").0);
        let keitai = app.get(&format!("/facilities?kind={sjis}"), ua::DOCOMO_FOMA_1).sjis_text();
        assert!(keitai.contains("増尾児童センター") && !keitai.contains("みどり保育園"), "{keitai}");
    }
}

db_test! {
    fn facility_staff_update_vacancies_from_an_imode_phone_and_the_page_shows_them(app) {
        let id = center(&app);
        let mut staff = Signed::new(&app, ua::DOCOMO_FOMA_1, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let page = staff.get(&format!("/facilities/{id}"));
        assert!(page.sjis_text().contains("空き状況を更新"), "{}", page.sjis_text());
        let form = staff.get(&format!("/facilities/{id}/slots"));
        assert_eq!(form.status, 200, "{}", form.sjis_text());
        assert!(form.is_shift_jis());
        let today = hiroba::domain::time::today();
        let field = |days: i64, period: &str| {
            format!("{}{period}", (today + chrono::Duration::days(days)).format("d%m%d"))
        };
        let (first_am, first_pm, third_am) = (field(0, "am"), field(0, "pm"), field(2, "am"));
        // A full-width digit as a keitai's Japanese input mode may send it.
        let done = staff.browser.submit(
            &form,
            &format!("/facilities/{id}/slots"),
            &[(&first_am, "7"), (&first_pm, "0"), (&third_am, "３")],
        );
        assert_eq!(done.status, 200, "{}", done.sjis_text());
        assert!(done.sjis_text().contains("空き状況を更新しました"), "{}", done.sjis_text());

        let label = |days: i64| hiroba::domain::time::day_label(today + chrono::Duration::days(days));
        let public = app.get(&format!("/facilities/{id}"), ua::DOCOMO_FOMA_2).sjis_text();
        assert!(public.contains(&format!("{}午前 残り7", label(0))), "{public}");
        assert!(public.contains(&format!("{}午後 満員", label(0))), "{public}");
        assert!(public.contains(&format!("{}午前 残り3", label(2))), "{public}");

        let bad = staff.browser.submit(&form, &format!("/facilities/{id}/slots"), &[(&first_am, "たくさん")]);
        assert!(bad.sjis_text().contains("0～99の数字"), "{}", bad.sjis_text());
        let still = app.get(&format!("/facilities/{id}"), ua::PC).text();
        assert!(still.contains("残り7"), "a refused form changes nothing: {still}");

        // The form fits a 5 KB mova handset too.
        let mut mova = Signed::new(&app, ua::DOCOMO_MOVA_5K, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let small = mova.get(&format!("/facilities/{id}/slots"));
        assert_eq!(small.status, 200);
        let budget = crate::watch_pages::budget(&app, ua::DOCOMO_MOVA_5K);
        assert!(small.body.len() <= budget, "{} bytes > {budget}", small.body.len());
    }
}

db_test! {
    fn members_who_are_not_its_staff_are_refused_and_visitors_asked_to_log_in(app) {
        let id = center(&app);
        let mut other = Signed::new(&app, ua::AU, "sakura.baaba@ezweb.ne.jp", DEMO_PASSWORD);
        assert_eq!(other.get(&format!("/facilities/{id}/slots")).status, 403);
        // Nor may she post the staff's form with her own session.
        let mut staff = Signed::new(&app, ua::PC, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let form = staff.get(&format!("/facilities/{id}/slots"));
        assert_eq!(form.status, 200);
        let mine = other.get(&format!("/facilities/{id}"));
        assert!(!mine.text().contains("空き状況を更新"));
        let anonymous = app.get(&format!("/facilities/{id}/slots"), ua::PC);
        assert_eq!(anonymous.status, 302);
        assert!(anonymous.header("location").unwrap_or_default().contains("/login"));
        // A coordinator reaches every facility.
        let mut coordinator = Signed::new(&app, ua::PC, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        assert_eq!(coordinator.get(&format!("/facilities/{id}/slots")).status, 200);
    }
}

db_test! {
    fn a_coordinator_adds_a_facility_and_names_its_staff(app) {
        let mut coordinator = Signed::new(&app, ua::PC, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let page = coordinator.get("/admin/facilities");
        assert_eq!(page.status, 200, "{}", page.text());
        let done = coordinator.browser.submit(
            &page,
            "/admin/facilities",
            &[
                ("name", "富勢児童センター"),
                ("kind", "児童館"),
                ("address", "柏市布施1-2"),
                ("phone", "04-7100-0099"),
                ("hours", "9:00〜18:00"),
            ],
        );
        assert!(done.text().contains("施設を追加しました"), "{}", done.text());
        let id = {
            let mut conn = app.pool.get().expect("connection");
            let all = Facility::list(&mut conn, None, None).expect("facilities");
            all.iter().find(|f| f.name == "富勢児童センター").expect("added").id
        };
        let named = coordinator.browser.submit(
            &done,
            &format!("/admin/facilities/{id}/staff"),
            &[("email", "sakura.baaba@ezweb.ne.jp")],
        );
        assert!(named.text().contains("職員に登録しました"), "{}", named.text());
        let mut staff = Signed::new(&app, ua::AU, "sakura.baaba@ezweb.ne.jp", DEMO_PASSWORD);
        assert_eq!(staff.get(&format!("/facilities/{id}/slots")).status, 200);
    }
}
