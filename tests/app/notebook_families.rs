//! The notebook's families: joining a child by 申込コード (typed on an i-mode phone, from a QR
//! code's link, from a 空メール), the school's approval and its mail, one family for two guardians
//! and for siblings at two schools, wrong codes limited per account and per address, re-issued
//! codes, the class list's bounced addresses, and what a guardian does not reach.

use crate::helpers::builders::{child_code, teacher, Carrier, ChildBuilder, MemberBuilder, SchoolBuilder};
use crate::helpers::mail::{mail_in, DOMAIN};
use crate::helpers::{budget, forms, links, log_in, ua, Browser, Response, Signed};
use hiroba::db::models::mail_address::{Health, MailAddress};
use hiroba::db::models::member::Member;
use hiroba::db::models::notebook::code;
use hiroba::db::models::notebook::family::Family;
use hiroba::db::models::notebook::join::JoinRequest;
use hiroba::db::models::notebook::school_settings::SchoolSettings;
use hiroba::db::models::outbox::OutboxMail;
use hiroba::db::models::watch::school::School;
use hiroba::db::write_transaction;
use hiroba::domain::notebook::join::JoinCode;
use hiroba::domain::role::{MemberStatus, Role};
use hiroba::notebook::join::{check_code, join_by_code, Attempt, CodeOutcome, Joined};

/// Lets the code alone suffice at this school (the default is the teacher's approval).
fn no_approval(app: &crate::helpers::app::TestApp, school: &School) {
    let mut conn = app.pool.get().unwrap();
    let mut settings = SchoolSettings::of(&mut conn, school.id).unwrap();
    settings.approve_joins = false;
    write_transaction(&mut conn, |conn| settings.save(conn)).unwrap();
}

/// Types a code on `/notebook/join` and returns the answer page.
fn type_code(phone: &mut Signed<'_>, code: &str) -> Response {
    let form = phone.get("/notebook/join");
    phone.browser.submit(&form, "/notebook/join", &[("code", code)])
}

/// The path (with query) of the first line of `body` holding `marker`, without scheme and host.
fn path_in(body: &str, marker: &str) -> String {
    let url = body
        .lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} in {body}"));
    let after_host = url.split_once("://").unwrap().1;
    format!("/{}", after_host.split_once('/').unwrap().1.trim())
}

fn family_of(app: &crate::helpers::app::TestApp, member: i64) -> Option<i64> {
    Family::of_guardian(&mut app.pool.get().unwrap(), member)
        .unwrap()
        .map(|f| f.id)
}

db_test! {
    fn an_imode_guardian_joins_by_typed_code_and_the_teacher_approves(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生").carrier(Carrier::Pc), &[(2, "1組")]);
        let yuta = ChildBuilder::new("ゆうた").class(2, "1組").insert(&app, &school);
        child_code(&app, yuta.id, "K7M2P9QX");
        // A supporter so far: joining makes her a guardian too.
        let mama = MemberBuilder::new("はなママ").role(Role::Supporter).insert(&app);
        let mut phone = mama.sign_in(&app, ua::DOCOMO_MOVA);
        assert!(phone.sid.is_some(), "i-mode 1.0 keeps the session in the URL");

        let start = phone.get("/notebook");
        assert!(start.is_shift_jis());
        let text = start.sjis_text();
        assert!(text.contains("申込コード"), "{text}");
        assert!(forms(&start).iter().any(|f| f.action.starts_with("/notebook/join")), "the code form: {text}");
        // Typed on the keypad in full width with a dash, sent as Shift_JIS.
        let done = type_code(&mut phone, "ｋ７ｍ２－ｐ９ｑｘ");
        let text = done.sjis_text();
        assert_eq!(done.status, 200, "{text}");
        assert!(text.contains("2年1組 ゆうたさんの登録を受け付けました。学校の承認をお待ちください。"), "{text}");
        assert!(text.contains("承認待ち"), "{text}");
        assert_eq!(family_of(&app, mama.id), None, "nothing joined before the approval");
        // Typed again while pending: still one request.
        type_code(&mut phone, "K7M2-P9QX");
        let pending = JoinRequest::pending_of_school(&mut app.pool.get().unwrap(), school.id).unwrap();
        assert_eq!(pending.len(), 1);

        let mut pc = tanaka.sign_in(&app, ua::PC);
        let home = pc.get(&format!("/notebook/schools/{}", school.id));
        assert!(home.text().contains("登録の承認（1件）"), "{}", home.text());
        let joins = pc.get(&format!("/notebook/schools/{}/joins", school.id));
        assert!(joins.text().contains("2年1組 ゆうた：はなママ"), "{}", joins.text());
        let approved = pc.browser.submit_picked(&joins, &[("decision", "approve")], &[]);
        assert!(approved.text().contains("承認しました"), "{}", approved.text());
        assert!(approved.text().contains("承認待ちの登録はありません"), "{}", approved.text());
        // The same button again (a second teacher, a double click) decides nothing more.
        let again = pc.browser.submit_picked(&joins, &[("decision", "approve")], &[]);
        assert!(again.text().contains("すでにほかの先生が確認しました"), "{}", again.text());

        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let mails = OutboxMail::to_recipient(&mut conn, &mama.email).unwrap();
        assert_eq!(mails.len(), 1, "one mail: {mails:?}");
        assert_eq!((mails[0].kind.as_str(), mails[0].status.as_str()), ("notebook_join", "sent"));
        assert!(mails[0].subject.contains("承認されました"));
        assert!(mails[0].body.contains("柏第一小学校から、2年1組 ゆうたさんの連絡帳への登録が承認されました。"), "{}", mails[0].body);
        assert!(mails[0].body.contains("/notebook"));
        assert!(!mails[0].body.contains("山田"), "mails never carry the full name");
        assert!(Member::roles(&mut conn, mama.id).unwrap().contains(&Role::Guardian));
        drop(conn);

        let start = phone.get("/notebook");
        let text = start.sjis_text();
        assert!(text.contains("山田 ゆうた（柏第一小学校 2年1組）"), "{text}");
        assert!(text.contains("お知らせ") && text.contains("欠席・遅刻の連絡") && text.contains("伝言板"), "{text}");
        assert!(!text.contains("承認待ち"), "{text}");
        let family = phone.get("/notebook/family");
        let text = family.sjis_text();
        assert!(text.contains("はなママさん"), "{text}");
        let token = Family::of_guardian(&mut app.pool.get().unwrap(), mama.id).unwrap().unwrap().mail_token;
        assert!(text.contains(&format!("abs-{token}@{DOMAIN}")), "{text}");

        // Every page she uses fits the i-mode 1.0 phones, the 5 KB one too.
        let mut small = mama.sign_in(&app, ua::DOCOMO_MOVA_5K);
        for (phone, agent) in [(&mut phone, ua::DOCOMO_MOVA), (&mut small, ua::DOCOMO_MOVA_5K)] {
            let limit = budget(&app, agent);
            for path in ["/notebook", "/notebook/join", "/notebook/family"] {
                let page = phone.get(path);
                assert_eq!(page.status, 200, "{path}");
                assert!(page.body.len() <= limit, "{path} on {agent}: {} > {limit}", page.body.len());
            }
        }
    }
}

db_test! {
    fn two_guardians_and_siblings_at_two_schools_end_in_one_family(app: Empty) {
        let first = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let second = SchoolBuilder::new("柏第二中学校").insert(&app).school;
        no_approval(&app, &first);
        no_approval(&app, &second);
        let yuta = ChildBuilder::new("ゆうた").class(2, "1組").insert(&app, &first);
        let saki = ChildBuilder::new("さき").class(1, "3組").insert(&app, &second);
        child_code(&app, yuta.id, "K7M2P9QX");
        child_code(&app, saki.id, "HR4T8WNB");
        let mama = MemberBuilder::new("はなママ").carrier(Carrier::Au).insert(&app);
        let papa = MemberBuilder::new("ゆうたパパ").carrier(Carrier::SoftBank).insert(&app);

        let mut au = mama.sign_in(&app, ua::AU);
        let done = type_code(&mut au, "k7m2 p9qx");
        assert!(done.sjis_text().contains("2年1組 ゆうたさんを登録しました。"), "{}", done.sjis_text());
        // Papa starts with the sister: a family of his own.
        let mut softbank = papa.sign_in(&app, ua::SOFTBANK);
        let done = type_code(&mut softbank, "HR4T-8WNB");
        assert!(done.text().contains("1年3組 さきさんを登録しました。"), "{}", done.text());
        assert_ne!(family_of(&app, mama.id), family_of(&app, papa.id));
        // Then the brother: the two families are one.
        let done = type_code(&mut softbank, "K7M2P9QX");
        assert!(done.text().contains("ゆうたさんを登録しました"), "{}", done.text());
        assert_eq!(family_of(&app, mama.id), family_of(&app, papa.id));
        let again = type_code(&mut softbank, "K7M2P9QX");
        assert!(again.text().contains("ゆうたさんはすでに登録されています。"), "{}", again.text());

        let start = au.get("/notebook");
        let text = start.sjis_text();
        assert!(text.contains("山田 ゆうた（柏第一小学校 2年1組）"), "{text}");
        assert!(text.contains("山田 さき（柏第二中学校 1年3組）"), "{text}");
        let family = au.get("/notebook/family");
        let text = family.sjis_text();
        assert!(text.contains("はなママさん") && text.contains("ゆうたパパさん"), "{text}");
        let mut conn = app.pool.get().unwrap();
        let id = family_of(&app, mama.id).unwrap();
        assert_eq!(Family::children(&mut conn, id).unwrap().len(), 2);
        assert_eq!(Family::guardians(&mut conn, id).unwrap().len(), 2);
    }
}

db_test! {
    fn two_guardians_joining_one_child_at_once_make_one_family(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        no_approval(&app, &school);
        for round in 0..4 {
            let child = ChildBuilder::new(&format!("こども{round}")).insert(&app, &school);
            let code = JoinCode::generate();
            child_code(&app, child.id, code.as_str());
            let guardians: Vec<i64> = (0..2)
                .map(|n| MemberBuilder::new(&format!("保護者{round}-{n}")).insert(&app).id)
                .collect();
            let barrier = std::sync::Barrier::new(2);
            std::thread::scope(|s| {
                for member in &guardians {
                    let (pool, barrier, code) = (&app.pool, &barrier, code.clone());
                    s.spawn(move || {
                        let mut conn = pool.get().unwrap();
                        let attempt = Attempt { member_id: Some(*member), ..Attempt::default() };
                        barrier.wait();
                        match join_by_code(&mut conn, 5, &attempt, code.as_str()).unwrap() {
                            CodeOutcome::Accepted { joined, .. } => assert_eq!(joined, Joined::Joined),
                            other => panic!("{other:?}"),
                        }
                    });
                }
            });
            let families: Vec<Option<i64>> = guardians.iter().map(|g| family_of(&app, *g)).collect();
            assert!(families[0].is_some());
            assert_eq!(families[0], families[1], "round {round}");
            let mut conn = app.pool.get().unwrap();
            assert_eq!(Family::of_child(&mut conn, child.id).unwrap().map(|f| f.id), families[0]);
        }
    }
}

db_test! {
    fn wrong_codes_are_limited_per_account_and_per_address(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        no_approval(&app, &school);
        let yuta = ChildBuilder::new("ゆうた").insert(&app, &school);
        child_code(&app, yuta.id, "K7M2P9QX");
        let per_hour = app.state.ctx.settings.notebook.join_attempts_per_hour;
        let sign_in = |member: &crate::helpers::builders::TestMember, from: &str| {
            let mut browser = Browser::new(&app, ua::PC).with_header("X-Forwarded-For", from);
            assert_eq!(log_in(&mut browser, &member.email, &member.password).status, 302);
            Signed { browser, sid: None }
        };
        let guesser = MemberBuilder::new("だれか").insert(&app);
        let mut pc = sign_in(&guesser, "10.1.2.3");
        for n in 0..per_hour {
            let wrong = type_code(&mut pc, &format!("ABCDEFG{}", (b'2' + n as u8) as char));
            let text = wrong.text();
            assert!(text.contains("申込コードが違います"), "{n}: {text}");
            assert!(text.contains("value=\"ABCDEFG"), "what was typed is kept: {text}");
        }
        // Now even the right code is refused, and nothing says it was right.
        let refused = type_code(&mut pc, "K7M2P9QX");
        assert!(refused.text().contains("しばらく受け付けられません"), "{}", refused.text());
        assert_eq!(family_of(&app, guesser.id), None);
        // Per account: the same member from another address is still refused.
        let mut elsewhere = sign_in(&guesser, "10.9.9.9");
        assert!(type_code(&mut elsewhere, "K7M2P9QX").text().contains("しばらく受け付けられません"));
        // Per address: another member at the guesser's address too.
        let neighbour = MemberBuilder::new("となり").insert(&app);
        let mut same_address = sign_in(&neighbour, "10.1.2.3");
        assert!(type_code(&mut same_address, "K7M2P9QX").text().contains("しばらく受け付けられません"));
        // A member at another address joins.
        let mama = MemberBuilder::new("はなママ").insert(&app);
        let mut own = sign_in(&mama, "10.4.5.6");
        assert!(type_code(&mut own, "K7M2P9QX").text().contains("ゆうたさんを登録しました"));

        // Codes in 空メール count against the sender's address the same way.
        let mut conn = app.pool.get().unwrap();
        let by_mail = Attempt { mail_from: Some("Guesser@ezweb.ne.jp".into()), ..Attempt::default() };
        for _ in 0..per_hour {
            let checked = write_transaction(&mut conn, |conn| check_code(conn, per_hour, &by_mail, "ABCDEFGH")).unwrap();
            assert!(matches!(checked, Err(CodeOutcome::Wrong)), "{checked:?}");
        }
        let same_sender = Attempt { mail_from: Some("guesser@ezweb.ne.jp".into()), ..Attempt::default() };
        let checked = write_transaction(&mut conn, |conn| check_code(conn, per_hour, &same_sender, "K7M2P9QX")).unwrap();
        assert!(matches!(checked, Err(CodeOutcome::Limited)), "{checked:?}");
        let other_sender = Attempt { mail_from: Some("mama@ezweb.ne.jp".into()), ..Attempt::default() };
        let checked = write_transaction(&mut conn, |conn| check_code(conn, per_hour, &other_sender, "K7M2P9QX")).unwrap();
        assert!(matches!(checked, Ok(ref child) if child.id == yuta.id), "{checked:?}");
    }
}

db_test! {
    fn a_reissued_code_replaces_the_old_one_and_letters_carry_code_and_qr(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        no_approval(&app, &school);
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
        let yuta = ChildBuilder::new("ゆうた").class(2, "1組").insert(&app, &school);
        let saki = ChildBuilder::new("さき").class(4, "2組").insert(&app, &school);
        let mut pc = tanaka.sign_in(&app, ua::PC);
        let codes = pc.get(&format!("/notebook/schools/{}/codes", school.id));
        assert!(codes.text().contains("コードのない子ども：2人"), "{}", codes.text());
        let issued = pc.browser.submit(&codes, &format!("/notebook/schools/{}/codes/issue", school.id), &[]);
        assert!(issued.text().contains("2人に申込コードを発行しました。"), "{}", issued.text());
        let old = code::of_child(&mut app.pool.get().unwrap(), yuta.id).unwrap().expect("a code");
        assert!(code::of_child(&mut app.pool.get().unwrap(), saki.id).unwrap().is_some());
        assert!(issued.text().contains(&old.display()), "{}", issued.text());

        let letters = pc.get(&format!("/notebook/schools/{}/codes/letters", school.id));
        let text = letters.text();
        assert!(text.contains(&old.display()) && text.contains("山田 ゆうた") && text.contains("2年1組"), "{text}");
        assert!(text.contains(&format!("entry@{DOMAIN}")), "{text}");
        assert!(text.contains("page-break-after"), "one sheet per child");
        let qr = links(&letters).into_iter().chain(
            text.split("src=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string),
        ).find(|l| l.contains(&format!("/codes/{}/qr", yuta.id))).expect("the QR image");
        let image = pc.get(&qr);
        assert_eq!(image.header("content-type"), Some("image/png"));
        // One class's letters only.
        let class_letters = pc.get(&format!("/notebook/schools/{}/codes/letters?grade=4&class=2%E7%B5%84", school.id));
        assert!(class_letters.text().contains("山田 さき"), "{}", class_letters.text());
        assert!(!class_letters.text().contains("山田 ゆうた"), "{}", class_letters.text());
        // The QR code's link on a phone nobody is logged in on: the login keeps the code for later.
        let scanned = app.get(&format!("/notebook/join?code={}", old.as_str()), ua::IPHONE);
        assert_eq!(scanned.status, 302);
        let location = scanned.header("location").unwrap();
        assert!(location.contains(&format!("/login?next=%2Fnotebook%2Fjoin%3Fcode%3D{}", old.as_str())), "{location}");

        let reissue = format!("/notebook/schools/{}/codes/{}/reissue", school.id, yuta.id);
        let done = pc.browser.submit(&issued, &reissue, &[]);
        let new = code::of_child(&mut app.pool.get().unwrap(), yuta.id).unwrap().unwrap();
        assert_ne!(new, old);
        assert!(done.text().contains(&format!("{} に再発行しました", new.display())), "{}", done.text());

        let mama = MemberBuilder::new("はなママ").insert(&app);
        let mut phone = mama.sign_in(&app, ua::SOFTBANK);
        assert!(type_code(&mut phone, old.as_str()).text().contains("申込コードが違います"));
        assert!(type_code(&mut phone, &new.display()).text().contains("ゆうたさんを登録しました"));
    }
}

db_test! {
    fn an_empty_mail_with_a_code_leads_to_joining(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        no_approval(&app, &school);
        let yuta = ChildBuilder::new("ゆうた").class(2, "1組").insert(&app, &school);
        child_code(&app, yuta.id, "K7M2P9QX");
        let entry = format!("entry@{DOMAIN}");
        // A docomo phone writes the code in full width, in Shift_JIS.
        let (body, _, _) = encoding_rs::SHIFT_JIS.encode("申込コード　Ｋ７Ｍ２－Ｐ９ＱＸ\r\n");
        let mut raw = b"From: new.mama@docomo.ne.jp\r\nTo: entry@hiroba.example.jp\r\nMessage-ID: <entry-code-1@docomo.ne.jp>\r\n\
            Subject: \r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".to_vec();
        raw.extend_from_slice(&body);
        assert_eq!(mail_in(&app.database_url, &entry, &raw, &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let mails = OutboxMail::to_recipient(&mut conn, "new.mama@docomo.ne.jp").unwrap();
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert_eq!((mails[0].kind.as_str(), mails[0].status.as_str()), ("entry_invite", "sent"));
        let register = path_in(&mails[0].body, "/register?invite=");
        let join = path_in(&mails[0].body, "/notebook/join?code=");
        assert_eq!(join, "/notebook/join?code=K7M2P9QX");
        drop(conn);

        // She registers from the link, a coordinator approves her, and the second link joins.
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_2);
        let form = phone.get(&register);
        let done = phone.submit(&form, "/register", &[
            ("password", "mama-password-1"), ("nickname", "あたらしいママ"), ("real_name", "柏 花子"), ("area", "1"),
        ]);
        assert!(done.sjis_text().contains("登録を受け付けました"), "{}", done.sjis_text());
        let mut conn = app.pool.get().unwrap();
        let member = MailAddress::find(&mut conn, "new.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        let coordinator = MemberBuilder::new("センター").role(Role::Coordinator).insert(&app);
        Member::decide_pending(&mut conn, member, MemberStatus::Approved, coordinator.id).unwrap();
        drop(conn);
        let mut signed = Signed::new(&app, ua::DOCOMO_FOMA_2, "new.mama@docomo.ne.jp", "mama-password-1");
        let form = signed.get(&join);
        assert!(form.sjis_text().contains("value=\"K7M2P9QX\""), "the code is filled in: {}", form.sjis_text());
        // The phone posts the filled-in field as it is (the test browser only keeps hidden ones).
        let joined = signed.browser.submit(&form, "/notebook/join", &[("code", "K7M2P9QX")]);
        assert!(joined.sjis_text().contains("2年1組 ゆうたさんを登録しました。"), "{}", joined.sjis_text());
        assert!(family_of(&app, member).is_some());

        // A member's address gets the joining link alone; a wrong code gets the way to write it.
        let papa = MemberBuilder::new("パパ").carrier(Carrier::Au).insert(&app);
        let member_mail = format!(
            "From: {}\r\nTo: {entry}\r\nMessage-ID: <entry-code-2@ezweb.ne.jp>\r\nSubject: K7M2P9QX\r\n\r\n\r\n",
            papa.email
        );
        assert_eq!(mail_in(&app.database_url, &entry, member_mail.as_bytes(), &[]), 0);
        let wrong = "From: who@softbank.ne.jp\r\nTo: entry@hiroba.example.jp\r\nMessage-ID: <entry-code-3@softbank.ne.jp>\r\n\r\nABCD-EFGH\r\n";
        assert_eq!(mail_in(&app.database_url, &entry, wrong.as_bytes(), &[]), 0);
        app.run_jobs();
        let mut conn = app.pool.get().unwrap();
        let to_papa = OutboxMail::to_recipient(&mut conn, &papa.email).unwrap();
        assert_eq!(to_papa.len(), 1);
        assert!(to_papa[0].body.contains("/notebook/join?code=K7M2P9QX"), "{}", to_papa[0].body);
        assert!(!to_papa[0].body.contains("/register"), "{}", to_papa[0].body);
        let to_who = OutboxMail::to_recipient(&mut conn, "who@softbank.ne.jp").unwrap();
        assert_eq!(to_who.len(), 1);
        assert!(to_who[0].body.contains("申込コードを確認できませんでした"), "{}", to_who[0].body);
        assert!(!to_who[0].body.contains("/register"), "{}", to_who[0].body);
    }
}

db_test! {
    fn guardians_and_other_schools_teachers_reach_no_staff_page(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let other = SchoolBuilder::new("柏第二小学校").insert(&app).school;
        let yuta = ChildBuilder::new("ゆうた").class(2, "1組").insert(&app, &school);
        child_code(&app, yuta.id, "K7M2P9QX");
        let stranger = teacher(&app, &other, MemberBuilder::new("よその先生"), &[(2, "1組")]);
        let mama = MemberBuilder::new("はなママ").insert(&app);
        let base = format!("/notebook/schools/{}", school.id);
        let paths = [
            base.clone(),
            format!("{base}/joins"),
            format!("{base}/codes"),
            format!("{base}/codes/letters"),
            format!("{base}/codes/{}/qr", yuta.id),
            format!("{base}/classes/2/%E7%B5%84"),
            format!("{base}/teachers"),
            format!("{base}/settings"),
        ];
        for member in [&mama, &stranger] {
            let mut pc = member.sign_in(&app, ua::PC);
            for path in &paths {
                assert_eq!(pc.get(path).status, 404, "{path}");
            }
        }
        let mut pc = mama.sign_in(&app, ua::PC);
        let codes = pc.get("/notebook/join");
        let post = pc.browser.submit(&codes, "/notebook/join", &[("code", "K7M2P9QX")]);
        assert_eq!(post.status, 200);
        let page = pc.get(&format!("{base}/joins"));
        assert_eq!(page.status, 404);
        // Nobody logged in goes to the login page.
        let anonymous = app.get(&base, ua::PC);
        assert_eq!(anonymous.status, 302);
    }
}

db_test! {
    fn the_class_list_flags_bounced_addresses_and_the_school_sets_its_notebook(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
        let sato = teacher(&app, &school, MemberBuilder::new("佐藤先生"), &[]);
        let family = crate::helpers::builders::NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .guardian(MemberBuilder::new("ゆうたパパ").carrier(Carrier::Au))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        child_code(&app, family.children[0].id, "K7M2P9QX");
        ChildBuilder::new("けんた").class(2, "1組").insert(&app, &school);
        {
            let mut conn = app.pool.get().unwrap();
            MailAddress::set_health(&mut conn, &family.guardians[0].email, Health::UnknownUser).unwrap();
            MailAddress::set_health(&mut conn, &family.guardians[1].email, Health::Filtered).unwrap();
        }
        // On a keitai, within its budget.
        let mut phone = tanaka.sign_in(&app, ua::AU);
        let home = phone.get(&format!("/notebook/schools/{}", school.id));
        assert!(home.body.len() <= budget(&app, ua::AU));
        let class = links(&home).into_iter().find(|l| l.contains("/classes/2/")).expect("the class link");
        let list = phone.get(&class);
        let text = list.sjis_text();
        assert_eq!(list.status, 200, "{text}");
        assert!(list.body.len() <= budget(&app, ua::AU));
        assert!(text.contains("山田 ゆうた：登録済み"), "{text}");
        assert!(text.contains(&format!("{}：メールが届いていません（アドレスが無効）", family.guardians[0].email)), "{text}");
        assert!(text.contains("受信拒否の可能性（指定受信の設定が必要）"), "{text}");
        assert!(text.contains("山田 けんた：未登録・申込コードなし"), "{text}");
        assert!(links(&list).iter().any(|l| l.starts_with("/help/mail")), "{text}");

        let mut pc = tanaka.sign_in(&app, ua::PC);
        let path = format!("/notebook/schools/{}/settings", school.id);
        let form = pc.get(&path);
        assert!(form.text().contains("発熱"), "{}", form.text());
        let wrong = pc.browser.submit(&form, &path, &[
            ("approve_joins", "1"), ("absence_reasons", "発熱\n通院"), ("nudge_at", "25:00"),
        ]);
        assert!(wrong.text().contains("時刻は「8:45」のように"), "{}", wrong.text());
        assert!(wrong.text().contains("value=\"25:00\""), "what was typed is kept");
        assert_eq!(SchoolSettings::of(&mut app.pool.get().unwrap(), school.id).unwrap().nudge_at, None);
        let saved = pc.browser.submit(&form, &path, &[("absence_reasons", "発熱\n通院\n学校行事"), ("nudge_at", "８：４５")]);
        assert!(saved.text().contains("保存しました"), "{}", saved.text());
        let stored = SchoolSettings::of(&mut app.pool.get().unwrap(), school.id).unwrap();
        assert_eq!((stored.approve_joins, stored.nudge_at), (false, Some(8 * 60 + 45)));
        assert_eq!(stored.absence_reasons, ["発熱", "通院", "学校行事"]);

        let path = format!("/notebook/schools/{}/teachers", school.id);
        let page = pc.get(&path);
        let assigned = pc.browser.submit_picked(&page, &[("action", "assign")], &[
            ("member", &sato.id.to_string()), ("class", "2/1組"),
        ]);
        assert!(assigned.text().contains("2年1組の担任にしました。"), "{}", assigned.text());
        let mut conn = app.pool.get().unwrap();
        let class = hiroba::db::models::notebook::teacher::Class { grade: 2, class_name: "1組".into() };
        let teachers = hiroba::db::models::notebook::teacher::teachers_of(&mut conn, school.id, &class).unwrap();
        assert!(teachers.contains(&sato.id) && teachers.contains(&tanaka.id), "{teachers:?}");
        drop(conn);
        let removed = pc.browser.submit_picked(&assigned, &[("member", &sato.id.to_string()), ("action", "unassign")], &[]);
        assert!(removed.text().contains("2年1組の担任から外しました。"), "{}", removed.text());
        // A class the roster does not have is refused.
        let refused = pc.browser.submit_picked(&removed, &[("action", "assign")], &[
            ("member", &sato.id.to_string()), ("class", "6/9組"),
        ]);
        assert!(refused.text().contains("選び直してください"), "{}", refused.text());
    }
}
