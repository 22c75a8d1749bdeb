//! 送迎・あずかり支援 after a match: the 受け渡しコード typed on a keitai or replied by mail (right,
//! wrong, locked, raced), the activity report with its fee and the family's answer (by link, by
//! reply, a dispute settled by a coordinator), and who sees the family's details.

use crate::helpers::builders::{matched_request, Carrier, FamilyBuilder, MemberBuilder, SupporterBuilder};
use crate::helpers::mail::{mail_in, DOMAIN};
use crate::helpers::{ua, Browser, TestApp};
use chrono::NaiveDate;
use diesel::prelude::*;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::support::log::SupportLog;
use hiroba::db::models::support::offer::{NewOffer, Offer};
use hiroba::db::models::support::report::Report;
use hiroba::db::models::support::request::{Progress, SupportRequest};
use hiroba::db::schema::support_progress;
use hiroba::domain::role::Role;
use hiroba::domain::support::report::ReportFields;
use hiroba::domain::support::slot::Slot;
use hiroba::domain::support::status::RequestStatus;
use hiroba::support::handover::{self, Channel, Outcome};
use hiroba::support::report::{self, FamilyAnswer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

fn slot(day: &str, start: &str, end: &str) -> Slot {
    let minutes = |hm: &str| {
        let (h, m) = hm.split_once(':').unwrap();
        h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
    };
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let (start, mut end) = (minutes(start), minutes(end));
    if end <= start {
        end += 24 * 60;
    }
    Slot::from_minutes(day, start, end).unwrap()
}

fn request(app: &TestApp, id: i64) -> SupportRequest {
    SupportRequest::find(&mut app.pool.get().unwrap(), id).unwrap().unwrap()
}

/// Mails queued to `address` of `kind`, oldest first.
fn mails_to(app: &TestApp, address: &str, kind: MailKind) -> Vec<OutboxMail> {
    let mut mails = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), address).unwrap();
    mails.retain(|m| m.kind == kind.as_str());
    mails.reverse();
    mails
}

fn log_actions(app: &TestApp, id: i64) -> Vec<String> {
    SupportLog::for_request(&mut app.pool.get().unwrap(), id)
        .unwrap()
        .into_iter()
        .map(|l| l.action)
        .collect()
}

/// A reply as an au phone sends it: ISO-2022-JP, 7bit, quoting our mail.
fn au_reply(from: &str, to: &str, body: &str) -> Vec<u8> {
    static N: AtomicUsize = AtomicUsize::new(1);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let (bytes, _, unmappable) = encoding_rs::ISO_2022_JP.encode(body);
    assert!(!unmappable, "{body}");
    let mut mail = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: Re:\r\nMessage-ID: <reply{n}-{}@ezweb.ne.jp>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n",
        std::process::id()
    )
    .into_bytes();
    mail.extend_from_slice(&bytes);
    mail.extend_from_slice(b"\r\n");
    mail
}

fn reply_address(side: &str, token: &str) -> String {
    format!("{side}-{token}@{DOMAIN}")
}

/// A wrong code that is not the right one.
fn wrong(code: &str) -> String {
    if code == "0000" { "1111" } else { "0000" }.to_string()
}

db_test! {
    fn a_supporter_on_au_types_a_wrong_code_then_the_right_one(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").carrier(Carrier::Au).insert(&app);
        let matched = matched_request(&app, &family, &yoshiko, slot("2030-01-07", "10:00", "12:00"));
        let mut phone = yoshiko.sign_in(&app, ua::AU);
        let path = format!("/support/activities/{}", matched.id);
        let page = phone.get(&path);
        assert_eq!(page.status, 200);
        assert!(page.is_shift_jis());
        let text = page.text();
        for seen in ["さくら", "柏市柏1-1-1", "090-1111-2222", "受け渡しコード", "あと5回"] {
            assert!(text.contains(seen), "{seen}: {text}");
        }
        assert!(!text.contains("活動報告をする"), "a future activity is reported after the handover");

        let action = format!("{path}/handover");
        let refused = phone.browser.submit(&page, &action, &[("code", &wrong(&matched.code))]);
        assert!(refused.text().contains("受け渡しコードが違います"), "{}", refused.text());
        assert!(refused.text().contains("あと4回"), "{}", refused.text());
        let typo = phone.browser.submit(&refused, &action, &[("code", "12")]);
        assert!(typo.text().contains("4けたの数字"), "{}", typo.text());
        assert!(typo.text().contains("あと4回"), "a malformed entry is not counted: {}", typo.text());
        // Typed with full-width digits, as a keitai in かな mode sends them.
        let wide: String = matched.code.chars().map(|c| char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap()).collect();
        let recorded = phone.browser.submit(&typo, &action, &[("code", &wide)]);
        assert!(recorded.text().contains("受け渡しを記録しました"), "{}", recorded.text());
        assert!(recorded.text().contains("活動報告をする"), "{}", recorded.text());
        let progress = request(&app, matched.id).progress;
        assert!(progress.handed_over_at.is_some());
        assert_eq!(progress.handover_attempts, 1);
        let again = phone.get(&path);
        assert!(!again.text().contains("name=\"code\""), "no code form after the handover");
        assert_eq!(log_actions(&app, matched.id), ["handover_wrong", "handover"]);
        // A second right entry (a retried post) says it is recorded already.
        let mut conn = app.pool.get().unwrap();
        let second = handover::enter(&app.state.ctx.settings, &mut conn, matched.id, &matched.code, Channel::Web, None).unwrap();
        assert!(matches!(second, Outcome::AlreadyRecorded(_)), "{second:?}");
    }
}

db_test! {
    fn wrong_codes_up_to_the_limit_lock_it_on_an_imode_link_and_tell_the_coordinators(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").insert(&app);
        let coordinator = MemberBuilder::new("アドバイザー").role(Role::Coordinator).carrier(Carrier::Pc).insert(&app);
        let matched = matched_request(&app, &family, &yoshiko, slot("2030-01-07", "10:00", "12:00"));
        let limit = app.state.ctx.settings.support.handover_attempts;
        // The link of her confirmation mail, on a mova without cookies: no password, sid in URLs.
        let mut phone = Browser::new(&app, ua::DOCOMO_MOVA);
        let path = format!("/support/h/{}", matched.supporter_token);
        let mut page = phone.get(&path);
        assert_eq!(page.status, 200);
        assert!(page.text().contains("さくら"), "{}", page.text());
        for n in 1..=limit {
            page = phone.submit(&page, &format!("{path}/handover"), &[("code", &wrong(&matched.code))]);
            assert_eq!(page.status, 200, "{}", page.text());
            if n < limit {
                assert!(page.text().contains(&format!("あと{}回", limit - n)), "{n}: {}", page.text());
            }
        }
        let text = page.text();
        assert!(text.contains("センター") && text.contains("お電話"), "{text}");
        assert!(!text.contains("name=\"code\""), "the form is gone once locked: {text}");
        // Even the right code no longer records it.
        let mut conn = app.pool.get().unwrap();
        let late = handover::enter(&app.state.ctx.settings, &mut conn, matched.id, &matched.code, Channel::Web, None).unwrap();
        assert_eq!(late, Outcome::Locked);
        let progress = request(&app, matched.id).progress;
        assert_eq!(progress.handover_attempts, limit as i32);
        assert!(progress.handed_over_at.is_none());
        let alerts = mails_to(&app, &coordinator.email, MailKind::SupportCoordinator);
        assert_eq!(alerts.len(), 1);
        assert!(alerts[0].body.contains("受け渡しコード") && alerts[0].body.contains("テスト よしこ"), "{}", alerts[0].body);
        let actions = log_actions(&app, matched.id);
        assert_eq!(actions.iter().filter(|a| *a == "handover_wrong").count(), limit as usize - 1);
        assert_eq!(actions.last().map(String::as_str), Some("handover_locked"));
        let forged = phone.get("/support/h/abcdefghijkmnpqr");
        assert_eq!(forged.status, 404);
        assert!(forged.text().contains("ページが見つかりません"), "{}", forged.text());
        app.run_jobs();
    }
}

db_test! {
    fn two_wrong_entries_at_once_do_not_count_past_the_limit(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").insert(&app);
        let coordinator = MemberBuilder::new("アドバイザー").role(Role::Coordinator).carrier(Carrier::Pc).insert(&app);
        let matched = matched_request(&app, &family, &yoshiko, slot("2030-01-07", "10:00", "12:00"));
        let limit = app.state.ctx.settings.support.handover_attempts as i32;
        diesel::update(support_progress::table.find(matched.id))
            .set(support_progress::handover_attempts.eq(limit - 1))
            .execute(&mut *app.pool.get().unwrap())
            .unwrap();
        // Two connections at once, as a tap and a reply mail on two servers would.
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (pool, barrier, ctx) = (app.pool.clone(), barrier.clone(), app.state.ctx.clone());
                let code = wrong(&matched.code);
                std::thread::spawn(move || {
                    let mut conn = pool.get().unwrap();
                    barrier.wait();
                    handover::enter(&ctx.settings, &mut conn, matched.id, &code, Channel::Mail, None).unwrap()
                })
            })
            .collect();
        let outcomes: Vec<Outcome> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(outcomes, [Outcome::Locked, Outcome::Locked]);
        assert_eq!(request(&app, matched.id).progress.handover_attempts, limit);
        assert_eq!(mails_to(&app, &coordinator.email, MailKind::SupportCoordinator).len(), 1, "one alert");
        app.run_jobs();
    }
}

db_test! {
    fn the_code_replied_by_mail_is_checked_and_answered(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").email("yoshiko@ezweb.ne.jp").insert(&app);
        let matched = matched_request(&app, &family, &yoshiko, slot("2030-01-07", "10:00", "12:00"));
        let to = reply_address("sup", &matched.supporter_token);
        let quoted = format!("> 受け渡しコードを返信してください\n> {}\n", matched.code);
        let wrong_reply = au_reply(&yoshiko.email, &to, &format!("{}\n{quoted}", wrong(&matched.code)));
        assert_eq!(mail_in(&app.database_url, &to, &wrong_reply, &[]), 0);
        app.run_jobs();
        let answers = mails_to(&app, &yoshiko.email, MailKind::SupportReply);
        assert_eq!(answers.len(), 1);
        assert!(answers[0].body.contains("コードが違います") && answers[0].body.contains("あと4回"), "{}", answers[0].body);
        assert_eq!(request(&app, matched.id).progress.handover_attempts, 1);

        // Someone else's address: nothing recorded, whatever the code.
        let stranger = au_reply("someone@ezweb.ne.jp", &to, &matched.code);
        assert_eq!(mail_in(&app.database_url, &to, &stranger, &[]), 0);
        app.run_jobs();
        assert!(request(&app, matched.id).progress.handed_over_at.is_none());

        let unreadable = au_reply(&yoshiko.email, &to, &format!("つきました\n{quoted}"));
        assert_eq!(mail_in(&app.database_url, &to, &unreadable, &[]), 0);
        let wide: String = matched.code.chars().map(|c| char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap()).collect();
        let right = au_reply(&yoshiko.email, &to, &format!("{wide}です\n--\nよしこ\n{quoted}"));
        assert_eq!(mail_in(&app.database_url, &to, &right, &[]), 0);
        app.run_jobs();
        let answers = mails_to(&app, &yoshiko.email, MailKind::SupportReply);
        assert_eq!(answers.len(), 3, "{answers:?}");
        assert!(answers[1].body.contains("4けたの数字"), "{}", answers[1].body);
        assert!(answers[2].subject.contains("受け渡しを記録しました"), "{}", answers[2].subject);
        assert!(answers[2].body.contains(&format!("/support/h/{}", matched.supporter_token)));
        let progress = request(&app, matched.id).progress;
        assert!(progress.handed_over_at.is_some());
        assert_eq!(progress.handover_attempts, 1);
        assert_eq!(
            log_actions(&app, matched.id),
            ["handover_wrong", "reply_refused", "handover"]
        );
        let refusals = mails_to(&app, "someone@ezweb.ne.jp", MailKind::SupportReply);
        assert_eq!(refusals.len(), 1);
        assert!(refusals[0].body.contains("受け付けられません"));
    }
}

db_test! {
    fn a_report_past_midnight_is_priced_by_band_and_confirmed_by_the_family_link(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").insert(&app);
        // A Wednesday evening that took place already.
        let matched = matched_request(&app, &family, &yoshiko, slot("2026-11-18", "20:00", "23:30"));
        let mut phone = yoshiko.sign_in(&app, ua::DOCOMO_FOMA_1);
        let path = format!("/support/activities/{}", matched.id);
        let page = phone.get(&path);
        assert!(page.text().contains("活動報告をする"), "{}", page.text());
        let form = phone.get(&format!("{path}/report"));
        assert_eq!(form.status, 200);
        let action = format!("{path}/report");
        // A mistake first: the end before the start without 翌日, what she typed is kept.
        let mistake = phone.browser.submit(
            &form,
            &action,
            &[("start_hour", "20"), ("end_hour", "0"), ("end_minute", "30"), ("transport", "300"), ("note", "よく眠りました")],
        );
        assert!(mistake.text().contains("翌日"), "{}", mistake.text());
        assert!(mistake.text().contains("よく眠りました"), "{}", mistake.text());
        assert_eq!(request(&app, matched.id).progress.status(), RequestStatus::Matched);
        let done = phone.browser.submit(
            &mistake,
            &action,
            &[("start_hour", "20"), ("start_minute", "00"), ("end_hour", "0"), ("end_minute", "30"), ("next_day", "1"), ("transport", "300"), ("note", "よく眠りました")],
        );
        assert!(done.text().contains("活動報告を送りました"), "{}", done.text());
        assert!(done.text().contains("4,600円"), "{}", done.text());
        assert_eq!(request(&app, matched.id).progress.status(), RequestStatus::Reported);

        let report = Report::find(&mut app.pool.get().unwrap(), matched.id).unwrap().unwrap();
        assert_eq!((report.start_minute, report.end_minute, report.fee_yen), (1200, 1470, 4600));
        let lines: Vec<&str> = report.fee_detail.lines().collect();
        assert_eq!(
            lines,
            [
                "平日 17:00〜21:00 1時間 × 800円 = 800円",
                "平日 21:00〜7:00 3時間30分 × 1,000円 = 3,500円",
                "交通費（実費） 300円",
                "合計 4,600円",
            ]
        );
        let mail = mails_to(&app, &family.member.email, MailKind::SupportReport);
        assert_eq!(mail.len(), 1);
        let body = &mail[0].body;
        for seen in ["20:00〜翌00:30", "合計 4,600円", "よく眠りました", &format!("/support/c/{}", matched.family_token), &reply_address("fam", &matched.family_token)] {
            assert!(body.contains(seen), "{seen}: {body}");
        }

        // The family opens the link on her docomo phone without logging in, and confirms.
        let mut mama = Browser::new(&app, ua::DOCOMO_FOMA_2);
        let link = format!("/support/c/{}", matched.family_token);
        let shown = mama.get(&link);
        assert_eq!(shown.status, 200);
        assert!(shown.text().contains("3時間30分 × 1,000円") && shown.text().contains("合計 4,600円"), "{}", shown.text());
        let confirmed = mama.submit_picked(&shown, &[("answer", "confirm")], &[]);
        assert!(confirmed.text().contains("確認しました"), "{}", confirmed.text());
        assert_eq!(request(&app, matched.id).progress.status(), RequestStatus::Confirmed);
        let report = Report::find(&mut app.pool.get().unwrap(), matched.id).unwrap().unwrap();
        assert!(report.confirmed_at.is_some());
        let again = mama.get(&link);
        assert!(again.text().contains("確認済み") && !again.text().contains("内容が違う\""), "{}", again.text());
        assert_eq!(log_actions(&app, matched.id), ["reported", "confirmed"]);
        assert_eq!(mama.get("/support/c/abcdefghijkmnpqr").status, 404);
        app.run_jobs();
    }
}

db_test! {
    fn a_family_disputes_by_reply_and_a_coordinator_settles_with_corrected_times(app: Empty) {
        let family = FamilyBuilder::new("はなママ").email("hana@ezweb.ne.jp").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").insert(&app);
        let coordinator = MemberBuilder::new("アドバイザー").role(Role::Coordinator).carrier(Carrier::Pc).insert(&app);
        let matched = matched_request(&app, &family, &yoshiko, slot("2026-11-18", "20:00", "23:30"));
        // She reports through her token link (no password).
        let mut phone = Browser::new(&app, ua::AU);
        let path = format!("/support/h/{}", matched.supporter_token);
        let form = phone.get(&format!("{path}/report"));
        let done = phone.submit(
            &form,
            &format!("{path}/report"),
            &[("start_hour", "20"), ("start_minute", "00"), ("end_hour", "23"), ("end_minute", "30"), ("transport", "0")],
        );
        assert!(done.text().contains("活動報告を送りました"), "{}", done.text());
        app.run_jobs();

        let to = reply_address("fam", &matched.family_token);
        let reply = au_reply(&family.member.email, &to, "２ 終わりは22時でした\n\n> 内容が正しければ「1」\n> 合計 3,900円");
        assert_eq!(mail_in(&app.database_url, &to, &reply, &[]), 0);
        app.run_jobs();
        assert_eq!(request(&app, matched.id).progress.status(), RequestStatus::Disputed);
        let report = Report::find(&mut app.pool.get().unwrap(), matched.id).unwrap().unwrap();
        assert_eq!(report.dispute_note, "終わりは22時でした");
        let answers = mails_to(&app, &family.member.email, MailKind::SupportReply);
        assert_eq!(answers.len(), 1);
        assert!(answers[0].body.contains("アドバイザーが確認"), "{}", answers[0].body);
        let alerts = mails_to(&app, &coordinator.email, MailKind::SupportCoordinator);
        assert_eq!(alerts.len(), 1);
        assert!(alerts[0].body.contains("終わりは22時でした"), "{}", alerts[0].body);

        // The coordinator reads both sides on her PC and corrects the end.
        let mut pc = coordinator.sign_in(&app, ua::PC);
        let list = pc.get("/admin/support/disputes");
        assert_eq!(list.status, 200);
        assert!(list.text().contains("終わりは22時でした") && list.text().contains("テスト よしこ"), "{}", list.text());
        let page = pc.get(&format!("/admin/support/disputes/{}", matched.id));
        assert!(page.text().contains("20:00〜23:30"), "{}", page.text());
        let settled = pc.browser.submit_picked(
            &page,
            &[("how", "corrected")],
            // The selects as the page shows them (the helper reads no options), the end corrected.
            &[("start_hour", "20"), ("start_minute", "00"), ("end_hour", "22"), ("end_minute", "00")],
        );
        assert_eq!(settled.status, 302, "{}", settled.text());
        let progress = request(&app, matched.id).progress;
        assert_eq!(progress.status(), RequestStatus::Confirmed);
        let report = Report::find(&mut app.pool.get().unwrap(), matched.id).unwrap().unwrap();
        assert_eq!((report.end_minute, report.fee_yen), (1320, 1800), "{}", report.fee_detail);
        assert_eq!(report.resolved_by, Some(coordinator.id));
        assert!(report.fee_detail.contains("平日 21:00〜7:00 1時間 × 1,000円 = 1,000円"), "{}", report.fee_detail);
        assert_eq!(log_actions(&app, matched.id).last().map(String::as_str), Some("dispute_resolved"));
        let after = pc.browser.follow(&settled);
        assert!(after.text().contains("確定しました") && !after.text().contains("終わりは22時でした"), "{}", after.text());
        // A late answer by the family changes nothing.
        let late = au_reply(&family.member.email, &to, "確認");
        assert_eq!(mail_in(&app.database_url, &to, &late, &[]), 0);
        app.run_jobs();
        assert_eq!(mails_to(&app, &family.member.email, MailKind::SupportReply).len(), 2);
        assert_eq!(request(&app, matched.id).progress.status(), RequestStatus::Confirmed);
    }
}

db_test! {
    fn only_the_matched_supporter_sees_the_family_and_only_while_the_match_stands(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let yoshiko = SupporterBuilder::new("よしこ").insert(&app);
        let kazue = SupporterBuilder::new("かずえ").insert(&app);
        let neighbour = MemberBuilder::new("となり").insert(&app);
        let matched = matched_request(&app, &family, &yoshiko, slot("2030-01-07", "10:00", "12:00"));
        let mut conn = app.pool.get().unwrap();
        Offer::insert(
            &mut conn,
            &NewOffer { request_id: matched.id, supporter_id: kazue.id, wave: 1, position: 2, score: 50, reason: "", met_family: false },
        )
        .unwrap();
        drop(conn);
        let path = format!("/support/activities/{}", matched.id);
        let private = ["さくら", "柏市柏1-1-1", "090-1111-2222"];
        let sees = |page: &crate::helpers::Response| private.iter().all(|p| page.text().contains(p));
        let sees_none = |page: &crate::helpers::Response| private.iter().all(|p| !page.text().contains(p));

        let mut matched_phone = yoshiko.sign_in(&app, ua::DOCOMO_MOVA);
        let own = matched_phone.get(&path);
        assert_eq!(own.status, 200);
        assert!(sees(&own), "{}", own.text());
        for (who, agent) in [(&kazue, ua::AU), (&neighbour, ua::PC)] {
            let page = who.sign_in(&app, agent).get(&path);
            assert_eq!(page.status, 404, "{}", page.text());
            assert!(sees_none(&page), "{}", page.text());
            let report = who.sign_in(&app, agent).get(&format!("{path}/report"));
            assert_eq!(report.status, 404);
        }
        let anonymous = app.get(&path, ua::PC);
        assert_eq!(anonymous.status, 302, "login first");
        assert!(sees_none(&anonymous));
        // The family's link shows the report, never the supporter's page.
        assert_eq!(app.get(&format!("/support/h/{}", matched.family_token), ua::PC).status, 404);

        // Cancelled: her page stays, without the family's details.
        let mut conn = app.pool.get().unwrap();
        assert!(Progress::transition(&mut conn, matched.id, &[RequestStatus::Matched], RequestStatus::Cancelled).unwrap());
        drop(conn);
        let cancelled = matched_phone.get(&path);
        assert_eq!(cancelled.status, 200);
        assert!(cancelled.text().contains("取り消されました"), "{}", cancelled.text());
        assert!(sees_none(&cancelled), "{}", cancelled.text());
        let by_link = app.get(&format!("/support/h/{}", matched.supporter_token), ua::AU);
        assert!(sees_none(&by_link), "{}", by_link.text());

        // An activity that took place and was confirmed: she still sees whom she helped.
        let done = matched_request(&app, &family, &yoshiko, slot("2026-11-18", "10:00", "12:00"));
        let settings = &app.state.ctx.settings;
        let mut conn = app.pool.get().unwrap();
        let input = ReportFields::of_slot(slot("2026-11-18", "10:00", "12:00"))
            .parse(NaiveDate::from_ymd_opt(2026, 11, 18).unwrap())
            .unwrap();
        assert!(report::submit(settings, &mut conn, done.id, &input, Some(yoshiko.id)).unwrap().is_ok());
        report::answer(settings, &mut conn, done.id, &FamilyAnswer::Confirm, None).unwrap();
        drop(conn);
        assert_eq!(request(&app, done.id).progress.status(), RequestStatus::Confirmed);
        let afterwards = matched_phone.get(&format!("/support/activities/{}", done.id));
        assert_eq!(afterwards.status, 200);
        assert!(sees(&afterwards), "{}", afterwards.text());
        assert!(afterwards.text().contains("確認が済みました"), "{}", afterwards.text());
        let other = kazue.sign_in(&app, ua::AU).get(&format!("/support/activities/{}", done.id));
        assert_eq!(other.status, 404);
        app.run_jobs();
    }
}
