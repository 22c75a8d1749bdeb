//! 送迎・あずかり支援, the members' side: joining, a supporter's profile and week from an i-mode 1.0
//! phone, a family's children from au and SoftBank, and the coordinators' vetting and 事前打合せ.

use crate::helpers::builders::{area_id, Carrier, FamilyBuilder, MemberBuilder, SupporterBuilder};
use crate::helpers::{forms, ua};
use chrono::{Duration, NaiveDate};
use hiroba::db::models::support::child::FamilyChild;
use hiroba::db::models::support::log::SupportLog;
use hiroba::db::models::support::member::SupportMember;
use hiroba::db::models::support::pre_meeting::PreMeeting;
use hiroba::db::models::support::supporter::Supporter;
use hiroba::domain::role::Role;
use hiroba::domain::support::ids::AreaId;
use hiroba::domain::support::status::Membership;
use hiroba::domain::time::today;

/// Whether the page has a form posting to `action`.
fn has_form(page: &crate::helpers::Response, action: &str) -> bool {
    forms(page).iter().any(|f| f.action.starts_with(action))
}

db_test! {
    fn an_imode_phone_enrols_as_supporter_and_sets_her_week(app: Empty) {
        let member = MemberBuilder::new("よしこ").area("柏中央").insert(&app);
        let mut phone = member.sign_in(&app, ua::DOCOMO_MOVA);
        assert!(phone.sid.is_some(), "i-mode 1.0 keeps the session in the URL");

        let home = phone.get("/support");
        assert!(home.is_shift_jis());
        assert!(home.sjis_text().contains("会員になる"), "{}", home.sjis_text());
        let join = phone.get("/support/join");
        let done = phone.browser.submit(&join, "/support/join", &[
            ("membership", "helps"),
            ("phone", "０９０－１２３４－５６７８"),
            ("address", "柏市柏1-2-3"),
        ]);
        let text = done.sjis_text();
        assert_eq!(done.status, 200, "{text}");
        assert!(text.contains("会員として登録しました"), "{text}");
        assert!(text.contains("講習の受講記録がまだです。センターにお問い合わせください。"), "{text}");
        assert!(text.contains("活動できる日時"), "{text}");
        {
            let mut conn = app.pool.get().unwrap();
            let s = SupportMember::find(&mut conn, member.id).unwrap().expect("enrolled");
            assert_eq!((s.membership(), s.phone.as_str()), (Membership::Helps, "090-1234-5678"));
            let row = Supporter::find(&mut conn, member.id).unwrap().expect("supporter row");
            assert_eq!(row.home_area_id, area_id(&app, "柏中央"));
            assert!(row.vetting().course_completed.is_none(), "nothing vetted yet");
        }

        // Areas and skills: check boxes of the same name, sent as the phone would.
        let profile = phone.get("/support/profile");
        assert!(profile.sjis_text().contains("乳児可"), "{}", profile.sjis_text());
        let (home_area, fuse) = (area_id(&app, "柏中央"), area_id(&app, "富勢"));
        let raw = format!(
            "home_area={home_area}&area={home_area}&area={fuse}&skill=infant&skill=car&monthly_limit=10"
        );
        let saved = phone.browser.submit_raw(&profile, "/support/profile", &raw);
        assert!(saved.sjis_text().contains("提供内容を保存しました"), "{}", saved.sjis_text());
        let too_many = phone.get("/support/profile");
        let refused = phone.browser.submit_raw(
            &too_many,
            "/support/profile",
            &format!("home_area={home_area}&area={home_area}&monthly_limit=63"),
        );
        assert!(refused.sjis_text().contains("1か月の上限は0～62の数で"), "{}", refused.sjis_text());
        assert!(refused.sjis_text().contains("value=\"63\""), "typed value kept");

        // Monday: two bands with hour and minute selects. (A Shift_JIS page's 〜 reads back as
        // the CP932 wave dash ～.)
        let monday = phone.get("/support/availability/weekday/0");
        assert!(monday.body.len() <= 5 * 1024, "{} bytes", monday.body.len());
        let week = phone.browser.submit(&monday, "/support/availability/weekday/0", &[
            ("a_from_h", "09"), ("a_from_m", "00"), ("a_until_h", "12"), ("a_until_m", "00"),
            ("b_from_h", "15"), ("b_from_m", "00"), ("b_until_h", "18"), ("b_until_m", "00"),
        ]);
        let text = week.sjis_text();
        assert!(text.contains("月 09:00～12:00、15:00～18:00"), "{text}");
        assert!(text.contains("火 なし"), "{text}");
        // A band that ends before it starts is refused with what was chosen kept.
        let tuesday = phone.get("/support/availability/weekday/1");
        let wrong = phone.browser.submit(&tuesday, "/support/availability/weekday/1", &[
            ("a_from_h", "18"), ("a_from_m", "00"), ("a_until_h", "09"), ("a_until_m", "30"),
        ]);
        let text = wrong.sjis_text();
        assert!(text.contains("18:00～09:30：終わりの時刻が始まりより前です。"), "{text}");
        assert!(text.contains("<option selected=\"selected\">18</option>"), "{text}");

        // A day off.
        let off = today() + Duration::days(10);
        let form = phone.get("/support/availability/days");
        let saved = phone.browser.submit(&form, "/support/availability/days", &[
            ("day", &off.to_string()), ("off", "1"),
        ]);
        let text = saved.sjis_text();
        assert!(text.contains("終日不可"), "{text}");
        assert!(has_form(&saved, "/support/availability/days/remove"));

        let mut conn = app.pool.get().unwrap();
        let row = Supporter::find(&mut conn, member.id).unwrap().unwrap();
        assert_eq!(row.skills().to_string(), "乳児可・送迎に車を使える");
        assert_eq!(row.monthly_limit, 10);
        assert_eq!(Supporter::areas(&mut conn, member.id).unwrap(), [AreaId(home_area), AreaId(fuse)]);
        let weekly: Vec<String> = Supporter::weekly_bands(&mut conn, member.id)
            .unwrap()
            .into_iter()
            .map(|(d, b)| format!("{d:?} {b}"))
            .collect();
        assert_eq!(weekly, ["Mon 09:00〜12:00", "Mon 15:00〜18:00"]);
        let days = Supporter::days_from(&mut conn, member.id, today()).unwrap();
        assert_eq!(days, [(off, vec![])]);
    }
}

db_test! {
    fn a_parent_adds_changes_and_removes_a_child_and_a_bad_birth_date_is_refused(app: Empty) {
        for (carrier, agent) in [(Carrier::Au, ua::AU), (Carrier::SoftBank, ua::SOFTBANK)] {
            let family = FamilyBuilder::new("はなママ").carrier(carrier).insert(&app);
            let mut phone = family.member.sign_in(&app, agent);
            let home = phone.get("/support");
            assert!(home.sjis_text().contains("子どもの登録"), "{}", home.sjis_text());

            let new = phone.get("/support/children/new");
            let future = (today() + Duration::days(3)).to_string();
            let refused = phone.browser.submit(&new, "/support/children/new", &[
                ("name", "さくら"), ("birth", &future), ("notes", "卵アレルギー"),
            ]);
            let text = refused.sjis_text();
            assert!(text.contains("生年月日が今日より後になっています。"), "{agent}: {text}");
            assert!(text.contains("value=\"さくら\"") && text.contains(&future), "typed values kept: {text}");
            let old = phone.browser.submit(&refused, "/support/children/new", &[
                ("name", "さくら"), ("birth", "2010-04-02"), ("notes", "卵アレルギー"),
            ]);
            assert!(old.sjis_text().contains("小学6年生（12歳）まで"), "{}", old.sjis_text());

            let added = phone.browser.submit(&old, "/support/children/new", &[
                ("name", "さくら"), ("birth", "2021/4/2"), ("notes", "卵アレルギー、ひまわり保育園"),
            ]);
            let text = added.sjis_text();
            assert!(text.contains("子どもを登録しました") && text.contains("2021年4月2日生"), "{text}");
            let id = FamilyChild::of_family(&mut app.pool.get().unwrap(), family.member.id).unwrap()[0].id;

            let edit = phone.get(&format!("/support/children/{id}"));
            assert!(edit.sjis_text().contains("2021-04-02"));
            let changed = phone.browser.submit(&edit, &format!("/support/children/{id}"), &[
                ("name", "さくら"), ("birth", "2021-04-02"), ("notes", "ひまわり保育園"),
            ]);
            assert!(changed.sjis_text().contains("変更しました"), "{}", changed.sjis_text());
            let child = &FamilyChild::of_family(&mut app.pool.get().unwrap(), family.member.id).unwrap()[0];
            assert_eq!(child.notes, "ひまわり保育園");

            let edit = phone.get(&format!("/support/children/{id}"));
            let removed = phone.browser.submit(&edit, &format!("/support/children/{id}/remove"), &[]);
            assert!(removed.sjis_text().contains("まだ登録されていません"), "{}", removed.sjis_text());
            assert!(FamilyChild::of_family(&mut app.pool.get().unwrap(), family.member.id).unwrap().is_empty());
        }
    }
}

db_test! {
    fn another_family_cannot_see_or_change_a_child(app: Empty) {
        let owner = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let other = FamilyBuilder::new("ゆいママ").carrier(Carrier::Pc).insert(&app);
        let id = owner.children[0];
        let mut pc = other.member.sign_in(&app, ua::PC);
        assert_eq!(pc.get(&format!("/support/children/{id}")).status, 404);
        // A forged post to the owner's child, with this member's valid CSRF token.
        let new = pc.get("/support/children/new");
        let csrf = forms(&new)[0].fields.iter().find(|(n, _)| n == "csrf").unwrap().1.clone();
        let body = format!("csrf={csrf}&_enc=%E3%81%82&name=x&birth=2021-04-02&notes=");
        assert_eq!(pc.browser.post(&format!("/support/children/{id}"), body.as_bytes()).status, 404);
        let remove = format!("csrf={csrf}&_enc=%E3%81%82");
        assert_eq!(pc.browser.post(&format!("/support/children/{id}/remove"), remove.as_bytes()).status, 404);
        let child = &FamilyChild::of_family(&mut app.pool.get().unwrap(), owner.member.id).unwrap()[0];
        assert_eq!(child.name, "さくら");
    }
}

db_test! {
    fn a_coordinator_records_vetting_and_a_pre_meeting(app: Empty) {
        let coordinator = MemberBuilder::new("センター").role(Role::Coordinator).carrier(Carrier::Pc).insert(&app);
        let family = FamilyBuilder::new("はなママ").insert(&app);
        let newcomer = SupporterBuilder::new("かずえ").unvetted().insert(&app);
        let vetted = SupporterBuilder::new("よしこ").insert(&app);
        let mut pc = coordinator.sign_in(&app, ua::PC);

        let list = pc.get("/admin/support/supporters?state=vetting");
        let text = list.text();
        assert!(text.contains("テスト かずえ") && text.contains("講習未修了"), "{text}");
        assert!(!text.contains("テスト よしこ"), "a vetted supporter needs no vetting: {text}");

        let page = pc.get(&format!("/admin/support/supporters/{}", newcomer.id));
        let base = format!("/admin/support/supporters/{}/vetting", newcomer.id);
        let refused = pc.browser.submit(&page, &base, &[
            ("course", "2026-11-01"), ("interview", "2026-11-05"),
            ("insurance_from", "2027-04-01"), ("insurance_until", "2026-04-01"), ("note", ""),
        ]);
        assert!(refused.text().contains("保険期間の終わりが始まりより前です。"), "{}", refused.text());
        assert!(refused.text().contains("value=\"2027-04-01\""), "typed kept");
        let until = today() + Duration::days(20);
        let saved = pc.browser.submit(&refused, &base, &[
            ("course", "2026-11-01"), ("interview", "2026-11-05"),
            ("insurance_from", "2026-04-01"), ("insurance_until", &until.to_string()), ("note", "車あり"),
        ]);
        let text = saved.text();
        assert!(text.contains("審査情報を保存しました") && text.contains("期限間近"), "{text}");
        assert!(text.contains("依頼可"), "{text}");
        let expiring = pc.get("/admin/support/supporters?state=insurance").text();
        assert!(expiring.contains("テスト かずえ") && !expiring.contains("テスト よしこ"), "{expiring}");

        let paused = pc.browser.submit(&saved, &format!("/admin/support/supporters/{}/active", newcomer.id), &[]);
        assert!(paused.text().contains("休止中"), "{}", paused.text());

        let meetings = pc.get("/admin/support/meetings");
        let met = pc.browser.submit(&meetings, "/admin/support/meetings", &[
            ("family", &family.member.id.to_string()),
            ("supporter", &vetted.id.to_string()),
            ("met_on", &today().to_string()),
        ]);
        assert!(met.text().contains("事前打合せを記録しました"), "{}", met.text());

        let mut conn = app.pool.get().unwrap();
        assert!(PreMeeting::met(&mut conn, family.member.id, vetted.id).unwrap());
        let row = Supporter::find(&mut conn, newcomer.id).unwrap().unwrap();
        assert_eq!(row.course_completed_on, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert!(!row.active);
        let log: Vec<(String, String)> = SupportLog::recent(&mut conn, 10)
            .unwrap()
            .into_iter()
            .rev()
            .map(|l| {
                assert_eq!((l.request_id, l.member_name.as_deref()), (None, Some("テスト センター")));
                (l.action, l.detail)
            })
            .collect();
        assert_eq!(log.len(), 3, "{log:?}");
        assert_eq!(log[0].0, "審査情報を更新");
        assert!(log[0].1.contains("講習 2026-11-01") && log[0].1.contains("メモ「車あり」"), "{log:?}");
        assert_eq!(log[1].0, "提供会員を休止");
        assert_eq!(log[2], ("事前打合せを記録".to_string(), format!("テスト はなママさんとテスト よしこさん、{}", today())));
    }
}

db_test! {
    fn members_who_are_not_coordinators_get_403_on_the_centres_pages(app: Empty) {
        let supporter = SupporterBuilder::new("よしこ").carrier(Carrier::Pc).insert(&app);
        let mut pc = supporter.sign_in(&app, ua::PC);
        for path in [
            "/admin/support/supporters".to_string(),
            format!("/admin/support/supporters/{}", supporter.id),
            "/admin/support/meetings".to_string(),
            "/admin/support/distances".to_string(),
        ] {
            assert_eq!(pc.get(&path).status, 403, "{path}");
        }
        let anonymous = app.get("/support", ua::DOCOMO_MOVA);
        assert_eq!(anonymous.status, 302, "to the login page");
        assert!(anonymous.header("location").is_some_and(|l| l.contains("/login")));
    }
}

db_test! {
    fn a_coordinator_enters_the_distance_between_two_areas(app: Empty) {
        let coordinator = MemberBuilder::new("センター").role(Role::Coordinator).carrier(Carrier::Pc).insert(&app);
        let mut pc = coordinator.sign_in(&app, ua::PC);
        let (kashiwa, fuse) = (area_id(&app, "柏中央"), area_id(&app, "富勢"));
        let page = pc.get("/admin/support/distances");
        assert!(page.text().contains("まだ入力がありません"), "{}", page.text());
        let refused = pc.browser.submit(&page, "/admin/support/distances", &[
            ("a", &fuse.to_string()), ("b", &kashiwa.to_string()), ("km", "とおい"),
        ]);
        assert!(refused.text().contains("距離は0〜100の数"), "{}", refused.text());
        assert!(refused.text().contains("value=\"とおい\""), "typed kept");
        let saved = pc.browser.submit(&refused, "/admin/support/distances", &[
            ("a", &fuse.to_string()), ("b", &kashiwa.to_string()), ("km", "３．５"),
        ]);
        assert!(saved.text().contains("距離を保存しました") && saved.text().contains("柏中央〜富勢：3.5km"), "{}", saved.text());
        let mut conn = app.pool.get().unwrap();
        let table = hiroba::db::models::support::distance::AreaDistance::all(&mut conn).unwrap();
        assert_eq!(table.between(AreaId(kashiwa), AreaId(fuse)).km, 3.5);
        let log = SupportLog::recent(&mut conn, 1).unwrap();
        assert_eq!((log[0].action.as_str(), log[0].detail.as_str()), ("地域間の距離を設定", "富勢〜柏中央 3.5km"));
    }
}
