//! 伝言板 and the home board over HTTP: pairing by one-time code from a tablet (cookie) and an
//! i-mode phone (token in the URL), wrong and used codes, the rate limit, ただいま mailed once to
//! every guardian (a double press too, in JST), a message on the board and the child's reply,
//! unpairing, and the board token opening nothing else.

use crate::helpers::builders::Carrier;
use crate::helpers::builders::{ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder, TestNotebookFamily};
use crate::helpers::{budget, forms, ua, Browser, Response, Signed, TestApp};
use chrono::Duration;
use diesel::prelude::*;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::schema::{home_boards, home_notes, outbox};
use hiroba::domain::token::token_hash;

/// A tablet's kiosk browser (Android Chrome): keeps cookies.
const TABLET: &str =
    "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/// はなママ (docomo) and ゆうたパパ (PC mail) with ゆうた in 2年1組, and another family.
fn families(app: &TestApp) -> (TestNotebookFamily, TestNotebookFamily) {
    let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(app).school;
    let yamada = NotebookFamily::new()
        .guardian(MemberBuilder::new("はなママ").carrier(Carrier::Docomo))
        .guardian(MemberBuilder::new("ゆうたパパ").carrier(Carrier::Pc))
        .child(ChildBuilder::new("ゆうた").class(2, "1組"))
        .insert(app, &school);
    let other = NotebookFamily::new()
        .guardian(MemberBuilder::new("さくらママ").carrier(Carrier::SoftBank))
        .child(ChildBuilder::new("さくら").class(2, "1組"))
        .insert(app, &school);
    (yamada, other)
}

/// The pairing code shown after 「ホーム端末をつなぐ」.
fn new_code(guardian: &mut Signed<'_>) -> String {
    let page = guardian.get("/notebook/home");
    assert_eq!(page.status, 200, "{}", page.text());
    let shown = guardian.browser.submit(&page, "/notebook/home/code", &[]);
    assert_eq!(shown.status, 200, "{}", shown.text());
    code_on(&shown)
}

fn code_on(page: &Response) -> String {
    let text = page.text();
    let after = text.split("ペアリング番号").nth(1).expect("a code on the page");
    // The first run of six digits (the style attribute has numbers of its own).
    after
        .split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .unwrap_or_else(|| panic!("no code in {after}"))
        .to_string()
}

/// Types `code` on a device's pairing form; returns the answer to the POST.
fn type_code(device: &mut Browser<'_>, code: &str, name: &str) -> Response {
    let form = device.get("/home");
    assert_eq!(form.status, 200);
    assert!(form.text().contains("ペアリング番号"), "{}", form.text());
    device.submit(&form, "/home/pair", &[("code", code), ("name", name)])
}

/// A tablet paired with a fresh code of `guardian`'s family; its board page.
fn paired_tablet<'a>(app: &'a TestApp, guardian: &mut Signed<'_>) -> (Browser<'a>, Response) {
    let code = new_code(guardian);
    let mut tablet = Browser::new(app, TABLET);
    let done = type_code(&mut tablet, &code, "リビングのタブレット");
    assert_eq!(done.status, 302, "{}", done.text());
    let board = tablet.follow(&done);
    assert_eq!(board.status, 200);
    (tablet, board)
}

fn home_mails(app: &TestApp) -> Vec<OutboxMail> {
    let mut conn = app.pool.get().unwrap();
    outbox::table
        .filter(outbox::kind.eq(MailKind::HomeBoard.as_str()))
        .order(outbox::id)
        .select(OutboxMail::as_select())
        .load(&mut *conn)
        .unwrap()
}

fn count_boards(app: &TestApp, family_id: i64) -> i64 {
    home_boards::table
        .filter(home_boards::family_id.eq(family_id))
        .count()
        .get_result(&mut *app.pool.get().unwrap())
        .unwrap()
}

/// The written mail to `address` (after the worker ran), parsed: subject and text.
fn written_to(app: &TestApp, address: &str) -> Vec<(String, String)> {
    let hiroba::config::Transport::Directory(dir) = &app.state.ctx.settings.mail.transport else {
        panic!("tests write mail to a directory");
    };
    let name = address.replace('@', "=");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with(&format!("-{name}.eml"))
        })
        .map(|p| {
            let raw = std::fs::read(p).unwrap();
            let parsed = mail_parser::MessageParser::default().parse(&raw[..]).unwrap();
            (
                parsed.subject().unwrap_or_default().to_string(),
                parsed.body_text(0).unwrap_or_default().to_string(),
            )
        })
        .collect()
}

db_test! {
    fn a_tablet_pairs_with_a_cookie_and_an_imode_phone_with_its_url(app: Empty) {
        let (yamada, _) = families(&app);
        let mut mama = yamada.guardians[0].sign_in(&app, ua::PC);
        let code = new_code(&mut mama);

        let mut tablet = Browser::new(&app, TABLET);
        let done = type_code(&mut tablet, &code, "リビングのタブレット");
        assert_eq!(done.status, 302, "{}", done.text());
        assert_eq!(done.header("location"), Some(format!("{}/home", app.base_url).as_str()));
        let cookie = done.header("set-cookie").expect("the board's cookie");
        assert!(cookie.starts_with("hiroba_home="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/home"), "{cookie}");
        let token = cookie.trim_start_matches("hiroba_home=").split(';').next().unwrap().to_string();
        let board = tablet.follow(&done);
        assert_eq!(board.status, 200);
        let text = board.text();
        assert!(text.contains("ゆうた ただいま"), "{text}");
        assert!(text.contains("http-equiv=\"refresh\" content=\"60\""), "a kiosk reloads by itself");
        assert!(!text.contains("/mypage") && !text.contains("/notebook"), "nothing but the board:\n{text}");
        // Only the token's hash is stored.
        let stored: String = home_boards::table
            .filter(home_boards::family_id.eq(yamada.family.id))
            .select(home_boards::token_hash)
            .first(&mut *app.pool.get().unwrap())
            .unwrap();
        assert_eq!(stored, token_hash(&token));

        // The code worked once.
        let mut second = Browser::new(&app, TABLET);
        let used = type_code(&mut second, &code, "台所");
        assert_eq!(used.status, 200);
        assert!(used.text().contains("もう使われています"), "{}", used.text());
        assert_eq!(used.header("set-cookie").filter(|c| c.starts_with("hiroba_home")), None);
        assert_eq!(count_boards(&app, yamada.family.id), 1);

        // An i-mode phone keeps no cookies: its board is in the URL, without a session id.
        let code = new_code(&mut mama);
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let form = phone.get("/home");
        assert!(form.is_shift_jis());
        let done = phone.submit(&form, "/home/pair", &[("code", &code), ("name", "古い携帯")]);
        assert_eq!(done.status, 302, "{}", done.sjis_text());
        let location = done.header("location").unwrap().to_string();
        let path = location.strip_prefix(&app.base_url).unwrap().to_string();
        assert!(path.starts_with("/home/b/") && !path.contains("sid="), "{path}");
        let board = phone.get(&path);
        assert_eq!(board.status, 200);
        let text = board.sjis_text();
        assert!(text.contains("ゆうた ただいま"), "{text}");
        assert!(text.contains(&format!("action=\"{path}/tadaima\"")), "{text}");
        assert!(board.body.len() <= budget(&app, ua::DOCOMO_FOMA_1));

        let page = mama.get("/notebook/home");
        let text = page.text();
        assert!(text.contains("リビングのタブレット") && text.contains("古い携帯"), "{text}");
        assert_eq!(count_boards(&app, yamada.family.id), 2);
    }
}

db_test! {
    fn wrong_codes_are_refused_and_locked_out_per_address(app: Empty) {
        let (yamada, _) = families(&app);
        let mut mama = yamada.guardians[0].sign_in(&app, ua::PC);
        let code = new_code(&mut mama);
        let wrong = if code == "123456" { "654321" } else { "123456" };

        let mut guesser = Browser::new(&app, TABLET).with_header("X-Forwarded-For", "198.51.100.7");
        let typo = type_code(&mut guesser, "12a45", "");
        assert!(typo.text().contains("6けたの数字"), "{}", typo.text());
        for attempt in 1..=9 {
            let refused = type_code(&mut guesser, wrong, "リビング");
            assert_eq!(refused.status, 200);
            let text = refused.text();
            assert!(text.contains("番号が違う"), "attempt {attempt}: {text}");
            assert!(text.contains(&format!("value=\"{wrong}\"")), "what was typed is kept");
        }
        let locked = type_code(&mut guesser, wrong, "リビング");
        assert!(locked.text().contains("まで受け付けません"), "{}", locked.text());
        // Locked: even the right code is refused from this address.
        let still = type_code(&mut guesser, &code, "リビング");
        assert!(still.text().contains("まで受け付けません"), "{}", still.text());
        assert_eq!(count_boards(&app, yamada.family.id), 0);

        // Another address is not locked, and the code was not used up.
        let mut tablet = Browser::new(&app, TABLET).with_header("X-Forwarded-For", "198.51.100.8");
        let done = type_code(&mut tablet, &code, "リビング");
        assert_eq!(done.status, 302, "{}", done.text());
        assert_eq!(count_boards(&app, yamada.family.id), 1);

        // A code from before is replaced by a new one.
        let old = new_code(&mut mama);
        let new = new_code(&mut mama);
        assert_ne!(old, new);
        let mut other = Browser::new(&app, TABLET).with_header("X-Forwarded-For", "198.51.100.9");
        assert!(type_code(&mut other, &old, "").text().contains("番号が違う"));
        assert_eq!(type_code(&mut other, &new, "").status, 302);
    }
}

db_test! {
    fn tadaima_mails_every_guardian_once_with_the_time_in_japan(app: Empty) {
        let (yamada, other) = families(&app);
        let mut mama = yamada.guardians[0].sign_in(&app, ua::PC);
        let (tablet, board) = paired_tablet(&app, &mut mama);
        let yuta = yamada.children[0].id.to_string();
        let cookie = tablet.cookie().unwrap().to_string();

        // A double press: two presses at once, then one more.
        std::thread::scope(|s| {
            for _ in 0..2 {
                let (board, yuta, cookie) = (&board, &yuta, &cookie);
                let app = &app;
                s.spawn(move || {
                    let mut press = Browser::new(app, TABLET).with_header("Cookie", cookie);
                    let done = press.submit_picked(board, &[("child", yuta)], &[]);
                    assert_eq!(done.status, 302, "{}", done.text());
                });
            }
        });
        let mut again = Browser::new(&app, TABLET).with_header("Cookie", &cookie);
        assert_eq!(again.submit_picked(&board, &[("child", &yuta)], &[]).status, 302);

        let notes: Vec<chrono::NaiveDateTime> = home_notes::table
            .filter(home_notes::kind.eq("tadaima"))
            .select(home_notes::created_at)
            .load(&mut *app.pool.get().unwrap())
            .unwrap();
        assert_eq!(notes.len(), 1, "one ただいま recorded");
        let jst = (notes[0] + Duration::hours(9)).format("%H:%M").to_string();
        let mails = home_mails(&app);
        let mut to: Vec<&str> = mails.iter().map(|m| m.recipient.as_str()).collect();
        to.sort();
        let mut guardians = vec![yamada.guardians[0].email.as_str(), yamada.guardians[1].email.as_str()];
        guardians.sort();
        assert_eq!(to, guardians, "each guardian once, no one else ({})", other.guardians[0].email);
        for mail in &mails {
            assert_eq!(mail.subject, format!("ゆうたさんが {jst} に帰宅しました"));
        }

        // The real mail: docomo's in Shift_JIS, read back as the phone shows it.
        assert_eq!(app.run_jobs().mails, 2);
        let written = written_to(&app, &yamada.guardians[0].email);
        assert_eq!(written.len(), 1);
        assert_eq!(written[0].0, format!("ゆうたさんが {jst} に帰宅しました"));
        assert!(written[0].1.contains("リビングのタブレット"), "{}", written[0].1);
        assert_eq!(written_to(&app, &yamada.guardians[1].email).len(), 1);

        // The board says so; the guardians' page lists it.
        let page = again.get("/home");
        assert!(page.text().contains(&format!("きょうのただいま：ゆうた {jst}")), "{}", page.text());
        assert!(mama.get("/notebook/home").text().contains("ただいま（帰宅）"));
    }
}

db_test! {
    fn a_message_shows_on_the_board_and_the_childs_reply_mails_the_guardians(app: Empty) {
        let (yamada, _) = families(&app);
        let mut mama = yamada.guardians[0].sign_in(&app, ua::PC);
        let (mut tablet, _) = paired_tablet(&app, &mut mama);

        // From her docomo phone, in Shift_JIS; too long first.
        let mut phone = yamada.guardians[0].sign_in(&app, ua::DOCOMO_FOMA_2);
        let page = phone.get("/notebook/home");
        assert!(page.is_shift_jis());
        assert!(page.body.len() <= budget(&app, ua::DOCOMO_FOMA_2));
        let long = "あ".repeat(61);
        let refused = phone.browser.submit(&page, "/notebook/home/notes", &[("text", &long), ("child", "")]);
        let text = refused.sjis_text();
        assert!(text.contains("60文字まで"), "{text}");
        assert!(text.contains(&long), "what was typed is kept");
        let count = |app: &TestApp| -> i64 {
            home_notes::table.count().get_result(&mut *app.pool.get().unwrap()).unwrap()
        };
        assert_eq!(count(&app), 0);
        let done = phone.browser.submit(&page, "/notebook/home/notes", &[("text", "おやつは冷蔵庫だよ"), ("child", "")]);
        assert!(done.sjis_text().contains("伝言をホーム端末に出しました"), "{}", done.sjis_text());

        let board = tablet.get("/home");
        let text = board.text();
        let (id, at): (i64, chrono::NaiveDateTime) = home_notes::table
            .filter(home_notes::kind.eq("message"))
            .select((home_notes::id, home_notes::created_at))
            .first(&mut *app.pool.get().unwrap())
            .unwrap();
        let jst = (at + Duration::hours(9)).format("%H:%M").to_string();
        assert!(text.contains(&format!("{jst} おやつは冷蔵庫だよ")), "{text}");

        let yuta = yamada.children[0].id.to_string();
        let note = id.to_string();
        let answered = tablet.submit_picked(&board, &[("note", &note), ("child", &yuta)], &[("reply", "わかった")]);
        assert_eq!(answered.status, 302, "{}", answered.text());
        let board = tablet.follow(&answered);
        assert!(board.text().contains("ゆうた：わかった"), "{}", board.text());
        // The same reply again is stored and mailed once.
        let again = tablet.submit_picked(&board, &[("note", &note), ("child", &yuta)], &[("reply", "わかった")]);
        assert_eq!(again.status, 302);
        // A reply that is not one of the fixed ones is refused.
        let made_up = tablet.submit_picked(&board, &[("note", &note), ("child", &yuta)], &[("reply", "いやだ")]);
        assert_eq!(made_up.status, 400);

        let mails = home_mails(&app);
        assert_eq!(mails.len(), 2, "one per guardian");
        for mail in &mails {
            assert_eq!(mail.subject, "ゆうたさんから返事：わかった");
            assert!(mail.body.contains("「おやつは冷蔵庫だよ」"), "{}", mail.body);
        }
        assert_eq!(app.run_jobs().mails, 2);
        let written = written_to(&app, &yamada.guardians[0].email);
        assert_eq!(written[0].0, "ゆうたさんから返事：わかった");
        let page = mama.get("/notebook/home");
        assert!(page.text().contains("わかった（「おやつは冷蔵庫だよ」へ）"), "{}", page.text());
    }
}

db_test! {
    fn unpairing_stops_the_device_and_the_board_opens_nothing_else(app: Empty) {
        let (yamada, other) = families(&app);
        let mut mama = yamada.guardians[0].sign_in(&app, ua::PC);
        let (mut tablet, board) = paired_tablet(&app, &mut mama);
        let code = new_code(&mut mama);
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let form = phone.get("/home");
        let done = phone.submit(&form, "/home/pair", &[("code", &code), ("name", "古い携帯")]);
        let phone_board = done.header("location").unwrap().strip_prefix(&app.base_url).unwrap().to_string();
        let token = phone_board.trim_start_matches("/home/b/").to_string();

        // The board's cookie or token is no member session.
        for path in ["/notebook", "/notebook/home", "/mypage"] {
            let page = tablet.get(path);
            assert_eq!(page.status, 302, "{path}");
            assert!(page.header("location").unwrap().contains("/login"), "{path}");
            let page = phone.get(&format!("{path}?sid={token}"));
            assert_eq!(page.status, 302, "{path} with the token as a sid");
            assert!(page.header("location").unwrap().contains("/login"), "{path}");
        }

        let board_ids: Vec<(i64, String)> = home_boards::table
            .filter(home_boards::family_id.eq(yamada.family.id))
            .order(home_boards::id)
            .select((home_boards::id, home_boards::name))
            .load(&mut *app.pool.get().unwrap())
            .unwrap();
        let tablet_id = board_ids[0].0;

        // Another family's guardian neither sees nor unpairs it.
        let mut sakura = other.guardians[0].sign_in(&app, ua::PC);
        let hers = sakura.get("/notebook/home");
        assert!(!hers.text().contains("リビングのタブレット"), "{}", hers.text());
        let forged = sakura.browser.submit(&hers, "/notebook/home/code", &[]);
        assert_eq!(forged.status, 200);
        let csrf = forms(&forged)
            .into_iter()
            .flat_map(|f| f.fields)
            .find(|(n, _)| n == "csrf")
            .unwrap()
            .1;
        let refused = sakura
            .browser
            .post(&format!("/notebook/home/boards/{tablet_id}/unpair"), format!("csrf={csrf}").as_bytes());
        assert_eq!(refused.status, 404);
        assert!(tablet.get("/home").text().contains("ゆうた ただいま"));

        // はなママ unpairs the tablet: its next request shows the pairing form, a press does nothing.
        let page = mama.get("/notebook/home");
        let done = mama
            .browser
            .submit(&page, &format!("/notebook/home/boards/{tablet_id}/unpair"), &[]);
        assert!(done.text().contains("解除しました"), "{}", done.text());
        assert!(!done.text().contains("リビングのタブレット"));
        let cookie = tablet.cookie().unwrap().to_string();
        let mut stale = Browser::new(&app, TABLET).with_header("Cookie", &cookie);
        let yuta = yamada.children[0].id.to_string();
        let pressed = stale.submit_picked(&board, &[("child", &yuta)], &[]);
        assert_eq!(pressed.status, 302);
        let shown = tablet.get("/home");
        assert!(shown.text().contains("解除されました"), "{}", shown.text());
        assert!(shown.text().contains("/home/pair"));
        assert!(home_mails(&app).is_empty(), "an unpaired board mails no one");

        // The phone's board still works until it is unpaired too.
        assert!(phone.get(&phone_board).sjis_text().contains("ゆうた ただいま"));
        let page = mama.get("/notebook/home");
        mama.browser
            .submit(&page, &format!("/notebook/home/boards/{}/unpair", board_ids[1].0), &[]);
        let shown = phone.get(&phone_board);
        assert!(shown.sjis_text().contains("解除されました"), "{}", shown.sjis_text());
        let twice = mama.browser.post(
            &format!("/notebook/home/boards/{}/unpair", board_ids[1].0),
            format!("csrf={}", forms(&page)[0].fields.iter().find(|(n, _)| n == "csrf").unwrap().1).as_bytes(),
        );
        assert_eq!(twice.status, 404, "an unpaired board is gone");
    }
}

db_test! {
    fn keitai_pages_of_the_board_fit_their_budget(app: Empty) {
        let (yamada, _) = families(&app);
        let school_id = yamada.children[0].school_id;
        let school = hiroba::db::models::watch::school::School::find(&mut app.pool.get().unwrap(), school_id)
            .unwrap()
            .unwrap();
        let family = TestNotebookFamily { family: yamada.family.clone(), guardians: Vec::new(), children: Vec::new() };
        crate::helpers::builders::NotebookFamily::add_child(&app, &family, ChildBuilder::new("さき").class(4, "2組"), &school);
        crate::helpers::builders::NotebookFamily::add_child(&app, &family, ChildBuilder::new("ゆい").class(1, "3組"), &school);
        let mut mama = yamada.guardians[0].sign_in(&app, ua::PC);
        for n in 0..5 {
            let page = mama.get("/notebook/home");
            let text = format!("{n}ばんめ：きょうは雨なので、かさを持っていってね。おやつは冷蔵庫の二段目にあるよ。");
            mama.browser.submit(&page, "/notebook/home/notes", &[("text", &text.chars().take(60).collect::<String>()), ("child", "")]);
        }
        let code = new_code(&mut mama);
        let mut phone = Browser::new(&app, ua::DOCOMO_MOVA_5K);
        let form = phone.get("/home");
        let done = phone.submit(&form, "/home/pair", &[("code", &code), ("name", "古い携帯")]);
        assert_eq!(done.status, 302, "{}", done.sjis_text());
        let path = done.header("location").unwrap().strip_prefix(&app.base_url).unwrap().to_string();

        for agent in ua::KEITAI {
            let limit = budget(&app, agent);
            let first = app.get(&path, agent);
            assert_eq!(first.status, 200, "{agent}");
            assert!(first.body.len() <= limit, "{agent}: {} > {limit}", first.body.len());
            // Every message is on some page.
            let mut seen = 0;
            for page in 1..=10 {
                let shown = app.get(&format!("{path}?page={page}"), agent);
                assert!(shown.body.len() <= limit, "{agent} page {page}: {} > {limit}", shown.body.len());
                let text = if shown.is_shift_jis() { shown.sjis_text() } else { shown.text() };
                seen += (0..5).filter(|n| text.contains(&format!("{n}ばんめ"))).count();
                if !text.contains("次へ") {
                    break;
                }
            }
            assert_eq!(seen, 5, "{agent}");
            let pairing = app.get("/home", agent);
            assert!(pairing.body.len() <= limit, "{agent}: pairing form");
        }
        let mut keitai = yamada.guardians[0].sign_in(&app, ua::DOCOMO_MOVA_5K);
        let page = keitai.get("/notebook/home");
        assert_eq!(page.status, 200);
        assert!(page.body.len() <= budget(&app, ua::DOCOMO_MOVA_5K), "{}", page.body.len());
    }
}
