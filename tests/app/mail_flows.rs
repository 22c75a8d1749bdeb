//! Mail seen from the member's side: a mailed photo served without EXIF, a bounce that marks an
//! address, and 空メール registration through to a verified address.

use crate::helpers::mail::{fixture, mail_in, member_with, DOMAIN};
use crate::helpers::ua;
use crate::helpers::Browser;
use diesel::prelude::*;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::schema::photos;

db_test! {
    fn a_mailed_photo_is_portrait_and_without_exif_in_every_stored_and_served_form(app: Empty) {
        let to = member_with(&app, "yuki-mama@ezweb.ne.jp");
        assert_eq!(mail_in(&app.database_url, &to, &fixture("au-photo-gps.eml"), &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let (id, width, height, stored): (i64, i32, i32, Vec<u8>) = photos::table
            .select((photos::id, photos::width, photos::height, photos::bytes))
            .first(&mut *conn)
            .unwrap();
        assert!(height > width, "portrait: {width}x{height}");
        let has_exif = |bytes: &[u8]| bytes.windows(4).any(|w| w == b"Exif") || bytes.windows(3).any(|w| w == b"GPS");
        assert!(!has_exif(&stored));
        let post_id: i64 = photos::table.select(photos::thread_id).first::<Option<i64>>(&mut *conn).unwrap().unwrap();
        drop(conn);
        for agent in [ua::DOCOMO_FOMA_2, ua::AU, ua::PC] {
            let mut browser = Browser::new(&app, agent);
            crate::helpers::log_in(&mut browser, "yuki-mama@ezweb.ne.jp", "mail-poster-1");
            let page = browser.get(&format!("/posts/{post_id}"));
            assert_eq!(page.status, 200, "{agent}");
            assert!(page.text().contains("はぐはぐひろば"), "{agent}: {}", page.text());
            let image = browser.get(&format!("/photos/{id}"));
            assert_eq!(image.status, 200, "{agent}");
            assert!(image.header("content-type").unwrap().starts_with("image/"), "{agent}");
            assert!(!has_exif(&image.body), "{agent}: EXIF in the served photo");
            if agent != ua::PC {
                assert!(image.body.len() <= 20 * 1024, "{agent}: {} bytes", image.body.len());
            }
            let (w, h) = jpeg_or_gif_size(&image.body);
            assert!(h > w, "{agent}: served {w}x{h}");
        }
    }
}

/// Width and height from a JPEG SOF or a GIF header.
fn jpeg_or_gif_size(bytes: &[u8]) -> (u32, u32) {
    if bytes.starts_with(b"GIF") {
        return (
            u32::from(u16::from_le_bytes([bytes[6], bytes[7]])),
            u32::from(u16::from_le_bytes([bytes[8], bytes[9]])),
        );
    }
    let mut i = 2;
    while i + 9 < bytes.len() {
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if (0xC0..=0xC2).contains(&marker) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]);
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]);
            return (u32::from(w), u32::from(h));
        }
        i += 2 + len;
    }
    panic!("no image size found")
}

db_test! {
    fn a_dsn_for_a_verp_address_marks_the_address_and_stops_mail_to_it(app) {
        // hana.mama@docomo.ne.jp is a demo member; a mail to her bounces with 5.1.1.
        let address = "hana.mama@docomo.ne.jp";
        let mut conn = app.pool.get().unwrap();
        let id = OutboxMail::queue(&mut conn, MailKind::TestMail, address, "テスト", "本文").unwrap();
        drop(conn);
        app.run_jobs();
        let key = hiroba::mail::bounce_key(&mut app.pool.get().unwrap(), None).unwrap();
        let verp = hiroba::domain::mail_route::verp_address(id, address, DOMAIN, &key);
        let dsn = String::from_utf8(fixture("bounce-docomo-unknown.eml"))
            .unwrap()
            .replace("hanako.old@docomo.ne.jp", address)
            .replace("bounce-0000042-hanako.old=docomo.ne.jp@hiroba.example.jp", &verp);
        assert_eq!(mail_in(&app.database_url, &verp, dsn.as_bytes(), &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        assert_eq!(MailAddress::find(&mut conn, address).unwrap().unwrap().health, "unknown_user");
        // Nothing more is sent to it.
        let next = OutboxMail::queue(&mut conn, MailKind::TestMail, address, "テスト", "本文").unwrap();
        drop(conn);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        assert_eq!(OutboxMail::find(&mut conn, next).unwrap().unwrap().status, "failed");
        drop(conn);
        // The member is told at the next login: my page, with what to do.
        let mut pc = Browser::new(&app, ua::PC);
        let done = crate::helpers::log_in(&mut pc, address, "hiroba-demo-2026");
        assert!(done.header("location").unwrap().ends_with("/mypage"), "{:?}", done.header("location"));
        let page = pc.follow(&done);
        assert!(page.text().contains("アドレスが存在しません"), "{}", page.text());
        // A forged report for a row sent elsewhere changes nothing.
        let forged = format!("bounce-{id:07}-{}-sakura.baaba=ezweb.ne.jp@{DOMAIN}", &verp[15..31]);
        assert_eq!(mail_in(&app.database_url, &forged, dsn.as_bytes(), &[]), 67, "not our tag for her");
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        assert_eq!(MailAddress::find(&mut conn, "sakura.baaba@ezweb.ne.jp").unwrap().unwrap().health, "ok");
    }
}

db_test! {
    fn an_empty_mail_to_entry_earns_a_link_that_registers_a_verified_address(app: Empty) {
        let empty = b"From: new.papa@ezweb.ne.jp\r\nTo: entry@hiroba.example.jp\r\nMessage-ID: <empty-1@ezweb.ne.jp>\r\nSubject: \r\n\r\n\r\n";
        assert_eq!(mail_in(&app.database_url, &format!("entry@{DOMAIN}"), empty, &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let invite = OutboxMail::to_recipient(&mut conn, "new.papa@ezweb.ne.jp").unwrap();
        assert_eq!(invite.len(), 1);
        assert_eq!(invite[0].kind, "entry_invite");
        assert_eq!(invite[0].status, "sent", "the reply went out through the mail directory");
        let url = invite[0].body.lines().find(|l| l.contains("/register?invite=")).unwrap().to_string();
        let path = url.split_once("127.0.0.1").unwrap().1.split_once('/').map(|(_, p)| format!("/{p}")).unwrap();
        drop(conn);
        let mut phone = Browser::new(&app, ua::AU);
        let form = phone.get(&path);
        assert!(form.text().contains("new.papa@ezweb.ne.jp"), "{}", form.text());
        let done = phone.submit(&form, "/register", &[
            ("password", "papa-password-1"), ("nickname", "パパ"), ("real_name", "柏 太郎"), ("area", "1"),
        ]);
        assert!(done.text().contains("登録を受け付けました"), "{}", done.text());
        let mut conn = app.pool.get().unwrap();
        let address = MailAddress::find(&mut conn, "new.papa@ezweb.ne.jp").unwrap().unwrap();
        assert!(address.is_verified());
        drop(conn);
        // The link works once.
        let again = phone.get(&path);
        assert!(again.text().contains("このURLは使えません"), "{}", again.text());
    }
}

db_test! {
    fn a_mailed_post_longer_than_the_web_form_takes_is_cut_and_the_reply_says_so(app: Empty) {
        let to = member_with(&app, "yuki-mama@ezweb.ne.jp");
        let text: String = "手賀沼の遊歩道を歩きました。".chars().cycle().take(3_000).collect();
        let raw = format!(
            "From: yuki-mama@ezweb.ne.jp\r\nTo: {to}\r\nSubject: =?UTF-8?B?{}?=\r\nMessage-ID: <long-1@ezweb.ne.jp>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n",
            base64_of("お散歩".as_bytes())
        );
        assert_eq!(mail_in(&app.database_url, &to, raw.as_bytes(), &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let body: String = hiroba::db::schema::threads::table
            .select(hiroba::db::schema::threads::body)
            .order(hiroba::db::schema::threads::id.desc())
            .first(&mut *conn)
            .unwrap();
        assert_eq!(body.chars().count(), 2_000);
        assert!(text.starts_with(&body));
        let replies = OutboxMail::to_recipient(&mut conn, "yuki-mama@ezweb.ne.jp").unwrap();
        let reply = replies.iter().find(|m| m.kind == MailKind::PostAccepted.as_str()).expect("a reply");
        assert!(reply.body.contains("本文は2000文字までのため、それより後は省略しました。"), "{}", reply.body);
    }
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
