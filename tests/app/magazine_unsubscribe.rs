//! One-click unsubscribe of the お知らせメール (RFC 8058): a sent notice carries List-Unsubscribe
//! and List-Unsubscribe-Post under its DKIM signature and a link in its body; a POST to the link,
//! without login, stops every notice at once; a forged link does nothing.

use crate::helpers::app::unique_dir;
use crate::helpers::mail::{test_smtp_server, Received};
use crate::helpers::{ua, Browser, TestApp};
use hiroba::config::DkimKey;
use hiroba::db::models::area::Area;
use hiroba::db::models::magazine::Subscription;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::demo::DEMO_PASSWORD;
use std::sync::Arc;

/// Sends a notice on `events` in 柏中央 (はなママ's choice in the demo) and delivers it over SMTP
/// by a worker that signs with DKIM; returns what the SMTP server received.
fn send_signed_notice(app: &TestApp) -> Vec<Received> {
    let areas = Area::all(&mut app.pool.get().unwrap()).unwrap();
    let area = areas.iter().find(|a| a.name == "柏中央").unwrap().id.to_string();
    let mut pc = Browser::new(app, ua::PC);
    crate::helpers::log_in(&mut pc, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
    let list = pc.get("/admin/magazine");
    let created = pc.submit(
        &list,
        "/admin/magazine",
        &[
            ("title", "ひろばのクリスマス会"),
            ("body", "12月20日に中央公民館で。"),
            ("topic", "events"),
            ("area", &area),
        ],
    );
    let preview = pc.follow(&created);
    let action = created.header("location").unwrap().to_string() + "/send";
    let action = action
        .split_once("/admin/")
        .map(|(_, p)| format!("/admin/{p}"))
        .unwrap();
    assert!(pc
        .submit(&preview, &action, &[])
        .text()
        .contains("件の送信を受け付けました"));

    let pem = openssl::pkey::PKey::from_rsa(openssl::rsa::Rsa::generate(1024).unwrap())
        .unwrap()
        .private_key_to_pem_pkcs8()
        .unwrap();
    let key = unique_dir().join("dkim.pem");
    std::fs::write(&key, pem).unwrap();
    let (url, inbox) = test_smtp_server();
    let mut settings = app.state.ctx.settings.clone();
    settings.mail.transport = hiroba::config::Transport::Smtp(url);
    settings.mail.dkim = Some(DkimKey {
        selector: "test".into(),
        private_key_pem: key,
    });
    let ctx = hiroba::context::Context {
        settings,
        profiles: app.state.ctx.profiles.clone(),
        codec: app.state.ctx.codec.clone(),
    };
    let worker = hiroba::worker::Worker::new(Arc::new(ctx), app.pool.clone(), Default::default()).unwrap();
    worker.run_until_idle().unwrap();
    let received = inbox.lock().unwrap().clone();
    received
}

/// The unfolded value of a header of a raw message.
fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\r\n\r\n").next()?;
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with(&format!("{}:", name.to_ascii_lowercase()))
        })
        .map(|l| l[name.len() + 1..].trim().to_string())
}

db_test! {
    fn a_notice_offers_one_click_unsubscribe_that_works_without_login_at_once(app) {
        let received = send_signed_notice(&app);
        let (_, _, bytes) = received
            .iter()
            .find(|(_, to, _)| to.iter().any(|t| t.contains("hana.mama@docomo.ne.jp")))
            .expect("the notice reached はなママ");
        let message = String::from_utf8_lossy(bytes).to_string();
        let list = header(&message, "List-Unsubscribe").expect("List-Unsubscribe");
        let url = list.trim_start_matches('<').trim_end_matches('>').to_string();
        assert!(url.starts_with("http") && url.contains("/unsubscribe/"), "{list}");
        assert_eq!(header(&message, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
        let signature = header(&message, "DKIM-Signature").expect("signed");
        let signed = signature.split("h=").nth(1).unwrap().split(';').next().unwrap().replace(' ', "");
        let signed: Vec<String> = signed.split(':').map(|h| h.to_ascii_lowercase()).collect();
        assert!(
            signed.contains(&"list-unsubscribe".to_string()) && signed.contains(&"list-unsubscribe-post".to_string()),
            "both headers are signed: {signature}"
        );
        let path = url.split_once("/unsubscribe/").map(|(_, t)| format!("/unsubscribe/{t}")).unwrap();
        // The body links the same page (the docomo mail is ISO-2022-JP; the link is ASCII).
        assert!(message.contains(&path), "a link in the body: {message}");

        let mut conn = app.pool.get().unwrap();
        let hana = MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        assert!(!Subscription::of(&mut conn, hana).unwrap().topics.is_empty());
        drop(conn);

        // Someone else's forged link stops nothing.
        let forged = format!("/unsubscribe/{hana}-{}", "0".repeat(32));
        let refused = app.request("POST", &forged, &[("Content-Type", "application/x-www-form-urlencoded")], Some(b"List-Unsubscribe=One-Click"));
        assert_eq!(refused.status, 404);
        assert!(!Subscription::of(&mut app.pool.get().unwrap(), hana).unwrap().topics.is_empty());

        // Opening the link only asks; the provider's one-click POST, without any session, stops it.
        let page = app.get(&path, ua::DOCOMO_FOMA_2);
        assert_eq!(page.status, 200);
        assert!(page.sjis_text().contains("配信を止める"), "{}", page.sjis_text());
        assert!(!Subscription::of(&mut app.pool.get().unwrap(), hana).unwrap().topics.is_empty());
        let stopped = app.request(
            "POST",
            &path,
            &[("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", ua::PC)],
            Some(b"List-Unsubscribe=One-Click"),
        );
        assert_eq!(stopped.status, 200, "{}", stopped.text());
        assert!(stopped.text().contains("配信を止めました"));
        assert_eq!(Subscription::of(&mut app.pool.get().unwrap(), hana).unwrap(), Subscription::default());
    }
}
