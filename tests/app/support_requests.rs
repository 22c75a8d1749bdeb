//! 送迎・あずかり支援, requests: asking from an i-mode phone in Shift_JIS, offers reaching each
//! supporter's phone without names, the first acceptance winning across two app servers (taps
//! and reply mails), waves on timeout and the coordinator's alert, bad forms refused with what
//! was typed kept, cancellation with its fee, and forged links.

use crate::helpers::builders::{Carrier, FamilyBuilder, MemberBuilder, SupporterBuilder, TestFamily, TestMember};
use crate::helpers::device::assert_pages_fit;
use crate::helpers::mail::{mail_in, DOMAIN};
use crate::helpers::{
    budget, get_within_budget, percent_encode, spawn, spawn_beside, ua, Browser, Response, Seed, Signed, TestApp,
};
use chrono::{Duration, NaiveDateTime, Timelike};
use diesel::prelude::*;
use hiroba::db::models::support::offer::Offer;
use hiroba::db::models::support::request::SupportRequest;
use hiroba::db::schema::{jobs, support_progress, support_requests};
use hiroba::domain::role::Role;
use hiroba::domain::support::status::{OfferStatus, RequestStatus};
use hiroba::domain::time::jst;
use std::sync::{Arc, Barrier};

/// A family with two children (5 and 2 years old in December 2026) on docomo.
fn family(app: &TestApp) -> TestFamily {
    FamilyBuilder::new("はなママ")
        .child("さくら", "2021-04-02")
        .child("はると", "2024-06-10")
        .insert(app)
}

/// Three supporters on docomo, au and a PC address.
fn supporters(app: &TestApp) -> [TestMember; 3] {
    [
        SupporterBuilder::new("よしこ").carrier(Carrier::Docomo).insert(app),
        SupporterBuilder::new("かずえ").carrier(Carrier::Au).insert(app),
        SupporterBuilder::new("みちこ").email("michiko@example.jp").insert(app),
    ]
}

fn coordinator(app: &TestApp) -> TestMember {
    MemberBuilder::new("センター")
        .role(Role::Coordinator)
        .email("centre@example.jp")
        .insert(app)
}

/// Japan time now.
fn now_jst() -> NaiveDateTime {
    jst(hiroba::db::now()).naive_local()
}

/// A slot `hours_ahead` from now on a 5-minute mark, lasting two hours: the form's fields.
fn slot_fields(hours_ahead: i64) -> Vec<(String, String)> {
    let start = now_jst() + Duration::hours(hours_ahead);
    let start = start - Duration::minutes(i64::from(start.minute() % 5)) + Duration::minutes(5);
    let end = start + Duration::hours(2);
    let mut fields = vec![
        ("day".to_string(), start.date().to_string()),
        ("start_hour".to_string(), format!("{:02}", start.hour())),
        ("start_minute".to_string(), format!("{:02}", start.minute())),
        ("end_hour".to_string(), format!("{:02}", end.hour())),
        ("end_minute".to_string(), format!("{:02}", end.minute())),
    ];
    if end.date() > start.date() {
        fields.push(("next_day".into(), "1".into()));
    }
    fields
}

/// The request form's fields for あずかり at home of `children`, `hours_ahead` from now.
fn care_fields(children: &[i64], hours_ahead: i64, note: &str) -> Vec<(String, String)> {
    let mut fields = vec![
        ("kind".to_string(), "care".to_string()),
        ("care_place".to_string(), "family_home".to_string()),
        ("note".to_string(), note.to_string()),
    ];
    fields.extend(slot_fields(hours_ahead));
    fields.extend(children.iter().map(|c| ("child".to_string(), c.to_string())));
    fields
}

/// Posts the request form of `phone` with `fields`, in the page's charset (repeated names kept).
fn ask(phone: &mut Signed<'_>, fields: &[(String, String)]) -> Response {
    let page = phone.get("/support/requests/new");
    assert_eq!(page.status, 200, "{}", page.text());
    let sjis = page.is_shift_jis();
    let raw = fields
        .iter()
        .map(|(n, v)| {
            let bytes = if sjis {
                encoding_rs::SHIFT_JIS.encode(v).0.into_owned()
            } else {
                v.as_bytes().to_vec()
            };
            format!("{n}={}", percent_encode(&bytes))
        })
        .collect::<Vec<_>>()
        .join("&");
    phone.browser.submit_raw(&page, "/support/requests/new", &raw)
}

fn requests(app: &TestApp) -> Vec<SupportRequest> {
    let mut conn = app.pool.get().unwrap();
    let ids: Vec<i64> = support_requests::table
        .select(support_requests::id)
        .order(support_requests::id)
        .load(&mut conn)
        .unwrap();
    ids.iter()
        .map(|id| SupportRequest::find(&mut conn, *id).unwrap().unwrap())
        .collect()
}

fn offers(app: &TestApp, request_id: i64) -> Vec<Offer> {
    Offer::of_request(&mut app.pool.get().unwrap(), request_id).unwrap()
}

fn offer_of(app: &TestApp, request_id: i64, supporter: &TestMember) -> Offer {
    offers(app, request_id)
        .into_iter()
        .find(|o| o.supporter_id == supporter.id)
        .unwrap_or_else(|| panic!("no offer to {}", supporter.email))
}

/// Every mail the worker wrote so far, as (raw bytes).
fn written(app: &TestApp) -> Vec<Vec<u8>> {
    let hiroba::config::Transport::Directory(dir) = &app.state.ctx.settings.mail.transport else {
        panic!("tests write mail to a directory");
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The mails written to `address`: (subject, body, raw headers), oldest first.
fn mails_to(app: &TestApp, address: &str) -> Vec<(String, String, String)> {
    written(app)
        .iter()
        .filter(|raw| String::from_utf8_lossy(raw).contains(&format!("\r\nTo: {address}\r\n")))
        .map(|raw| {
            let parsed = mail_parser::MessageParser::default().parse(raw).unwrap();
            let head = String::from_utf8_lossy(raw)
                .split("\r\n\r\n")
                .next()
                .unwrap()
                .to_string();
            (
                parsed.subject().unwrap_or_default().to_string(),
                parsed.body_text(0).unwrap_or_default().to_string(),
                head,
            )
        })
        .collect()
}

/// Runs every queued job now, the wave deadlines and reminders included (they do nothing or
/// send what they would send then), so that the test leaves no queued work.
fn run_everything(app: &TestApp) {
    let mut conn = app.pool.get().unwrap();
    diesel::update(jobs::table.filter(jobs::status.eq("pending")))
        .set(jobs::run_at.eq(hiroba::db::now() - Duration::seconds(1)))
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    app.run_jobs();
}

/// Makes the current wave's deadline pass (and its job due).
fn pass_deadline(app: &TestApp, request_id: i64) {
    let past = hiroba::db::now() - Duration::seconds(1);
    let mut conn = app.pool.get().unwrap();
    diesel::update(support_progress::table.find(request_id))
        .set(support_progress::wave_deadline.eq(Some(past)))
        .execute(&mut conn)
        .unwrap();
    diesel::update(
        jobs::table
            .filter(jobs::kind.eq("support_wave"))
            .filter(jobs::status.eq("pending")),
    )
    .set(jobs::run_at.eq(past))
    .execute(&mut conn)
    .unwrap();
}

/// A plain reply from `from` to `to` with `body` (UTF-8, as a PC mailer sends it).
fn reply_mail(from: &str, to: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: Re: 支援のお願い\r\nMessage-ID: <{}@example.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
        hiroba::domain::token::posting_token()
    )
    .into_bytes()
}

fn offer_address(offer: &Offer) -> String {
    format!("offer-{}@{DOMAIN}", offer.token)
}

/// Taps a button of the offer page at `path` on `app` from a phone of `user_agent`.
fn tap(app: &TestApp, token: &str, answer: &str, user_agent: &str) -> Response {
    let path = format!("/support/o/{token}");
    let mut phone = Browser::new(app, user_agent);
    let page = phone.get(&path);
    assert_eq!(page.status, 200, "{}", page.text());
    phone.submit_picked(&page, &[("answer", answer)], &[])
}

fn page_text(response: &Response) -> String {
    if response.is_shift_jis() {
        response.sjis_text()
    } else {
        response.text()
    }
}

db_test! {
    fn an_imode_parent_asks_in_shift_jis_and_offers_reach_each_phone_without_names(app: Empty) {
        let family = family(&app);
        let helpers = supporters(&app);
        let budget_5k = budget(&app, ua::DOCOMO_MOVA);
        let mut phone = family.member.sign_in(&app, ua::DOCOMO_MOVA);
        assert!(phone.sid.is_some(), "i-mode 1.0 keeps its session in the URL");
        let fields = care_fields(&family.children, 3, "お迎えは正門でお願いします");
        let done = ask(&mut phone, &fields);
        assert_eq!(done.status, 302, "{}", page_text(&done));
        let shown = phone.browser.follow(&done);
        assert!(shown.is_shift_jis());
        let text = shown.sjis_text();
        assert!(text.contains("【急ぎ】"), "a same-day request is marked 急ぎ: {text}");
        assert!(text.contains("3人にお知らせしました"), "{text}");
        assert!(text.contains("お迎えは正門でお願いします"), "the note arrived intact: {text}");

        let request = requests(&app).pop().unwrap();
        assert!(request.asked.urgent);
        assert_eq!(request.progress.wave, 1);
        let offer_page = get_within_budget(&app, &format!("/support/o/{}", offer_of(&app, request.asked.id, &helpers[0]).token), ua::DOCOMO_MOVA);
        let text = offer_page.sjis_text();
        assert!(text.contains("引き受ける") && text.contains("辞退する") && text.contains("2歳・5歳"), "{text}");
        assert!(!text.contains("さくら") && !text.contains("柏市柏1-1-1"), "no names or address on the offer page");
        assert!(offer_page.body.len() <= budget_5k);
        app.run_jobs();
        for (helper, charset) in helpers.iter().zip(["ISO-2022-JP", "ISO-2022-JP", "UTF-8"]) {
            let mails = mails_to(&app, &helper.email);
            assert_eq!(mails.len(), 1, "{}", helper.email);
            let (subject, body, head) = &mails[0];
            assert!(head.to_ascii_uppercase().contains(&format!("CHARSET={charset}")), "{}: {head}", helper.email);
            let offer = offer_of(&app, request.asked.id, helper);
            assert!(head.contains(&format!("<{}>", offer_address(&offer))), "From is the offer's address: {head}");
            assert!(head.contains(&format!("Reply-To: {}", offer_address(&offer))), "{head}");
            assert!(subject.contains("急ぎ"), "{subject}");
            for wanted in ["2歳・5歳", "あずかり", "柏中央", "【急ぎ】", "はじめてのご家庭です。活動の前にセンターで事前打合せをします。", "「1」「はい」で引き受け", &format!("/support/o/{}", offer.token)] {
                assert!(body.contains(wanted), "{}: {wanted} missing in\n{body}", helper.email);
            }
            for secret in ["さくら", "はると", "はなママ", "柏市柏1-1-1", "090-1111-2222", "正門"] {
                assert!(!body.contains(secret) && !subject.contains(secret), "{}: {secret} in an offer\n{body}", helper.email);
            }
        }

        // The PC supporter answers by reply, quoting the offer below her 「はい」.
        let [yoshiko, _kazue, michiko] = &helpers;
        let michiko_offer = offer_of(&app, request.asked.id, michiko);
        let reply = reply_mail(&michiko.email, &offer_address(&michiko_offer), "はい\r\n\r\n> 「1」「はい」で引き受け");
        assert_eq!(mail_in(&app.database_url, &offer_address(&michiko_offer), &reply, &[]), 0);
        app.run_jobs();
        let request = SupportRequest::find(&mut app.pool.get().unwrap(), request.asked.id).unwrap().unwrap();
        assert_eq!(request.progress.status(), RequestStatus::Matched);
        assert_eq!(request.progress.supporter_id, Some(michiko.id));
        let code = request.progress.handover_code.clone().unwrap();

        let to_family = mails_to(&app, &family.member.email);
        let (_, body, head) = to_family.last().unwrap();
        for wanted in ["みちこさん", "080-3333-4444", &format!("受け渡しコード：{code}")] {
            assert!(body.contains(wanted), "{wanted} missing in\n{body}");
        }
        assert!(head.contains(&format!("fam-{}@{DOMAIN}", request.progress.family_token)), "{head}");
        let (_, body, head) = mails_to(&app, &michiko.email).pop().unwrap();
        for wanted in ["さくら（5歳）", "はると（2歳）", "柏市柏1-1-1", "はなママさん", "/support/h/", "正門"] {
            assert!(body.contains(wanted), "{wanted} missing in\n{body}");
        }
        assert!(head.contains(&format!("sup-{}@{DOMAIN}", request.progress.supporter_token)), "{head}");
        let (subject, ..) = mails_to(&app, &yoshiko.email).pop().unwrap();
        assert!(subject.contains("ほかの方に決まりました"), "{subject}");

        // A late tap says the same.
        let late = app.get(&format!("/support/o/{}", offer_of(&app, request.asked.id, yoshiko).token), ua::DOCOMO_MOVA);
        assert!(late.sjis_text().contains("ほかの方に決まりました"), "{}", late.sjis_text());
        let shown = phone.get(&format!("/support/requests/{}", request.asked.id));
        let text = shown.sjis_text();
        assert!(text.contains("みちこさん") && text.contains(&code), "{text}");
        let budget = budget(&app, ua::DOCOMO_MOVA);
        let paths = ["/support/requests/new".to_string(), "/support/requests".into(), format!("/support/requests/{}", request.asked.id)];
        assert_pages_fit(&mut phone, ua::DOCOMO_MOVA, budget, &paths);
        let mut yoshiko_phone = yoshiko.sign_in(&app, ua::DOCOMO_MOVA);
        assert_pages_fit(&mut yoshiko_phone, ua::DOCOMO_MOVA, budget, &["/support/offers".to_string()]);
        run_everything(&app);
        let reminders = mails_to(&app, &michiko.email);
        assert!(reminders.last().unwrap().0.starts_with("支援のお知らせ"), "the reminder went: {:?}", reminders.last());
    }
}

db_test! {
    fn two_taps_on_two_servers_at_once_match_one_supporter(app: Empty) {
        let second = spawn_beside(&app);
        let family = family(&app);
        let helpers = supporters(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        assert_eq!(ask(&mut pc, &care_fields(&family.children[..1], 30, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        let tokens: Vec<String> = helpers[..2].iter().map(|h| offer_of(&app, id, h).token).collect();
        let barrier = Arc::new(Barrier::new(2));
        let answers: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = tokens
                .iter()
                .zip([&app, &second])
                .map(|(token, server)| {
                    let barrier = Arc::clone(&barrier);
                    s.spawn(move || {
                        let path = format!("/support/o/{token}");
                        barrier.wait();
                        let answer = server.post(&path, ua::PC, "application/x-www-form-urlencoded", b"answer=accept");
                        answer.text()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let won = answers.iter().filter(|a| a.contains("あなたに決まりました")).count();
        let lost = answers.iter().filter(|a| a.contains("ほかの方に決まりました")).count();
        assert_eq!((won, lost), (1, 1), "{answers:#?}");
        let statuses: Vec<OfferStatus> = offers(&app, id).iter().map(|o| o.status()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == OfferStatus::Accepted).count(), 1, "{statuses:?}");
        assert_eq!(requests(&app).pop().unwrap().progress.status(), RequestStatus::Matched);
        run_everything(&app);
        drop(second);
    }
}

db_test! {
    fn a_reply_mail_racing_a_tap_leaves_one_winner_and_tells_the_other(app: Empty) {
        let second = spawn_beside(&app);
        let family = family(&app);
        let helpers = supporters(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        assert_eq!(ask(&mut pc, &care_fields(&family.children[..1], 30, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        let [yoshiko, _, michiko] = &helpers;
        let by_mail = offer_of(&app, id, michiko);
        let by_tap = offer_of(&app, id, yoshiko);
        let reply = reply_mail(&michiko.email, &offer_address(&by_mail), "1");
        assert_eq!(mail_in(&app.database_url, &offer_address(&by_mail), &reply, &[]), 0);
        let page = Browser::new(&app, ua::DOCOMO_MOVA).get(&format!("/support/o/{}", by_tap.token));
        assert!(page.sjis_text().contains("引き受ける"));
        let barrier = Arc::new(Barrier::new(2));
        let (first_server, second_server) = (&app, &second);
        let tapped = std::thread::scope(|s| {
            let b = Arc::clone(&barrier);
            let mail = s.spawn(move || {
                b.wait();
                second_server.worker().run_until_idle().unwrap();
            });
            let b = Arc::clone(&barrier);
            let tap = s.spawn(move || {
                b.wait();
                first_server.post(&format!("/support/o/{}", by_tap.token), ua::DOCOMO_MOVA, "application/x-www-form-urlencoded", b"answer=accept")
            });
            mail.join().unwrap();
            tap.join().unwrap()
        });
        app.run_jobs();
        let request = requests(&app).pop().unwrap();
        assert_eq!(request.progress.status(), RequestStatus::Matched);
        let tap_text = tapped.sjis_text();
        let replies = mails_to(&app, &michiko.email);
        if request.progress.supporter_id == Some(yoshiko.id) {
            assert!(tap_text.contains("あなたに決まりました"), "{tap_text}");
            let (subject, body, _) = replies.last().unwrap();
            assert!(subject.contains("ほかの方に決まりました") || body.contains("ほかの方に決まりました"), "{subject}\n{body}");
        } else {
            assert_eq!(request.progress.supporter_id, Some(michiko.id));
            assert!(tap_text.contains("ほかの方に決まりました"), "{tap_text}");
            assert!(replies.last().unwrap().0.starts_with("支援の確定"), "{:?}", replies.last());
        }
        let accepted = offers(&app, id).iter().filter(|o| o.status() == OfferStatus::Accepted).count();
        assert_eq!(accepted, 1);
        run_everything(&app);
        drop(second);
    }
}

db_test! {
    fn waves_advance_on_timeout_and_the_coordinator_hears_after_the_last(backend: Backend) {
        let app = spawn(backend, Seed::Empty, |s| {
            s.support.offers_per_wave = 1;
            s.support.max_waves = 2;
        });
        let centre = coordinator(&app);
        let family = family(&app);
        let helpers = supporters(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        assert_eq!(ask(&mut pc, &care_fields(&family.children[..1], 48, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        app.run_jobs();
        assert_eq!(offers(&app, id).len(), 1);
        pass_deadline(&app, id);
        app.run_jobs();
        let sent = offers(&app, id);
        assert_eq!(sent.iter().map(|o| o.wave).collect::<Vec<_>>(), [1, 2], "the second wave went to the next one");
        let text = pc.get(&format!("/support/requests/{id}")).text();
        assert!(text.contains("1人にお知らせしました") && text.contains("さらに1人にお知らせしました"), "{text}");
        // An old wave job that runs again does nothing: the deadline moved on.
        run_jobs_due_only(&app);
        assert_eq!(offers(&app, id).len(), 2);
        pass_deadline(&app, id);
        app.run_jobs();
        assert_eq!(offers(&app, id).len(), 2, "no third wave");
        assert_eq!(requests(&app).pop().unwrap().progress.status(), RequestStatus::Unfilled);
        let (subject, body, _) = mails_to(&app, &centre.email).pop().expect("the coordinators are told");
        assert!(subject.contains("未決定") && body.contains(&format!("/admin/support/requests/{id}")), "{subject}\n{body}");
        assert!(pc.get(&format!("/support/requests/{id}")).text().contains("アドバイザーが調整しています"));

        // The coordinator sees the ranking with its reasons and assigns the third by hand.
        let mut desk = centre.sign_in(&app, ua::PC);
        let page = desk.get(&format!("/admin/support/requests/{id}"));
        let text = page.text();
        assert!(text.contains("今月 0/8回") && text.contains("この家庭は初めて") && text.contains("第2陣"), "{text}");
        let third = helpers.iter().find(|h| !offers(&app, id).iter().any(|o| o.supporter_id == h.id)).unwrap();
        let done = desk.browser.submit(&page, &format!("/admin/support/requests/{id}/assign"), &[("supporter", &third.id.to_string())]);
        assert!(done.text().contains("割り当てました"), "{}", done.text());
        let request = requests(&app).pop().unwrap();
        assert_eq!((request.progress.status(), request.progress.supporter_id), (RequestStatus::Matched, Some(third.id)));
        assert!(request.progress.matched_by == Some(centre.id));
        let log = desk.get(&format!("/admin/support/requests/{id}")).text();
        assert!(log.contains("手動で割り当て"), "{log}");
        run_everything(&app);
        assert!(mails_to(&app, &third.email).iter().any(|(s, ..)| s.starts_with("支援の確定")));
    }
}

/// Runs what is due without moving any job's time.
fn run_jobs_due_only(app: &TestApp) {
    app.run_jobs();
}

db_test! {
    fn bad_requests_are_refused_with_what_was_typed_kept(app: Empty) {
        let family = family(&app);
        let other = FamilyBuilder::new("ゆいママ").child("ゆい", "2022-01-01").insert(&app);
        SupporterBuilder::new("よしこ").insert(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        let note = "アレルギーあり（卵）";
        let sakura = family.children[0];
        let mut ends_before = care_fields(&[sakura], 48, note);
        for (name, value) in ends_before.iter_mut() {
            if name == "end_hour" {
                *value = "00".into();
            }
        }
        ends_before.retain(|(n, _)| n != "next_day");
        let mut past = care_fields(&[sakura], 48, note);
        past.iter_mut().find(|(n, _)| n == "day").unwrap().1 = "2026-01-05".into();
        let cases: Vec<(Vec<(String, String)>, &str)> = vec![
            (ends_before, "日付をまたぐときは、終わりの「翌日」を選んでください。"),
            (past, "過ぎた日時はお願いできません。"),
            (care_fields(&[other.children[0]], 48, note), "選べないお子さんが含まれています。"),
            (care_fields(&[], 48, note), "お子さんを1人以上選んでください。"),
        ];
        for (fields, message) in cases {
            let refused = ask(&mut pc, &fields);
            assert_eq!(refused.status, 200);
            let text = refused.text();
            assert!(text.contains(message), "{message} missing in\n{text}");
            assert!(text.contains(note), "the note is kept: {text}");
            assert!(requests(&app).is_empty(), "nothing written for {message}");
        }
        assert_eq!(ask(&mut pc, &care_fields(&[sakura], 48, note)).status, 302);
        let overlapping = ask(&mut pc, &care_fields(&family.children, 49, note));
        let text = overlapping.text();
        assert!(text.contains("さくらさんには、同じ時間帯の依頼がすでにあります"), "{text}");
        assert!(text.contains("checked"), "the chosen children stay ticked");
        assert_eq!(requests(&app).len(), 1);
        run_everything(&app);
    }
}

db_test! {
    fn a_late_cancellation_costs_the_fee_and_the_supporter_is_told(backend: Backend) {
        let app = spawn(backend, Seed::Empty, |s| {
            // Late from the day before, so the test holds at any hour (a slot 3 hours ahead may
            // fall on tomorrow).
            s.support.fees = toml::from_str("late_cancellation = { from_days_before = 1, charge_minutes = 60 }").unwrap();
        });
        let family = family(&app);
        let helpers = supporters(&app);
        let mut phone = family.member.sign_in(&app, ua::DOCOMO_MOVA);
        assert_eq!(ask(&mut phone, &care_fields(&family.children[..1], 3, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        let kazue = &helpers[1];
        let tapped = tap(&app, &offer_of(&app, id, kazue).token, "accept", ua::AU);
        assert!(page_text(&tapped).contains("あなたに決まりました"), "{}", page_text(&tapped));
        let page = phone.get(&format!("/support/requests/{id}"));
        let text = page.sjis_text();
        assert!(text.contains("今取り消すとキャンセル料"), "the fee is shown before: {text}");
        let done = phone.browser.submit(&page, &format!("/support/requests/{id}/cancel"), &[("reason", "子どもの熱が下がったため")]);
        let text = done.sjis_text();
        assert!(text.contains("取り消しました") && text.contains("キャンセル料："), "{text}");
        let request = requests(&app).pop().unwrap();
        assert_eq!(request.progress.status(), RequestStatus::Cancelled);
        assert!(request.progress.cancel_fee.is_some_and(|f| f > 0), "{:?}", request.progress.cancel_fee);
        app.run_jobs();
        let (subject, body, _) = mails_to(&app, &kazue.email).pop().unwrap();
        assert!(subject.starts_with("依頼が取り消されました") && body.contains("子どもの熱が下がったため"), "{subject}\n{body}");
        // The offer's link now says so, and the reminder finds nothing to remind of.
        let yoshiko_offer = offer_of(&app, id, &helpers[0]);
        assert_eq!(yoshiko_offer.status(), OfferStatus::Lost);
        run_everything(&app);
        assert!(!mails_to(&app, &kazue.email).iter().any(|(s, ..)| s.starts_with("支援のお知らせ")));
    }
}

db_test! {
    fn forged_and_closed_offer_links_say_so(app: Empty) {
        let forged = app.get("/support/o/abcdefghjkmnpqrs", ua::DOCOMO_MOVA);
        assert_eq!(forged.status, 404);
        assert!(forged.sjis_text().contains("このリンクは無効です"), "{}", forged.sjis_text());
        let posted = app.post("/support/o/abcdefghjkmnpqrs", ua::PC, "application/x-www-form-urlencoded", b"answer=accept");
        assert_eq!(posted.status, 404);
        assert!(posted.text().contains("このリンクは無効です"));

        let family = family(&app);
        let helpers = supporters(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        assert_eq!(ask(&mut pc, &care_fields(&family.children[..1], 30, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        let page = pc.get(&format!("/support/requests/{id}"));
        assert!(page.text().contains("今なら取り消しの料金はかかりません"));
        pc.browser.submit(&page, &format!("/support/requests/{id}/cancel"), &[("reason", "予定が変わりました")]);
        let token = offer_of(&app, id, &helpers[0]).token;
        let closed = app.get(&format!("/support/o/{token}"), ua::DOCOMO_MOVA);
        assert!(closed.sjis_text().contains("この依頼は取り消されました"), "{}", closed.sjis_text());
        let late = app.post(&format!("/support/o/{token}"), ua::PC, "application/x-www-form-urlencoded", b"answer=accept");
        assert!(late.text().contains("この依頼は取り消されました"), "{}", late.text());
        // A reply to a withdrawn offer is answered the same way.
        let reply = reply_mail(&helpers[2].email, &offer_address(&offer_of(&app, id, &helpers[2])), "はい");
        assert_eq!(mail_in(&app.database_url, &offer_address(&offer_of(&app, id, &helpers[2])), &reply, &[]), 0);
        app.run_jobs();
        let (subject, ..) = mails_to(&app, &helpers[2].email).pop().unwrap();
        assert!(subject.contains("この依頼は取り消されました"), "{subject}");
        run_everything(&app);
    }
}

db_test! {
    fn a_reply_that_cannot_be_read_or_comes_from_a_stranger_changes_nothing(app: Empty) {
        let family = family(&app);
        let helpers = supporters(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        assert_eq!(ask(&mut pc, &care_fields(&family.children[..1], 30, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        let michiko = &helpers[2];
        let address = offer_address(&offer_of(&app, id, michiko));
        let unreadable = reply_mail(&michiko.email, &address, "たぶん大丈夫だと思います");
        assert_eq!(mail_in(&app.database_url, &address, &unreadable, &[]), 0);
        let stranger = reply_mail("someone@example.jp", &address, "1");
        assert_eq!(mail_in(&app.database_url, &address, &stranger, &[]), 0);
        app.run_jobs();
        assert_eq!(requests(&app).pop().unwrap().progress.status(), RequestStatus::Open);
        let (subject, body, _) = mails_to(&app, &michiko.email).pop().unwrap();
        assert!(subject.contains("読み取れませんでした") && body.contains("「1」か「はい」"), "{subject}\n{body}");
        let (subject, ..) = mails_to(&app, "someone@example.jp").pop().unwrap();
        assert!(subject.contains("受け付けられませんでした"), "{subject}");
        run_everything(&app);
    }
}

db_test! {
    fn when_everyone_of_a_wave_declines_the_next_wave_goes_at_once(backend: Backend) {
        let app = spawn(backend, Seed::Empty, |s| s.support.offers_per_wave = 1);
        let family = family(&app);
        let helpers = supporters(&app);
        let mut pc = family.member.sign_in(&app, ua::PC);
        assert_eq!(ask(&mut pc, &care_fields(&family.children[..1], 48, "")).status, 302);
        let id = requests(&app).pop().unwrap().asked.id;
        let first = offers(&app, id).pop().unwrap();
        let declined = tap(&app, &first.token, "decline", ua::PC);
        assert!(declined.text().contains("辞退されました"), "{}", declined.text());
        let sent = offers(&app, id);
        assert_eq!(sent.len(), 2, "the second wave went without waiting for the deadline");
        assert_eq!(sent[1].wave, 2);
        assert_ne!(sent[1].supporter_id, first.supporter_id);
        let text = pc.get(&format!("/support/requests/{id}")).text();
        assert!(text.contains("1人は都合がつきませんでした"), "{text}");
        assert_eq!(helpers.len(), 3);
        run_everything(&app);
    }
}
