//! 地域のお知らせメール: a member chooses areas and topics from her keitai; a coordinator writes a
//! notice, sees it as each carrier will, and sends it once to exactly the members who asked.

use crate::helpers::ua;
use crate::helpers::Browser;
use hiroba::db::models::area::Area;
use hiroba::db::models::magazine::{Magazine, Subscription};
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::outbox::OutboxMail;
use hiroba::demo::DEMO_PASSWORD;

db_test! {
    fn a_notice_reaches_the_members_of_its_area_and_topic_once(app) {
        let areas = Area::all(&mut app.pool.get().unwrap()).unwrap();
        let area = |name: &str| areas.iter().find(|a| a.name == name).unwrap().id.to_string();

        // はなママ on her docomo phone: events in 柏中央.
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_2);
        crate::helpers::log_in(&mut phone, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let form = phone.get("/mypage/magazine");
        assert_eq!(form.status, 200);
        assert!(form.sjis_text().contains("お知らせメールの設定"));
        let saved = phone.submit(&form, "/mypage/magazine", &[("topic", "events"), ("area", &area("柏中央"))]);
        assert!(saved.sjis_text().contains("保存しました"), "{}", saved.sjis_text());
        let mut conn = app.pool.get().unwrap();
        let hana = MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        let chosen = Subscription::of(&mut conn, hana).unwrap();
        assert_eq!(chosen.topics, vec!["events".to_string()]);
        assert_eq!(chosen.area_ids.len(), 1);
        drop(conn);

        // さくらばあば on au: events too, but in 富勢.
        let mut au = Browser::new(&app, ua::AU);
        crate::helpers::log_in(&mut au, "sakura.baaba@ezweb.ne.jp", DEMO_PASSWORD);
        let form = au.get("/mypage/magazine");
        au.submit(&form, "/mypage/magazine", &[("topic", "events"), ("area", &area("富勢"))]);

        let mut pc = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut pc, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let list = pc.get("/admin/magazine");
        assert_eq!(list.status, 200);
        let created = pc.submit(&list, "/admin/magazine", &[
            ("title", "柏中央の子育てひろば☀"),
            ("body", "12月の子育てひろばは火曜と木曜です🎵\n会場：中央公民館"),
            ("topic", "events"),
            ("area", &area("柏中央")),
        ]);
        assert_eq!(created.status, 302, "{}", created.text());
        let preview = pc.follow(&created);
        let text = preview.text();
        assert!(text.contains("送信先：1 件"), "{text}");
        for expected in ["ドコモ", "ISO-2022-JP", "UTF-8", "中央公民館"] {
            assert!(text.contains(expected), "{expected} missing:\n{text}");
        }
        let path = created.header("location").unwrap().split("/admin/magazine/").nth(1).unwrap().to_string();
        let send = |pc: &mut Browser<'_>| {
            let page = pc.get(&format!("/admin/magazine/{path}"));
            pc.submit(&page, &format!("/admin/magazine/{path}/send"), &[])
        };
        assert!(send(&mut pc).text().contains("1 件の送信を受け付けました"));
        let mut conn = app.pool.get().unwrap();
        let to_hana = OutboxMail::to_recipient(&mut conn, "hana.mama@docomo.ne.jp").unwrap();
        assert_eq!(to_hana.iter().filter(|m| m.kind == "magazine").count(), 1);
        assert!(OutboxMail::to_recipient(&mut conn, "sakura.baaba@ezweb.ne.jp").unwrap().iter().all(|m| m.kind != "magazine"));
        drop(conn);

        // The preview page no longer offers to send; a replayed POST sends nothing more.
        let again = pc.get(&format!("/admin/magazine/{path}"));
        assert!(again.text().contains("件へ送信しました"), "{}", again.text());
        let page_before = pc.get("/admin/magazine");
        let replay = pc.post(&format!("/admin/magazine/{path}/send"), format!("csrf={}", csrf(&page_before)).as_bytes());
        assert!(replay.text().contains("送信済み"), "{}", replay.text());
        let mut conn = app.pool.get().unwrap();
        let to_hana = OutboxMail::to_recipient(&mut conn, "hana.mama@docomo.ne.jp").unwrap();
        assert_eq!(to_hana.iter().filter(|m| m.kind == "magazine").count(), 1);

        // Members may not write notices.
        assert_eq!(phone.get("/admin/magazine").status, 403);
        assert_eq!(app.run_jobs().mails, 1, "one magazine mail goes out");
    }
}

fn csrf(page: &crate::helpers::Response) -> String {
    crate::helpers::forms(page)
        .into_iter()
        .flat_map(|f| f.fields)
        .find(|(n, _)| n == "csrf")
        .map(|(_, v)| v)
        .expect("a csrf field")
}

db_test! {
    fn a_notice_nobody_asked_for_is_not_sent_and_stays_a_draft(app) {
        let areas = Area::all(&mut app.pool.get().unwrap()).unwrap();
        let fuse = areas.iter().find(|a| a.name == "富勢").unwrap().id.to_string();
        let mut pc = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut pc, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let list = pc.get("/admin/magazine");
        // Nobody in 富勢 chose 健診・予防接種.
        let created = pc.submit(&list, "/admin/magazine", &[
            ("title", "富勢の健診日"),
            ("body", "1月の健診は10日です。"),
            ("topic", "health"),
            ("area", &fuse),
        ]);
        assert_eq!(created.status, 302, "{}", created.text());
        let path = created.header("location").unwrap().split("/admin/magazine/").nth(1).unwrap().to_string();
        let preview = pc.follow(&created);
        let text = preview.text();
        assert!(text.contains("送信先：0 件"), "{text}");
        assert!(!text.contains("件に送信する"), "no button to send to nobody: {text}");

        let replay = pc.post(&format!("/admin/magazine/{path}/send"), format!("csrf={}", csrf(&list)).as_bytes());
        assert!(replay.text().contains("送信しませんでした"), "{}", replay.text());
        let mut conn = app.pool.get().unwrap();
        let magazine = Magazine::find(&mut conn, path.parse().unwrap()).unwrap().unwrap();
        assert_eq!(magazine.sent_at, None, "still a draft");
        drop(conn);
        assert!(pc.get("/admin/magazine").text().contains("未送信"));
        assert_eq!(app.run_jobs().mails, 0);
    }
}

db_test! {
    fn a_new_member_gets_her_own_areas_general_notices_until_she_changes_them(app) {
        app.expect_leftover_jobs("her confirmation mail is not what this test is about");
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_2);
        let form = phone.get("/register");
        let sent = phone.submit(
            &form,
            "/register",
            &[
                ("email", "kaede.mama@docomo.ne.jp"),
                ("password", "kaede-2026"),
                ("nickname", "かえでママ"),
                ("real_name", "柏 かえで"),
                ("area", "3"),
            ],
        );
        assert!(sent.sjis_text().contains("確認のメールを送りました"), "{}", sent.sjis_text());
        let mut conn = app.pool.get().unwrap();
        let kaede = MailAddress::find(&mut conn, "kaede.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        let chosen = Subscription::of(&mut conn, kaede).unwrap();
        assert_eq!(chosen.area_ids, vec![3]);
        assert_eq!(chosen.topics, vec!["general".to_string()]);

        // The demo's members have theirs too: はなママ also chose events and health.
        let hana = MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        let mut topics = Subscription::of(&mut conn, hana).unwrap().topics;
        topics.sort();
        assert_eq!(topics, vec!["events", "general", "health"]);
        drop(conn);

        // She sees the choice checked on her settings page and can change it.
        let mut mama = Browser::new(&app, ua::DOCOMO_FOMA_2);
        crate::helpers::log_in(&mut mama, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let page = mama.get("/mypage/magazine");
        let text = page.sjis_text();
        assert!(text.contains("地域のお知らせ"), "{text}");
        let general = text.split("value=\"general\"").nth(1).unwrap_or_default();
        assert!(general.split('>').next().unwrap_or_default().contains("checked"), "{text}");
        mama.submit(&page, "/mypage/magazine", &[("topic", "events")]);
        let after = Subscription::of(&mut app.pool.get().unwrap(), hana).unwrap();
        assert_eq!(after.topics, vec!["events".to_string()]);
    }
}

db_test! {
    fn the_preview_shows_each_carriers_emoji_as_a_pc_can_draw_them_with_the_carriers_code(app) {
        let areas = Area::all(&mut app.pool.get().unwrap()).unwrap();
        let area = areas.iter().find(|a| a.name == "柏中央").unwrap().id.to_string();
        let mut pc = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut pc, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let list = pc.get("/admin/magazine");
        let created = pc.submit(&list, "/admin/magazine", &[
            ("title", "晴れたら外あそび☀"),
            ("body", "あしたは公園です☀"),
            ("topic", "events"),
            ("area", &area),
        ]);
        let text = pc.follow(&created).text();
        let docomo = text.split("<h3>").find(|s| s.starts_with("ドコモ")).expect("docomo's preview");
        assert!(docomo.contains("公園です☀[F89F]"), "the sun with docomo's code: {docomo}");
        for section in text.split("<h3>").skip(1) {
            let boxes: Vec<char> = section
                .chars()
                .filter(|c| (0xE000..=0xF8FF).contains(&u32::from(*c)) || u32::from(*c) >= 0xF0000)
                .collect();
            assert!(boxes.is_empty(), "private-use characters a PC draws as boxes {boxes:?}: {section}");
            assert!(section.contains("☀"), "{section}");
        }
    }
}
