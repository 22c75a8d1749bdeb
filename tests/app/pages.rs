//! Page shape per profile: markup flavour, keys, no scripts on keitai, error pages, the exit page.

use crate::helpers::ua;

db_test! {
    fn mova_gets_compact_html_without_css_and_numbered_access_keys(app) {
        let response = app.get("/", ua::DOCOMO_MOVA);
        assert_eq!(response.header("content-type"), Some("text/html; charset=Shift_JIS"));
        let text = response.sjis_text();
        // No CSS (`istyle`, docomo's input-mode hint on the search box, is not CSS).
        assert!(!text.contains("<?xml") && !text.contains(" style=") && !text.contains("<style") && !text.contains("<script"));
        assert!(text.contains("accesskey=\"1\""));
        // The keycap emoji before a link becomes docomo's number-key emoji (1⃣ = F987).
        assert!(response.body.windows(3).any(|w| w == [0xF9, 0x87, b'<']));
    }
}

db_test! {
    fn foma_browser_2_gets_xhtml_with_inline_styles_only(app) {
        let text = app.get("/", ua::DOCOMO_FOMA_2).sjis_text();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>"));
        assert!(text.contains("style=\"") && !text.contains("<style"));
        assert!(text.contains("<br />") && !text.contains("<br>"));
    }
}

db_test! {
    fn pc_and_smartphone_get_responsive_html5_without_access_keys(app) {
        for user_agent in [ua::PC, ua::IPHONE] {
            let response = app.get("/", user_agent);
            let text = String::from_utf8(response.body).expect("utf-8");
            assert!(text.starts_with("<!DOCTYPE html>"));
            assert!(text.contains("name=\"viewport\"") && text.contains("<style>"));
            assert!(!text.contains("accesskey"));
        }
    }
}

db_test! {
    fn unknown_pages_get_a_japanese_404_in_the_devices_encoding(app) {
        let response = app.get("/no-such-page", ua::AU);
        assert_eq!(response.status, 404);
        assert!(response.sjis_text().contains("ページが見つかりません"));
        let response = app.get("/notices/99999", ua::PC);
        assert_eq!(response.status, 404);
        assert!(String::from_utf8_lossy(&response.body).contains("ページが見つかりません"));
    }
}

db_test! {
    fn the_exit_page_links_onwards_and_refuses_other_schemes(app) {
        let response = app.get("/out?u=https%3A%2F%2Fwww.city.kashiwa.lg.jp%2F", ua::DOCOMO_FOMA_1);
        assert_eq!(response.status, 200);
        assert!(response
            .sjis_text()
            .contains("href=\"https://www.city.kashiwa.lg.jp/\""));
        assert_eq!(app.get("/out?u=javascript%3Aalert(1)", ua::PC).status, 400);
    }
}

db_test! {
    fn the_device_page_describes_the_phone_in_japanese(app) {
        let text = app
            .get_with(
                "/device",
                &[("User-Agent", ua::AU), ("X-UP-DEVCAP-SCREENPIXELS", "240,400")],
            )
            .sjis_text();
        assert!(text.contains("機種：SA31"), "{text}");
        assert!(text.contains("画面の幅：240ドット"));
        assert!(
            text.contains("format=\"*M\""),
            "au text inputs carry the input-mode hint"
        );
    }
}

db_test! {
    fn a_404_keeps_the_sid_of_a_logged_in_imode_phone_in_its_links(app: Empty) {
        use crate::helpers::builders::MemberBuilder;
        let hana = MemberBuilder::new("はなママ").insert(&app);
        let mut phone = hana.sign_in(&app, ua::DOCOMO_FOMA_1);
        let sid = phone.sid.clone().expect("i-mode browser 1.0 has no cookies: the sid is in the URL");
        for path in ["/no-such-page", "/posts/99999"] {
            let page = phone.get(path);
            assert_eq!(page.status, 404, "{path}");
            assert!(page.is_shift_jis(), "{path}");
            let text = page.sjis_text();
            assert!(text.contains("ページが見つかりません"), "{path}: {text}");
            let links = crate::helpers::links(&page);
            assert!(!links.is_empty(), "{path}: {text}");
            for link in links.iter().filter(|l| l.starts_with('/')) {
                assert!(link.contains(&format!("sid={sid}")), "{path}: {link} lost the sid");
            }
        }
    }
}

db_test! {
    fn the_top_page_captions_its_qr_codes_on_a_pc_and_offers_a_smartphone_a_mailto_link(app: Empty) {
        let entry = format!("entry@{}", crate::helpers::mail::DOMAIN);
        let pc = app.get("/", ua::PC).text();
        assert!(pc.contains("src=\"/qr/site\"") && pc.contains("src=\"/qr/entry\""), "{pc}");
        assert_eq!(pc.matches("<figcaption>").count(), 2, "each QR code has its caption: {pc}");
        assert!(pc.contains("ケータイで読み取ると、このサイトが開きます。") && pc.contains(&entry), "{pc}");
        let iphone = app.get("/", ua::IPHONE).text();
        assert!(!iphone.contains("/qr/"), "no QR code to scan on its own screen: {iphone}");
        assert!(iphone.contains(&format!("href=\"mailto:{entry}\"")), "{iphone}");
        let garaho = app.get("/", ua::GARAHO).text();
        assert!(!garaho.contains("/qr/"), "{garaho}");
        let imode = app.get("/", ua::DOCOMO_MOVA).sjis_text();
        assert!(!imode.contains("/qr/") && !imode.contains("<figure"), "{imode}");
    }
}

db_test! {
    fn the_registration_page_names_the_domain_to_allow_and_links_the_mail_help(app: Empty) {
        for agent in [ua::DOCOMO_MOVA, ua::PC] {
            let page = app.get("/register", agent);
            let text = if page.is_shift_jis() { page.sjis_text() } else { page.text() };
            let domain = crate::helpers::mail::DOMAIN;
            assert!(text.contains(&format!("「{domain}」からのメールを受信できるように設定してください（指定受信）")), "{agent}: {text}");
            assert!(crate::helpers::links(&page).iter().any(|l| l.starts_with("/help/mail")), "{agent}: {text}");
            assert!(page.body.len() <= crate::helpers::budget(&app, agent), "{agent}: {} bytes", page.body.len());
        }
    }
}
