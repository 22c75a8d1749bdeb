//! 「パスワードを忘れた方」, パスワードの変更 and ニックネームの変更: the mailed one-time link on an
//! i-mode 1.0 phone, what the form never reveals, dead links, the race for one link, the limits.

use crate::helpers::builders::{MemberBuilder, PostBuilder, TestMember};
use crate::helpers::{links, log_in, ua, Browser, Response, TestApp};
use diesel::prelude::*;
use hiroba::auth::password::{hash_password, Password};
use hiroba::auth::password_reset::{reset_password, ResetOutcome};
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::password_reset::{self, ResetLink};
use hiroba::db::schema::password_resets;
use hiroba::domain::token::{random_token, token_hash};
use std::sync::Barrier;

/// The page budget the brief holds every i-mode page to.
const IMODE_BUDGET: usize = 5 * 1024;
const NEW_PASSWORD: &str = "atarashii-2026";

/// The reset mails sent to `address`, newest first (after running the worker).
fn reset_mails(app: &TestApp, address: &str) -> Vec<OutboxMail> {
    app.run_jobs();
    let mut conn = app.pool.get().expect("connection");
    OutboxMail::to_recipient(&mut conn, address)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == MailKind::PasswordReset.as_str())
        .collect()
}

/// The path of the link in the newest reset mail to `address`.
fn reset_path(app: &TestApp, address: &str) -> String {
    let mails = reset_mails(app, address);
    let mail = mails.first().unwrap_or_else(|| panic!("no reset mail to {address}"));
    let url = mail
        .body
        .lines()
        .find(|l| l.contains("/password/reset?t="))
        .unwrap_or_else(|| panic!("no link in {}", mail.body));
    url.trim().strip_prefix(&app.base_url).expect("our URL").to_string()
}

/// Asks for a reset link for `address` from `browser`, through the login page's link.
fn ask_for_link(browser: &mut Browser<'_>, address: &str) -> Response {
    let form = browser.get("/password/forgot");
    assert_eq!(form.status, 200, "{}", form.text());
    browser.submit(&form, "/password/forgot", &[("email", address)])
}

/// Whether the password logs `email` in on a fresh PC.
fn logs_in(app: &TestApp, email: &str, password: &str) -> bool {
    log_in(&mut Browser::new(app, ua::PC), email, password).status == 302
}

/// A page's text with its session ids blanked: each request of a cookieless phone here opens a
/// session of its own, and only the rest of the page must be the same.
fn sid_free(page: &Response) -> String {
    let text = page.sjis_text();
    let mut parts = text.split("sid=");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str("sid=…");
        out.push_str(part.get(32..).unwrap_or_default());
    }
    out
}

fn assert_imode_page(page: &Response) {
    assert!(
        page.is_shift_jis(),
        "Shift_JIS for i-mode: {:?}",
        page.header("content-type")
    );
    assert!(page.body.len() <= IMODE_BUDGET, "{} bytes > 5 KB", page.body.len());
}

db_test! {
    fn an_imode_phone_sets_a_new_password_with_the_mailed_link_and_other_sessions_end(app: Empty) {
        crate::helpers::log::capture_access_log();
        let hana = MemberBuilder::new("はなママ").insert(&app);
        // Someone else is signed in with her old password.
        let mut other = hana.sign_in(&app, ua::PC);
        assert_eq!(other.get("/mypage").status, 200);

        let mut phone = Browser::new(&app, ua::DOCOMO_MOVA);
        let login = phone.get("/login");
        assert_imode_page(&login);
        assert!(login.sjis_text().contains("パスワードを忘れた方"), "{}", login.sjis_text());
        let forgot_link = links(&login)
            .into_iter()
            .find(|l| l.starts_with("/password/forgot"))
            .expect("the login page links the form");
        assert!(forgot_link.contains("sid="), "cookieless: the sid travels in the link: {forgot_link}");
        let form = phone.get(&forgot_link);
        assert_imode_page(&form);
        assert!(form.header("set-cookie").is_none(), "i-mode 1.0 keeps no cookies");
        let sent = phone.submit(&form, "/password/forgot", &[("email", &hana.email)]);
        assert_eq!(sent.status, 200);
        assert_imode_page(&sent);
        assert!(sent.sjis_text().contains("メールをご確認ください"), "{}", sent.sjis_text());

        let mails = reset_mails(&app, &hana.email);
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].subject, "【かしわ子育てひろば】パスワードの再設定");
        assert!(mails[0].body.contains("有効期限は60分"), "{}", mails[0].body);
        let path = reset_path(&app, &hana.email);
        let token = path.split("t=").nth(1).expect("token").to_string();
        let marker = format!("resetlog{}", &token[..6]);
        let page = phone.get(&format!("{path}&{marker}=1"));
        assert_eq!(page.status, 200, "{}", page.sjis_text());
        assert_imode_page(&page);
        assert!(page.sjis_text().contains("新しいパスワード"), "{}", page.sjis_text());
        let lines = crate::helpers::log::access_log_lines(&marker, 1);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(!lines[0].contains(&token) && lines[0].contains("[redacted]"), "{}", lines[0]);

        // Too short first: the form comes back, the link still works.
        let short = phone.submit(&page, "/password/reset", &[("password", "short")]);
        assert_eq!(short.status, 200);
        assert!(short.sjis_text().contains("8文字以上"), "{}", short.sjis_text());
        let done = phone.submit(&short, "/password/reset", &[("password", NEW_PASSWORD)]);
        assert_eq!(done.status, 200, "{}", done.sjis_text());
        assert_imode_page(&done);
        assert!(done.sjis_text().contains("パスワードを設定しました"), "{}", done.sjis_text());
        // She is signed in on the phone, through the sid in the page's links.
        let mypage_link = links(&done)
            .into_iter()
            .find(|l| l.starts_with("/mypage"))
            .expect("a link to my page");
        let mypage = phone.get(&mypage_link);
        assert_eq!(mypage.status, 200);
        assert!(mypage.sjis_text().contains("はなママ"), "{}", mypage.sjis_text());

        // The other session ended; only the new password works.
        assert_eq!(other.get("/mypage").status, 302, "the old session is dead");
        assert!(!logs_in(&app, &hana.email, &hana.password));
        assert!(logs_in(&app, &hana.email, NEW_PASSWORD));

        // The link worked once.
        let again = phone.get(&path);
        assert_eq!(again.status, 410);
        assert_imode_page(&again);
        assert!(again.sjis_text().contains("使用済み"), "{}", again.sjis_text());
    }
}

db_test! {
    fn a_member_and_a_stranger_get_the_same_answer_and_only_the_member_gets_mail(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        let mut phone = Browser::new(&app, ua::DOCOMO_MOVA);
        let known = ask_for_link(&mut phone, &hana.email);
        let unknown = ask_for_link(&mut phone, "nobody.here@docomo.ne.jp");
        assert_eq!(known.status, unknown.status);
        assert_eq!(sid_free(&known), sid_free(&unknown), "the page must not tell who is a member");
        assert_eq!(known.body.len(), unknown.body.len());
        assert_eq!(reset_mails(&app, &hana.email).len(), 1);
        assert!(reset_mails(&app, "nobody.here@docomo.ne.jp").is_empty());

        // An address nobody confirmed gets no link either (it may be someone else's).
        let mut pc = hana.sign_in(&app, ua::PC);
        let mypage = pc.get("/mypage");
        pc.browser.submit(&mypage, "/mypage/addresses", &[("email", "hana.pc@example.jp")]);
        app.run_jobs();
        let unconfirmed = ask_for_link(&mut phone, "hana.pc@example.jp");
        assert_eq!(sid_free(&unconfirmed), sid_free(&known));
        assert!(reset_mails(&app, "hana.pc@example.jp").is_empty());

        // A malformed address is said to be malformed, and kept in the box.
        let bad = ask_for_link(&mut phone, "hana@@docomo");
        assert!(bad.sjis_text().contains("形が正しくありません"), "{}", bad.sjis_text());
        assert!(bad.sjis_text().contains("hana@@docomo"));
    }
}

db_test! {
    fn expired_replaced_used_and_forged_links_change_nothing(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        let mut phone = Browser::new(&app, ua::DOCOMO_MOVA);

        // Forged: a made-up token, or something that is no token at all.
        for path in [
            "/password/reset?t=0123456789abcdef0123456789abcdef".to_string(),
            "/password/reset?t=../../etc".to_string(),
            "/password/reset".to_string(),
        ] {
            let page = phone.get(&path);
            assert_eq!(page.status, 404, "{path}");
            assert_imode_page(&page);
            assert!(page.sjis_text().contains("URLが正しくありません"), "{}", page.sjis_text());
            assert!(page.sjis_text().contains("もう一度申し込む"));
        }

        // A newer link replaces the older one.
        ask_for_link(&mut phone, &hana.email);
        let older = reset_path(&app, &hana.email);
        let older_page = phone.get(&older);
        assert_eq!(older_page.status, 200);
        ask_for_link(&mut phone, &hana.email);
        let newer = reset_path(&app, &hana.email);
        assert_ne!(older, newer);
        let replaced = phone.get(&older);
        assert_eq!(replaced.status, 410);
        assert!(replaced.sjis_text().contains("有効期限"), "{}", replaced.sjis_text());
        // Posting the form opened before the new link came sets nothing either.
        let late = phone.submit(&older_page, "/password/reset", &[("password", NEW_PASSWORD)]);
        assert_eq!(late.status, 410, "{}", late.sjis_text());

        // A forged token posted with a live form's session and CSRF token.
        let newer_page = phone.get(&newer);
        let forged = phone.submit(
            &newer_page,
            "/password/reset",
            &[("t", "fedcba9876543210fedcba9876543210"), ("password", NEW_PASSWORD)],
        );
        assert_eq!(forged.status, 404);

        // Expired: its hour ran out while the form was open.
        let mut conn = app.pool.get().unwrap();
        diesel::update(password_resets::table)
            .set(password_resets::expires_at.eq(hiroba::db::now() - chrono::Duration::minutes(1)))
            .execute(&mut *conn)
            .unwrap();
        drop(conn);
        assert_eq!(phone.get(&newer).status, 410);
        let expired = phone.submit(&newer_page, "/password/reset", &[("password", NEW_PASSWORD)]);
        assert_eq!(expired.status, 410);
        assert!(expired.sjis_text().contains("有効期限が切れています"), "{}", expired.sjis_text());

        // Nothing changed.
        assert!(logs_in(&app, &hana.email, &hana.password));
        assert!(!logs_in(&app, &hana.email, NEW_PASSWORD));
    }
}

db_test! {
    fn two_uses_of_one_link_at_the_same_moment_have_one_winner(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        // Over HTTP: her phone and her PC post the same link at once.
        for round in 0..3 {
            let mut phone = Browser::new(&app, ua::DOCOMO_MOVA);
            ask_for_link(&mut phone, &hana.email);
            let path = reset_path(&app, &hana.email);
            let mut pc = Browser::new(&app, ua::PC);
            let phone_page = phone.get(&path);
            let pc_page = pc.get(&path);
            let barrier = Barrier::new(2);
            let password = format!("{NEW_PASSWORD}-{round}");
            let (a, b) = std::thread::scope(|s| {
                let first = s.spawn(|| {
                    barrier.wait();
                    phone.submit(&phone_page, "/password/reset", &[("password", &password)])
                });
                let second = s.spawn(|| {
                    barrier.wait();
                    pc.submit(&pc_page, "/password/reset", &[("password", &password)])
                });
                (first.join().unwrap(), second.join().unwrap())
            });
            let mut statuses = [a.status, b.status];
            statuses.sort_unstable();
            assert_eq!(statuses, [200, 410], "round {round}: {}\n{}", a.text(), b.text());
        }

        // In the feature itself, two connections racing in the database.
        let hash = hash_password(&Password::parse(NEW_PASSWORD).unwrap()).unwrap();
        for round in 0..5 {
            let token = random_token();
            password_reset::create(&mut app.pool.get().unwrap(), hana.id, &token_hash(&token)).unwrap();
            let barrier = Barrier::new(2);
            let outcomes: Vec<ResetOutcome> = std::thread::scope(|s| {
                let racers: Vec<_> = (0..2)
                    .map(|_| {
                        s.spawn(|| {
                            let mut conn = app.pool.get().unwrap();
                            barrier.wait();
                            reset_password(&mut conn, &token_hash(&token), &hash).unwrap()
                        })
                    })
                    .collect();
                racers.into_iter().map(|r| r.join().unwrap()).collect()
            });
            let won = outcomes.iter().filter(|o| matches!(o, ResetOutcome::Done { .. })).count();
            assert_eq!(won, 1, "round {round}: {outcomes:?}");
            assert!(outcomes.contains(&ResetOutcome::Refused(ResetLink::Used)), "{outcomes:?}");
        }
    }
}

db_test! {
    fn asking_for_links_is_limited_per_address_and_per_client(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        // Five account mails a day per address and way of asking; the sixth request is answered
        // the same, sends nothing, and leaves the fifth link working.
        let mut phone = Browser::new(&app, ua::DOCOMO_MOVA);
        for _ in 0..5 {
            ask_for_link(&mut phone, &hana.email);
        }
        let fifth = reset_path(&app, &hana.email);
        let sixth = ask_for_link(&mut phone, &hana.email);
        assert_eq!(sixth.status, 200);
        assert!(sixth.sjis_text().contains("メールをご確認ください"));
        assert_eq!(reset_mails(&app, &hana.email).len(), 5);
        assert_eq!(phone.get(&fifth).status, 200, "a capped request voids nothing");

        // One client asking for many addresses is stopped after ten requests in 15 minutes...
        let mut pc = Browser::new(&app, ua::PC).with_header("X-Forwarded-For", "198.18.0.7");
        for n in 0..10 {
            let page = ask_for_link(&mut pc, &format!("someone{n}@example.jp"));
            assert_eq!(page.status, 200, "request {n}");
        }
        let locked = ask_for_link(&mut pc, &hana.email);
        assert_eq!(locked.status, 429);
        assert!(locked.text().contains("受け付けられません"), "{}", locked.text());
        assert_eq!(reset_mails(&app, &hana.email).len(), 5);
        // ...without locking that client out of the login form,
        let login = log_in(&mut pc, &hana.email, &hana.password);
        assert_eq!(login.status, 302);
        // ...while a carrier gateway, which thousands of phones share, is never locked.
        let mut gateway = Browser::new(&app, ua::DOCOMO_MOVA).with_header("X-Forwarded-For", "203.0.113.20");
        for n in 0..11 {
            let page = ask_for_link(&mut gateway, &format!("mama{n}@docomo.ne.jp"));
            assert_eq!(page.status, 200, "request {n}");
        }
    }
}

/// Her browser's page at `path`, as a signed-in i-mode 1.0 phone.
fn imode_page(phone: &mut crate::helpers::Signed<'_>, path: &str) -> Response {
    let page = phone.get(path);
    assert_eq!(page.status, 200, "{path}: {}", page.sjis_text());
    assert_imode_page(&page);
    page
}

db_test! {
    fn a_password_change_needs_the_current_password_and_ends_the_other_sessions(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        let mut pc = hana.sign_in(&app, ua::PC);
        let mut phone = hana.sign_in(&app, ua::DOCOMO_MOVA);
        let mypage = imode_page(&mut phone, "/mypage");
        assert!(links(&mypage).iter().any(|l| l.starts_with("/mypage/password")), "my page links the form");
        let form = imode_page(&mut phone, "/mypage/password");

        let wrong = phone.browser.submit(&form, "/mypage/password", &[("current", "not-her-password"), ("password", NEW_PASSWORD)]);
        assert_eq!(wrong.status, 200);
        assert!(wrong.sjis_text().contains("いまのパスワードが違います"), "{}", wrong.sjis_text());
        let short = phone.browser.submit(&form, "/mypage/password", &[("current", &hana.password), ("password", "short")]);
        assert!(short.sjis_text().contains("8文字以上"), "{}", short.sjis_text());
        assert_eq!(pc.get("/mypage").status, 200, "nothing changed yet");

        let done = phone.browser.submit(&form, "/mypage/password", &[("current", &hana.password), ("password", NEW_PASSWORD)]);
        assert_eq!(done.status, 200);
        assert_imode_page(&done);
        assert!(done.sjis_text().contains("パスワードを変更しました"), "{}", done.sjis_text());
        assert_eq!(phone.get("/mypage").status, 200, "this session stays");
        assert_eq!(pc.get("/mypage").status, 302, "the other session ended");
        assert!(logs_in(&app, &hana.email, NEW_PASSWORD));
        assert!(!logs_in(&app, &hana.email, &hana.password));
    }
}

db_test! {
    fn wrong_current_passwords_are_limited_like_login(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        let mut pc = hana.sign_in(&app, ua::PC);
        let form = pc.get("/mypage/password");
        for n in 0..9 {
            let wrong = pc.browser.submit(&form, "/mypage/password", &[("current", "guess-guess"), ("password", NEW_PASSWORD)]);
            assert_eq!(wrong.status, 200, "try {n}");
        }
        let tenth = pc.browser.submit(&form, "/mypage/password", &[("current", "guess-guess"), ("password", NEW_PASSWORD)]);
        assert_eq!(tenth.status, 429);
        assert!(tenth.text().contains("続けて失敗したため"), "{}", tenth.text());
        // While locked, even the right password changes nothing.
        let right = pc.browser.submit(&form, "/mypage/password", &[("current", &hana.password), ("password", NEW_PASSWORD)]);
        assert_eq!(right.status, 429);
        assert!(logs_in(&app, &hana.email, &hana.password));
    }
}

fn nickname_of(app: &TestApp, member: &TestMember) -> String {
    hiroba::db::models::member::Member::find(&mut app.pool.get().unwrap(), member.id)
        .unwrap()
        .nickname
}

db_test! {
    fn a_nickname_change_is_checked_like_registration_and_shows_everywhere_at_once(app: Empty) {
        let hana = MemberBuilder::new("はなママ").insert(&app);
        PostBuilder::new(hana.id, "噴水広場で水遊び").insert(&app);
        let mut pc = hana.sign_in(&app, ua::PC);
        let mut phone = hana.sign_in(&app, ua::DOCOMO_MOVA);
        let form = imode_page(&mut phone, "/mypage/nickname");
        assert!(form.sjis_text().contains("value=\"はなママ\""), "the current one in the box: {}", form.sjis_text());

        let too_long = "あ".repeat(21);
        for (typed, problem) in [
            ("   ", "20文字で入力"),
            (too_long.as_str(), "20文字で入力"),
            ("はな\nママ", "使えない文字"),
        ] {
            let refused = phone.browser.submit(&form, "/mypage/nickname", &[("nickname", typed)]);
            assert_eq!(refused.status, 200);
            assert!(refused.sjis_text().contains(problem), "{typed:?}: {}", refused.sjis_text());
            assert_eq!(nickname_of(&app, &hana), "はなママ", "{typed:?} changed nothing");
        }
        let kept = phone.browser.submit(&form, "/mypage/nickname", &[("nickname", &too_long)]);
        assert!(kept.sjis_text().contains(&too_long), "what she typed is kept");

        let done = phone.browser.submit(&form, "/mypage/nickname", &[("nickname", " 柏のはなママ ")]);
        assert_eq!(done.status, 200);
        assert!(done.sjis_text().contains("ニックネームを変更しました"), "{}", done.sjis_text());
        assert_eq!(nickname_of(&app, &hana), "柏のはなママ");
        // Her other session and the post list show the new name at once.
        let mypage = pc.get("/mypage").text();
        assert!(mypage.contains("柏のはなママ"), "{mypage}");
        let posts = pc.get("/posts").text();
        assert!(posts.contains("柏のはなママ") && posts.contains("噴水広場"), "{posts}");
    }
}
