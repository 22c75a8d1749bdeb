//! 子育て施設: a facility page with its phone number and vacancies; facility staff update the
//! vacancies from an i-mode phone in Shift_JIS; members who are not its staff are refused;
//! coordinators add, correct and delete facilities and name or remove their staff.

use crate::helpers::forms;
use crate::helpers::{percent_encode, ua, Response, TestApp};
use crate::helpers::{Signed, DEMO_PASSWORD};
use hiroba::db::models::care_slot::CareSlot;
use hiroba::db::models::facility::Facility;

const COORDINATOR: &str = "coordinator@hiroba.example.jp";
const STAFF: &str = "hana.mama@docomo.ne.jp";

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
        let budget = crate::helpers::budget(&app, ua::DOCOMO_MOVA_5K);
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
        assert_eq!(done.status, 302, "{}", done.text());
        let listed = coordinator.browser.follow(&done);
        assert!(listed.text().contains("施設を追加しました"), "{}", listed.text());
        let id = {
            let mut conn = app.pool.get().expect("connection");
            let all = Facility::list(&mut conn, None, None).expect("facilities");
            all.iter().find(|f| f.name == "富勢児童センター").expect("added").id
        };
        assert!(listed.text().contains(&format!("href=\"/admin/facilities/{id}\"")), "the list links its edit page");
        assert!(listed.text().contains(&format!("href=\"/facilities/{id}\"")), "and its public page");
        let edit = coordinator.get(&format!("/admin/facilities/{id}"));
        assert!(edit.text().contains("まだ登録されていません"), "{}", edit.text());
        let unknown = coordinator.browser.submit(
            &edit,
            &format!("/admin/facilities/{id}/staff"),
            &[("email", "nobody@example.jp")],
        );
        assert!(unknown.text().contains("nobody@example.jp の会員（確認済みのアドレス）が見つかりません"), "{}", unknown.text());
        assert!(unknown.text().contains("value=\"nobody@example.jp\""), "the address stays typed");
        let named = coordinator.browser.submit(
            &edit,
            &format!("/admin/facilities/{id}/staff"),
            &[("email", "sakura.baaba@ezweb.ne.jp")],
        );
        let named = coordinator.browser.follow(&named);
        assert!(named.text().contains("職員に登録しました"), "{}", named.text());
        assert!(named.text().contains("さくらばあば（sakura.baaba@ezweb.ne.jp）"), "{}", named.text());
        let mut staff = Signed::new(&app, ua::AU, "sakura.baaba@ezweb.ne.jp", DEMO_PASSWORD);
        assert_eq!(staff.get(&format!("/facilities/{id}/slots")).status, 200);
    }
}

/// The visible fields of a facility's edit form as stored, for a test to change some of them.
fn stored_fields(app: &TestApp, id: i64) -> Vec<(&'static str, String)> {
    let mut conn = app.pool.get().expect("connection");
    let f = Facility::find(&mut conn, id).expect("facility");
    vec![
        ("name", f.name),
        ("kind", f.kind),
        ("address", f.address),
        ("area", f.area_id.map(|a| a.to_string()).unwrap_or_default()),
        ("phone", f.phone),
        ("hours", f.hours),
        ("note", f.note),
    ]
}

fn with<'a>(fields: &'a [(&'static str, String)], changes: &[(&'static str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    fields
        .iter()
        .map(|(name, value)| {
            let changed = changes.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
            (*name, changed.unwrap_or(value.as_str()))
        })
        .collect()
}

/// Posts `path` with the hidden fields (CSRF token) of the first form on `page`: what a member
/// could send by hand to a form she was never shown.
fn post_with_token_of(signed: &mut Signed<'_>, page: &Response, path: &str, extra: &str) -> Response {
    let form = forms(page).into_iter().next().expect("a form");
    let mut body: Vec<String> = form
        .fields
        .iter()
        .map(|(n, v)| format!("{n}={}", percent_encode(v.as_bytes())))
        .collect();
    if !extra.is_empty() {
        body.push(extra.to_string());
    }
    signed.browser.post(path, body.join("&").as_bytes())
}

db_test! {
    fn a_coordinator_corrects_a_facility_and_a_docomo_phone_dials_the_new_number(app) {
        let id = center(&app);
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let edit = coordinator.get(&format!("/admin/facilities/{id}"));
        assert_eq!(edit.status, 200, "{}", edit.text());
        let text = edit.text();
        assert!(text.contains("value=\"柏中央子育て支援センター\"") && text.contains("value=\"04-7100-0001\""), "{text}");
        assert!(text.contains("はなママ（hana.mama@docomo.ne.jp）") && text.contains("外す"), "the staff are listed: {text}");

        let stored = stored_fields(&app, id);
        let fields = with(&stored, &[("phone", "04-7100-0123"), ("hours", "9:30〜16:30（日・祝休み）")]);
        let saved = coordinator.browser.submit(&edit, &format!("/admin/facilities/{id}"), &fields);
        assert_eq!(saved.status, 302, "{}", saved.text());
        assert!(saved.header("location").unwrap_or_default().contains("/admin/facilities?done=saved"));
        let listed = coordinator.browser.follow(&saved);
        assert!(listed.text().contains("施設の内容を直しました"), "{}", listed.text());

        let phone = app.get(&format!("/facilities/{id}"), ua::DOCOMO_FOMA_2);
        assert!(phone.is_shift_jis());
        let page = phone.sjis_text();
        assert!(page.contains("href=\"tel:0471000123\"") && page.contains("04-7100-0123"), "{page}");
        assert!(page.contains("9:30～16:30") && !page.contains("0471000001"), "{page}");
    }
}

db_test! {
    fn a_bad_correction_says_what_to_fix_keeps_the_typed_values_and_changes_nothing(app) {
        let id = center(&app);
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let edit = coordinator.get(&format!("/admin/facilities/{id}"));
        let stored = stored_fields(&app, id);
        let fields = with(&stored, &[("name", ""), ("phone", "でんわ"), ("address", "柏市柏2-2-2")]);
        let bad = coordinator.browser.submit(&edit, &format!("/admin/facilities/{id}"), &fields);
        assert_eq!(bad.status, 200);
        let text = bad.text();
        assert!(text.contains("名前（60文字まで）・種類（20文字まで）・住所（100文字まで）を入力してください"), "{text}");
        assert!(text.contains("電話番号は 04-7100-0001 のように"), "{text}");
        assert!(text.contains("value=\"でんわ\"") && text.contains("value=\"柏市柏2-2-2\""), "typed values stay: {text}");
        let page = app.get(&format!("/facilities/{id}"), ua::PC).text();
        assert!(page.contains("柏中央子育て支援センター") && page.contains("柏市柏1-1-1"), "{page}");
    }
}

db_test! {
    fn a_deleted_facility_is_gone_with_its_vacancies_and_staff(app) {
        let id = center(&app);
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let edit = coordinator.get(&format!("/admin/facilities/{id}"));
        let deleted = coordinator.browser.submit(&edit, &format!("/admin/facilities/{id}/delete"), &[]);
        let listed = coordinator.browser.follow(&deleted);
        assert!(listed.text().contains("施設を削除しました"), "{}", listed.text());
        assert!(!listed.text().contains("柏中央子育て支援センター"), "{}", listed.text());
        assert_eq!(app.get(&format!("/facilities/{id}"), ua::DOCOMO_FOMA_2).status, 404);
        assert_eq!(coordinator.get(&format!("/admin/facilities/{id}")).status, 404);
        let mut conn = app.pool.get().expect("connection");
        let today = hiroba::domain::time::today();
        let slots = CareSlot::of_facility(&mut conn, id, today, today + chrono::Duration::days(30)).expect("slots");
        assert!(slots.is_empty(), "vacancies go with the facility");
        assert_eq!(Facility::staff_count(&mut conn, id).expect("staff"), 0);
    }
}

db_test! {
    fn a_member_taken_off_the_staff_can_no_longer_open_the_slot_form(app) {
        let id = center(&app);
        let mut staff = Signed::new(&app, ua::DOCOMO_FOMA_1, STAFF, DEMO_PASSWORD);
        assert_eq!(staff.get(&format!("/facilities/{id}/slots")).status, 200);
        let mut coordinator = Signed::new(&app, ua::PC, COORDINATOR, DEMO_PASSWORD);
        let edit = coordinator.get(&format!("/admin/facilities/{id}"));
        let removed = coordinator.browser.submit(&edit, &format!("/admin/facilities/{id}/staff/remove"), &[]);
        let after = coordinator.browser.follow(&removed);
        assert!(after.text().contains("職員から外しました"), "{}", after.text());
        assert!(!after.text().contains("hana.mama@docomo.ne.jp"), "{}", after.text());
        // Her session is the same; the staff check answers differently at once.
        assert_eq!(staff.get(&format!("/facilities/{id}/slots")).status, 403);
        assert!(!staff.get(&format!("/facilities/{id}")).sjis_text().contains("空き状況を更新"));
    }
}

db_test! {
    fn a_slot_form_sent_after_midnight_says_the_past_day_was_not_saved_and_saves_the_rest(app) {
        let id = center(&app);
        let mut staff = Signed::new(&app, ua::DOCOMO_FOMA_1, STAFF, DEMO_PASSWORD);
        let form = staff.get(&format!("/facilities/{id}/slots"));
        let today = hiroba::domain::time::today();
        let yesterday = today - chrono::Duration::days(1);
        let before = {
            let mut conn = app.pool.get().expect("connection");
            CareSlot::of_facility(&mut conn, id, yesterday, yesterday).expect("slots").len()
        };
        // The form as it was opened yesterday evening: it still names yesterday.
        let (old_am, old_pm) = (format!("{}am", yesterday.format("d%m%d")), format!("{}pm", yesterday.format("d%m%d")));
        let today_am = format!("{}am", today.format("d%m%d"));
        let sent = staff.browser.submit(
            &form,
            &format!("/facilities/{id}/slots"),
            &[(&old_am, "5"), (&old_pm, "2"), (&today_am, "12")],
        );
        assert_eq!(sent.status, 200);
        assert!(sent.is_shift_jis());
        let text = sent.sjis_text();
        let label = hiroba::domain::time::day_label(yesterday);
        assert!(text.contains(&format!("{label}はもう過ぎた日なので保存しませんでした。ほかの日は保存しました。")), "{text}");
        let public = app.get(&format!("/facilities/{id}"), ua::PC).text();
        let today_label = hiroba::domain::time::day_label(today);
        assert!(public.contains("残り12"), "today's count is saved ({today_label}): {public}");
        let mut conn = app.pool.get().expect("connection");
        let after = CareSlot::of_facility(&mut conn, id, yesterday, yesterday).expect("slots");
        assert_eq!(after.len(), before, "nothing is written for yesterday");
        let today_slots = CareSlot::of_facility(&mut conn, id, today, today).expect("slots");
        assert!(today_slots.iter().any(|s| s.period == "am" && s.remaining == 12), "{today_slots:?}");
    }
}

db_test! {
    fn a_guardian_may_neither_correct_nor_delete_a_facility(app) {
        let id = center(&app);
        let mut guardian = Signed::new(&app, ua::PC, STAFF, DEMO_PASSWORD);
        assert_eq!(guardian.get(&format!("/admin/facilities/{id}")).status, 403);
        assert_eq!(guardian.get("/admin/facilities").status, 403);
        // Even with a valid token from a form she may use (she is staff of its slots).
        let own = guardian.get(&format!("/facilities/{id}/slots"));
        let name = format!("name={}", percent_encode("乗っ取り".as_bytes()));
        let update = post_with_token_of(&mut guardian, &own, &format!("/admin/facilities/{id}"), &name);
        assert_eq!(update.status, 403, "{}", update.text());
        assert!(update.text().contains("権限がありません"), "refused by the policy, not the token: {}", update.text());
        let delete = post_with_token_of(&mut guardian, &own, &format!("/admin/facilities/{id}/delete"), "");
        assert_eq!(delete.status, 403, "{}", delete.text());
        assert!(delete.text().contains("権限がありません"), "refused by the policy, not the token: {}", delete.text());
        let remove = post_with_token_of(&mut guardian, &own, &format!("/admin/facilities/{id}/staff/remove"), "member=1");
        assert_eq!(remove.status, 403, "{}", remove.text());
        assert!(remove.text().contains("権限がありません"), "refused by the policy, not the token: {}", remove.text());
        let page = app.get(&format!("/facilities/{id}"), ua::PC);
        assert_eq!(page.status, 200);
        assert!(page.text().contains("柏中央子育て支援センター"));
    }
}
