//! Registration, login, sessions with and without cookies, CSRF, the login limit and the member CLI.

use crate::helpers::{forms, links, Browser};
use crate::helpers::{log_in, spawn_with, ua, write_gateway_list, Response, TestApp};
use diesel::prelude::*;
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::schema::mail_addresses;

/// The path of the confirmation link in the newest mail to `address`, once the mail is sent.
pub fn confirmation_path(app: &TestApp, address: &str) -> String {
    app.run_jobs();
    let mut conn = app.pool.get().expect("connection");
    let mails = OutboxMail::to_recipient(&mut conn, address).expect("outbox");
    let mail = mails.first().unwrap_or_else(|| panic!("no mail to {address}"));
    let url = mail
        .body
        .lines()
        .find(|l| l.contains("/register/confirm?t="))
        .unwrap_or_else(|| panic!("no link in {}", mail.body));
    url.trim().strip_prefix(&app.base_url).expect("our URL").to_string()
}

/// The sid a cookieless page carries in its links, if any.
fn sid_in(page: &Response) -> Option<String> {
    links(page).iter().find_map(|l| {
        l.split("sid=")
            .nth(1)
            .map(|s| s.split('&').next().unwrap_or_default().to_string())
    })
}

db_test! {
    fn a_cookieless_imode_phone_registers_confirms_logs_in_and_out_with_the_sid_in_every_url(app) {
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let form = phone.get("/register");
        assert_eq!(form.status, 200);
        assert!(form.header("set-cookie").is_none(), "i-mode 1.0 keeps no cookies");
        let text = form.sjis_text();
        assert!(text.contains("新規登録") && text.contains("istyle=\"3\""), "{text}");

        // Shift_JIS form with a nickname in kanji and an emoji.
        let sent = phone.submit(
            &form,
            "/register",
            &[
                ("email", "hana..mama.@docomo.ne.jp"),
                ("password", "sakura-2008"),
                ("nickname", "はなママ☀"),
                ("real_name", "柏木 花子"),
                ("area", "1"),
            ],
        );
        assert!(sent.sjis_text().contains("確認のメールを送りました"), "{}", sent.sjis_text());

        // Before confirming, the password is right but login is refused with advice.
        let early = log_in(&mut phone, "hana..mama.@docomo.ne.jp", "sakura-2008");
        assert!(early.sjis_text().contains("確認が済んでいません"), "{}", early.sjis_text());

        // The link only shows whose account the address joins; her password confirms it (a POST).
        let link = phone.get(&confirmation_path(&app, "hana..mama.@docomo.ne.jp"));
        let text = link.sjis_text();
        assert!(text.contains("「はなママ") && !text.contains("確認できました"), "{text}");
        let confirmed = phone.submit(&link, "/register/confirm", &[("password", "sakura-2008")]);
        assert!(confirmed.sjis_text().contains("確認できました"), "{}", confirmed.sjis_text());
        assert!(sid_in(&confirmed).is_some(), "the password opened her session");

        let login_page = phone.get("/login");
        let anonymous_sid = sid_in(&login_page).expect("the login page carries an anonymous sid");
        let done = phone.submit(
            &login_page,
            "/login",
            &[("email", "hana..mama.@docomo.ne.jp"), ("password", "sakura-2008")],
        );
        assert_eq!(done.status, 302);
        let location = done.header("location").expect("location").to_string();
        assert!(location.starts_with(&app.base_url), "absolute redirect: {location}");
        let sid = location.split("sid=").nth(1).expect("sid in the redirect").to_string();
        assert_ne!(sid, anonymous_sid, "the id changes at login");

        let mypage = phone.follow(&done);
        let text = mypage.sjis_text();
        assert!(text.contains("はなママ") && text.contains("承認待ち"), "{text}");
        assert!(text.contains("ドコモ") || text.contains("docomo"), "carrier shown: {text}");
        // Every link to our pages and every POST form carries the sid; external ones go through /out.
        for link in links(&mypage) {
            if link.starts_with('/') {
                assert!(link.contains(&format!("sid={sid}")), "link without sid: {link}");
            }
        }
        for form in forms(&mypage) {
            assert!(form.action.contains(&format!("sid={sid}")), "form without sid: {}", form.action);
            assert!(form.fields.iter().any(|(n, v)| n == "csrf" && v.len() == 32));
        }
        // A new member sees their own page, and nothing members-only yet.
        let pending = phone.get(&format!("/admin/members?sid={sid}"));
        assert_eq!(pending.status, 403);

        let logout = phone.get(&format!("/logout?sid={sid}"));
        let out = phone.submit(&logout, "/logout", &[]);
        assert!(out.sjis_text().contains("ログアウトしました"));
        let after = phone.get(&format!("/mypage?sid={sid}"));
        assert_eq!(after.status, 302, "the old sid is dead");
        assert!(after.header("location").unwrap_or_default().contains("/login?next="));
    }
}

db_test! {
    fn a_sid_chosen_before_login_is_dead_after_it(app) {
        let mut attacker = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let planted = sid_in(&attacker.get("/login")).expect("sid");
        // The victim opens the attacker's link and logs in with it.
        let mut victim = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let page = victim.get(&format!("/login?sid={planted}"));
        assert_eq!(sid_in(&page).as_deref(), Some(planted.as_str()));
        let done = victim.submit(&page, "/login", &[("email", "hana.mama@docomo.ne.jp"), ("password", "hiroba-demo-2026")]);
        assert_eq!(done.status, 302);
        assert!(!done.header("location").unwrap_or_default().contains(&planted));
        let as_attacker = attacker.get(&format!("/mypage?sid={planted}"));
        assert_eq!(as_attacker.status, 302, "the planted sid opens nothing");
    }
}

db_test! {
    fn a_session_belongs_to_the_profile_it_was_made_on_and_idles_out(app) {
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let done = log_in(&mut phone, "hana.mama@docomo.ne.jp", "hiroba-demo-2026");
        let location = done.header("location").expect("location").to_string();
        let path = location.strip_prefix(&app.base_url).expect("ours").to_string();
        assert_eq!(phone.get(&path).status, 200);
        // The same URL from a PC is not logged in.
        let mut pc = Browser::new(&app, ua::PC);
        assert_eq!(pc.get(&path).status, 302);
        // After the idle time, the phone is not logged in either.
        {
            use diesel::prelude::*;
            use hiroba::db::schema::sessions;
            let mut conn = app.pool.get().expect("connection");
            let long_ago = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(61);
            diesel::update(sessions::table).set(sessions::last_seen_at.eq(long_ago)).execute(&mut conn).expect("age");
        }
        assert_eq!(phone.get(&path).status, 302);
    }
}

db_test! {
    fn a_pc_logs_in_with_a_cookie_and_never_sees_a_sid(app) {
        let mut pc = Browser::new(&app, ua::PC);
        let page = pc.get("/login");
        let anonymous = pc.cookie().expect("cookie for the login form").to_string();
        assert!(page.header("set-cookie").unwrap_or_default().contains("HttpOnly"));
        let done = pc.submit(&page, "/login", &[("email", "coordinator@hiroba.example.jp"), ("password", "hiroba-demo-2026")]);
        assert_eq!(done.status, 302);
        assert_ne!(pc.cookie(), Some(anonymous.as_str()), "a new id at login");
        let mypage = pc.follow(&done);
        assert!(mypage.text().contains("コーディネーター"));
        assert!(!mypage.text().contains("sid="), "no sid in a cookie browser's URLs");
        // The coordinator sees the demo's pending member with the real name, and approves her.
        let list = pc.get("/admin/members");
        let text = list.text();
        assert!(text.contains("松葉 結衣") && text.contains("ゆいママ"), "{text}");
        let approved = pc.submit(&list, "/admin/members/approve", &[]);
        assert_eq!(approved.status, 302);
        // The same post again (a double click) decides nothing twice and mails nothing twice.
        assert_eq!(pc.submit(&list, "/admin/members/approve", &[]).status, 302);
        // Only pending members are decided here: a crafted post cannot suspend an approved member.
        assert_eq!(pc.submit(&list, "/admin/members/suspend", &[("id", "1")]).status, 302);
        let mut other = Browser::new(&app, ua::PC);
        assert_eq!(log_in(&mut other, "hana.mama@docomo.ne.jp", "hiroba-demo-2026").status, 302);
        assert!(!pc.follow(&approved).text().contains("松葉 結衣"));
        let mut conn = app.pool.get().expect("connection");
        let mails = OutboxMail::to_recipient(&mut conn, "new.mama@softbank.ne.jp").expect("outbox");
        assert_eq!(mails.iter().filter(|m| m.subject.contains("ご利用いただけます")).count(), 1, "one approval mail");
        assert_eq!(app.run_jobs().mails, 1, "and it goes out");
    }
}

db_test! {
    fn a_login_post_without_its_csrf_token_gets_a_403_page(app) {
        let mut phone = Browser::new(&app, ua::AU);
        phone.get("/login");
        let response = phone.post("/login", b"email=hana.mama%40docomo.ne.jp&password=hiroba-demo-2026");
        assert_eq!(response.status, 403);
        assert!(response.sjis_text().contains("送信を受け付けられませんでした"));
        let forged = phone.post("/login", b"email=x%40docomo.ne.jp&password=x&csrf=0123456789abcdef0123456789abcdef");
        assert_eq!(forged.status, 403);
    }
}

db_test! {
    fn ten_failures_lock_the_account_for_fifteen_minutes_even_for_the_right_password(app) {
        let mut phone = Browser::new(&app, ua::SOFTBANK);
        for attempt in 1..=9 {
            let r = log_in(&mut phone, "hana.mama@docomo.ne.jp", "wrong-password");
            assert_eq!(r.status, 200, "attempt {attempt}");
            assert!(r.sjis_text().contains("パスワードが違います"));
        }
        let tenth = log_in(&mut phone, "hana.mama@docomo.ne.jp", "wrong-password");
        assert_eq!(tenth.status, 429);
        assert!(tenth.sjis_text().contains("15分間"), "{}", tenth.sjis_text());
        let right = log_in(&mut phone, "hana.mama@docomo.ne.jp", "hiroba-demo-2026");
        assert_eq!(right.status, 429, "locked even with the right password");
        // The lock is per account and per address: another member from this address is locked too.
        let other = log_in(&mut phone, "coordinator@hiroba.example.jp", "hiroba-demo-2026");
        assert_eq!(other.status, 429);
    }
}

db_test! {
    fn unknown_addresses_count_toward_the_lock_like_known_ones(app) {
        let mut pc = Browser::new(&app, ua::PC);
        for _ in 0..10 {
            log_in(&mut pc, "nobody@example.jp", "whatever-1");
        }
        assert_eq!(log_in(&mut pc, "nobody@example.jp", "whatever-1").status, 429);
    }
}

db_test! {
    fn registering_a_taken_address_looks_the_same_and_mails_its_owner(app) {
        let mut phone = Browser::new(&app, ua::AU);
        let form = phone.get("/register");
        let sent = phone.submit(
            &form,
            "/register",
            &[("email", "hana.mama@docomo.ne.jp"), ("password", "another-pass"), ("nickname", "x"), ("real_name", "x"), ("area", "1")],
        );
        assert!(sent.sjis_text().contains("確認のメールを送りました"));
        let mut conn = app.pool.get().expect("connection");
        let mails = OutboxMail::to_recipient(&mut conn, "hana.mama@docomo.ne.jp").expect("outbox");
        assert!(mails[0].subject.contains("登録のお申し込み"), "{}", mails[0].subject);
        drop(conn);
        // Typing the address again and again cannot flood its owner: five mails a day at most.
        for _ in 0..6 {
            let form = phone.get("/register");
            phone.submit(
                &form,
                "/register",
                &[("email", "hana.mama@docomo.ne.jp"), ("password", "another-pass"), ("nickname", "x"), ("real_name", "x"), ("area", "1")],
            );
        }
        let mut conn = app.pool.get().expect("connection");
        // Her school's notices (the demo's) do not count toward the five: only account mails do.
        let account_mails = OutboxMail::to_recipient(&mut conn, "hana.mama@docomo.ne.jp")
            .expect("outbox")
            .into_iter()
            .filter(|m| m.kind == MailKind::AlreadyRegistered.as_str())
            .count();
        assert_eq!(account_mails, 5);
        assert_eq!(app.run_jobs().mails, 5, "the five go out");
        drop(conn);
        // Wrong input gets every problem at once, in Japanese, with the typed values kept.
        let form = phone.get("/register");
        let bad = phone.submit(&form, "/register", &[("email", "mama@"), ("password", "short"), ("nickname", "ゆうママ")]);
        let text = bad.sjis_text();
        assert!(text.contains("メールアドレスの形") && text.contains("8文字以上") && text.contains("お名前"), "{text}");
        assert!(text.contains("value=\"ゆうママ\""));
    }
}

db_test! {
    fn a_member_adds_confirms_and_chooses_mail_addresses_with_their_carriers(app) {
        let mut phone = Browser::new(&app, ua::SOFTBANK);
        let done = log_in(&mut phone, "new.mama@softbank.ne.jp", "hiroba-demo-2026");
        let mypage = phone.follow(&done);
        let added = phone.submit(&mypage, "/mypage/addresses", &[("email", "yui.papa@ezweb.ne.jp")]);
        let text = added.sjis_text();
        assert!(text.contains("確認のメールを送りました") && text.contains("確認待ち"), "{text}");
        // Until confirmed it cannot become the primary address.
        assert!(!forms(&added).iter().any(|f| f.action.starts_with("/mypage/addresses/primary")));
        // In her own session the link asks no password: one button, naming her account.
        let link = phone.get(&confirmation_path(&app, "yui.papa@ezweb.ne.jp"));
        assert!(link.sjis_text().contains("「ゆいママ」"), "{}", link.sjis_text());
        assert!(!link.sjis_text().contains("name=\"password\""));
        let confirmed = phone.submit(&link, "/register/confirm", &[]);
        assert!(confirmed.sjis_text().contains("確認できました"), "{}", confirmed.sjis_text());
        let page = phone.get("/mypage");
        let text = page.sjis_text();
        assert!(text.contains("yui.papa@ezweb.ne.jp（au") , "carrier from the domain: {text}");
        let primary = phone.submit(&page, "/mypage/addresses/primary", &[]);
        assert!(primary.sjis_text().contains("メインのアドレスを変更しました"), "{}", primary.sjis_text());
        // The old primary can now be removed, and the member logs in with the new one.
        let removed = phone.submit(&primary, "/mypage/addresses/remove", &[]);
        let text = removed.sjis_text();
        assert!(text.contains("アドレスを削除しました") && !text.contains("new.mama@softbank.ne.jp"), "{text}");
        let mut pc = Browser::new(&app, ua::PC);
        assert_eq!(log_in(&mut pc, "yui.papa@ezweb.ne.jp", "hiroba-demo-2026").status, 302);
        let mut other = Browser::new(&app, ua::PC);
        let old = log_in(&mut other, "new.mama@softbank.ne.jp", "hiroba-demo-2026");
        assert!(old.text().contains("パスワードが違います"), "the removed address no longer logs in");
    }
}

db_test! {
    fn a_carrier_gateway_address_is_never_locked_for_everyone_behind_it(app) {
        // Both phones come through the same docomo gateway (the test list's 203.0.113.0/24).
        let mut attacker = Browser::new(&app, ua::DOCOMO_FOMA_1).with_header("X-Forwarded-For", "203.0.113.9");
        for _ in 0..10 {
            log_in(&mut attacker, "hana.mama@docomo.ne.jp", "wrong-password");
        }
        assert_eq!(log_in(&mut attacker, "hana.mama@docomo.ne.jp", "hiroba-demo-2026").status, 429);
        let mut neighbour = Browser::new(&app, ua::DOCOMO_FOMA_1).with_header("X-Forwarded-For", "203.0.113.9");
        assert_eq!(
            log_in(&mut neighbour, "sakura.baaba@ezweb.ne.jp", "hiroba-demo-2026").status,
            302,
            "another member behind the same gateway still logs in"
        );
    }
}

db_test! {
    fn an_ipv6_client_is_limited_by_its_64_not_by_each_address(app) {
        // A phone may take a new address in its /64 for every try; ten tries from ten addresses
        // lock the whole /64, and another member behind it too, but not the next /64.
        for n in 1..=10 {
            let mut phone = Browser::new(&app, ua::IPHONE).with_header("X-Forwarded-For", &format!("2001:db8:1:2::{n:x}"));
            let account = format!("nobody{n}@example.jp");
            log_in(&mut phone, &account, "wrong-password");
        }
        let mut same_64 = Browser::new(&app, ua::IPHONE).with_header("X-Forwarded-For", "2001:db8:1:2:ffff::1");
        assert_eq!(log_in(&mut same_64, "hana.mama@docomo.ne.jp", "hiroba-demo-2026").status, 429);
        let mut next_64 = Browser::new(&app, ua::IPHONE).with_header("X-Forwarded-For", "2001:db8:1:3::1");
        assert_eq!(log_in(&mut next_64, "hana.mama@docomo.ne.jp", "hiroba-demo-2026").status, 302);
    }
}

db_test! {
    fn a_stale_gateway_list_exempts_no_address_from_the_limit(backend: Backend) {
        // With a list from 2011, 203.0.113.9 may be anyone's address now: it is limited like any other.
        let app = spawn_with(backend, |s| {
            write_gateway_list(s.gateway_list.as_ref().expect("the tests write a list"), chrono::NaiveDate::from_ymd_opt(2011, 12, 31).expect("date"))
        });
        let mut attacker = Browser::new(&app, ua::DOCOMO_FOMA_1).with_header("X-Forwarded-For", "203.0.113.9");
        for _ in 0..10 {
            log_in(&mut attacker, "nobody@example.jp", "wrong-password");
        }
        let mut behind = Browser::new(&app, ua::DOCOMO_FOMA_1).with_header("X-Forwarded-For", "203.0.113.9");
        assert_eq!(log_in(&mut behind, "sakura.baaba@ezweb.ne.jp", "hiroba-demo-2026").status, 429);
    }
}

db_test! {
    fn a_day_of_school_notices_does_not_use_up_her_account_mails(app: Empty) {
        let hana = crate::helpers::builders::MemberBuilder::new("はなママ").insert(&app);
        let mut conn = app.pool.get().expect("connection");
        for n in 0..6 {
            OutboxMail::queue(&mut conn, MailKind::NotebookNotice, &hana.email, &format!("お知らせ{n}"), "本文").unwrap();
        }
        drop(conn);
        let mut phone = Browser::new(&app, ua::AU);
        let form = phone.get("/register");
        phone.submit(
            &form,
            "/register",
            &[("email", hana.email.as_str()), ("password", "another-pass"), ("nickname", "x"), ("real_name", "x"), ("area", "1")],
        );
        let mut conn = app.pool.get().expect("connection");
        let mails = OutboxMail::to_recipient(&mut conn, &hana.email).expect("outbox");
        assert_eq!(mails[0].kind, MailKind::AlreadyRegistered.as_str(), "{}", mails[0].subject);
        drop(conn);
        assert_eq!(app.run_jobs().mails, 7);
    }
}

db_test! {
    fn a_confirmation_link_opened_by_the_addresss_owner_does_not_join_it_to_anothers_account(app) {
        // A member adds a roster guardian's address, which is not registered yet.
        let watch = crate::helpers::watch::Watch::new(&app, &["real.mama@ezweb.ne.jp"]);
        crate::helpers::watch::member(&app, "taker.mama@docomo.ne.jp", &[hiroba::domain::role::Role::Guardian]);
        let mut taker = Browser::new(&app, ua::PC);
        let done = log_in(&mut taker, "taker.mama@docomo.ne.jp", "watch-pass-1");
        let mypage = taker.follow(&done);
        taker.submit(&mypage, "/mypage/addresses", &[("email", "real.mama@ezweb.ne.jp")]);
        // The guardian opens the link on her phone: it names the account, and GET confirms nothing.
        let mut owner = Browser::new(&app, ua::AU);
        let link = owner.get(&confirmation_path(&app, "real.mama@ezweb.ne.jp"));
        assert_eq!(link.status, 200);
        let text = link.sjis_text();
        assert!(text.contains("「見守り」さんのアカウント"), "{text}");
        let sent = owner.submit(&link, "/register/confirm", &[("password", "")]);
        assert!(sent.sjis_text().contains("パスワードが違います"), "{}", sent.sjis_text());
        let mut conn = app.pool.get().expect("connection");
        let row = MailAddress::find(&mut conn, "real.mama@ezweb.ne.jp").unwrap().expect("still pending");
        assert!(!row.is_verified(), "opening and posting without her password confirmed it");
        // Another member cannot take the address over while the link is live.
        drop(conn);
        let mut other = Browser::new(&app, ua::PC);
        let done = log_in(&mut other, "sakura.baaba@ezweb.ne.jp", "hiroba-demo-2026");
        let page = other.follow(&done);
        let added = other.submit(&page, "/mypage/addresses", &[("email", "real.mama@ezweb.ne.jp")]);
        assert!(added.text().contains("確認のメールを送りました"), "the page reads the same");
        let mut conn = app.pool.get().expect("connection");
        let kept = MailAddress::find(&mut conn, "real.mama@ezweb.ne.jp").unwrap().expect("kept");
        assert_eq!(kept.member_id, row.member_id, "the live claim was released to someone else");
        // Even a confirmed address on the roster links no child: only the family does.
        diesel::update(mail_addresses::table.find(row.id))
            .set(mail_addresses::verified_at.eq(Some(hiroba::db::now())))
            .execute(&mut *conn)
            .unwrap();
        drop(conn);
        let home = taker.get("/watch");
        assert_eq!(home.status, 200);
        assert!(!home.text().contains("ゆうた"), "{}", home.text());
        let history = taker.get(&format!("/watch/children/{}", watch.child.id));
        assert_eq!(history.status, 404);
        let recipient = Recipient::of_child(&mut app.pool.get().unwrap(), watch.child.id).unwrap()[0].id;
        let settings = taker.get(&format!("/watch/children/{}/settings/{recipient}", watch.child.id));
        assert_eq!(settings.status, 404, "she cannot silence the guardian's alerts");
    }
}

db_test! {
    fn a_login_never_lands_a_cookieless_phone_on_out_with_its_sid(app) {
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        for next in ["/out?u=https://evil.example/", "/%6Fut?u=https://evil.example/", "/mypage?sid=0123456789abcdef0123456789abcdef"] {
            let form = phone.get(&format!("/login?next={}", hiroba_views::ctx::percent_encode(next)));
            let done = phone.submit(&form, "/login", &[("email", "hana.mama@docomo.ne.jp"), ("password", "hiroba-demo-2026")]);
            assert_eq!(done.status, 302, "{next}");
            let location = done.header("location").expect("location").to_string();
            let path = location.strip_prefix(&app.base_url).expect("ours");
            assert!(path.starts_with("/mypage?sid="), "{next} → {path}");
            assert_eq!(path.matches("sid=").count(), 1, "only her fresh sid: {path}");
        }
        // An /out URL with a sid goes round once more without it, then shows the page.
        let leak = phone.get("/out?u=https%3A%2F%2Fevil.example%2F&sid=0123456789abcdef0123456789abcdef");
        assert_eq!(leak.status, 302);
        let location = leak.header("location").expect("location").to_string();
        assert!(!location.contains("sid"), "{location}");
        let page = phone.follow(&leak);
        assert_eq!(page.status, 200);
        assert!(page.sjis_text().contains("evil.example"));
        // Every page asks for no Referer: pages, redirects and error pages alike.
        for path in ["/", "/login", "/mypage", "/no-such-page", "/out?u=https%3A%2F%2Fevil.example%2F"] {
            let response = phone.get(path);
            assert_eq!(response.header("referrer-policy"), Some("no-referrer"), "{path}");
        }
    }
}

db_test! {
    fn the_access_log_keeps_no_sid_and_no_one_time_token(app) {
        crate::helpers::log::capture_access_log();
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let done = log_in(&mut phone, "hana.mama@docomo.ne.jp", "hiroba-demo-2026");
        let location = done.header("location").expect("location").to_string();
        let sid = location.split("sid=").nth(1).expect("sid").to_string();
        // A marker per backend, so parallel tests' lines are told apart.
        let marker = format!("logcheck{}", &sid[..8]);
        let token = "0123456789abcdef0123456789abcdef";
        for path in [
            format!("/mypage?{marker}=1&sid={sid}"),
            format!("/register/confirm?{marker}=1&t={token}"),
            format!("/register?{marker}=1&invite={token}"),
            format!("/support/o/k3mn8pq2rstu4vwx?{marker}=1"),
        ] {
            phone.get(&path);
        }
        let lines = crate::helpers::log::access_log_lines(&marker, 4);
        assert_eq!(lines.len(), 4, "{lines:?}");
        for line in &lines {
            assert!(!line.contains(&sid) && !line.contains(token), "a secret in the log: {line}");
            assert!(!line.contains("k3mn8pq2rstu4vwx"), "a link token in the log: {line}");
            assert!(line.contains("[redacted]"), "{line}");
        }
        assert!(lines.iter().any(|l| l.contains("GET /mypage?")), "{lines:?}");
    }
}

db_test! {
    fn forged_empty_mails_from_her_address_do_not_use_up_the_mails_she_asks_for(app) {
        use crate::helpers::mail::{mail_in, DOMAIN};
        let victim = "hana.mama@docomo.ne.jp";
        // Six 空メール that claim to come from her: five answers, then the cap for mails holds.
        for n in 0..6 {
            let forged = format!(
                "From: {victim}\r\nTo: entry@{DOMAIN}\r\nMessage-ID: <forged-{n}@evil.example>\r\nSubject: \r\n\r\n\r\n"
            );
            assert_eq!(mail_in(&app.database_url, &format!("entry@{DOMAIN}"), forged.as_bytes(), &[]), 0);
            app.run_jobs();
        }
        let told = |app: &TestApp| {
            let mut conn = app.pool.get().expect("connection");
            OutboxMail::to_recipient(&mut conn, victim)
                .expect("outbox")
                .into_iter()
                .filter(|m| m.kind == MailKind::AlreadyRegistered.as_str())
                .count()
        };
        assert_eq!(told(&app), 5, "forged mails are capped too");
        // She herself, having forgotten she is registered, types her address on the form.
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let form = phone.get("/register");
        phone.submit(
            &form,
            "/register",
            &[("email", victim), ("password", "another-pass"), ("nickname", "x"), ("real_name", "x"), ("area", "1")],
        );
        assert_eq!(told(&app), 6, "the mail she asked for is still sent");
        app.run_jobs();
    }
}

db_test! {
    fn the_approval_list_shows_the_role_asked_for_and_an_approval_says_what_it_did(app: Empty) {
        use crate::helpers::builders::{Carrier, MemberBuilder};
        use hiroba::domain::role::Role;
        let coordinator = MemberBuilder::new("コーディネーター").role(Role::Coordinator).carrier(Carrier::Pc).insert(&app);
        let supporter = MemberBuilder::new("さくらばあば").role(Role::Supporter).carrier(Carrier::Au).pending().insert(&app);
        MemberBuilder::new("ゆいママ").pending().insert(&app);
        let mut phone = coordinator.sign_in(&app, ua::DOCOMO_FOMA_1);
        let list = phone.get("/admin/members");
        let text = list.sjis_text();
        assert!(text.contains("希望：提供会員") && text.contains("希望：保護者（依頼会員）"), "{text}");
        let approved = phone.browser.submit_picked(&list, &[("id", &supporter.id.to_string())], &[]);
        assert_eq!(approved.status, 302, "{}", approved.sjis_text());
        let after = phone.browser.follow(&approved);
        let text = after.sjis_text();
        assert!(text.contains("さくらばあばさんを承認しました。承認のお知らせをメールで送ります。"), "{text}");
        assert!(!text.contains("希望：提供会員") && text.contains("ゆいママ"), "{text}");
        // The same post again decides nothing and says so.
        let again = phone.browser.submit_picked(&list, &[("id", &supporter.id.to_string())], &[]);
        assert!(phone.browser.follow(&again).sjis_text().contains("すでに対応済みです"));
        assert_eq!(app.run_jobs().mails, 1, "one approval mail");
    }
}
