//! 欠席・遅刻・早退連絡: the form from a docomo phone (Shift_JIS), mails from SoftBank phones for a
//! one-child and a two-child family, a stranger refused, the teacher's 確認 and its mail (two
//! teachers at once: one mail), and who reaches what.

use crate::helpers::builders::{teacher, Carrier, ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder};
use crate::helpers::mail::{mail_in, DOMAIN};
use crate::helpers::{budget, forms, ua, TestApp};
use diesel::prelude::*;
use hiroba::db::models::notebook::absence::{Absence, NewAbsence};
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::schema::{inbound_mails, notebook_absences};
use hiroba::domain::notebook::{AbsenceKind, Channel};
use hiroba::domain::time::jst;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Barrier;

fn today() -> chrono::NaiveDate {
    jst(hiroba::db::now()).date_naive()
}

fn absences(app: &TestApp) -> Vec<Absence> {
    notebook_absences::table
        .order(notebook_absences::id)
        .select(Absence::as_select())
        .load(&mut *app.pool.get().unwrap())
        .unwrap()
}

/// Mails queued to `address` of `kind`, oldest first.
fn mails_to(app: &TestApp, address: &str, kind: MailKind) -> Vec<OutboxMail> {
    let mut mails = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), address).unwrap();
    mails.retain(|m| m.kind == kind.as_str());
    mails.sort_by_key(|m| m.id);
    mails
}

fn last_inbound_status(app: &TestApp) -> String {
    inbound_mails::table
        .order(inbound_mails::id.desc())
        .select(inbound_mails::status)
        .first(&mut *app.pool.get().unwrap())
        .unwrap()
}

/// A mail as a SoftBank 3G phone sends it: headers without a space after the colon, no Subject,
/// the body in Shift_JIS (8bit) or UTF-8 (base64).
fn softbank_mail(from: &str, to: &str, subject: Option<&str>, body: &str, utf8: bool) -> Vec<u8> {
    static N: AtomicUsize = AtomicUsize::new(1);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let mut head = format!("From:{from}\r\nTo:{to}\r\n");
    if let Some(subject) = subject {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(subject.as_bytes());
        head.push_str(&format!("Subject:=?UTF-8?B?{encoded}?=\r\n"));
    }
    head.push_str(&format!(
        "Date:Thu, 03 Dec 2026 07:30:00 +0900\r\nMessage-ID:<abs{n}-{}@softbank.ne.jp>\r\nMIME-Version:1.0\r\n",
        std::process::id()
    ));
    let mut mail;
    if utf8 {
        use base64::Engine;
        head.push_str("Content-Type:text/plain; charset=UTF-8\r\nContent-Transfer-Encoding:base64\r\n\r\n");
        mail = head.into_bytes();
        mail.extend_from_slice(
            base64::engine::general_purpose::STANDARD
                .encode(body.as_bytes())
                .as_bytes(),
        );
    } else {
        head.push_str("Content-Type:text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding:8bit\r\n\r\n");
        mail = head.into_bytes();
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(body);
        assert!(!unmappable, "{body}");
        mail.extend_from_slice(&bytes);
    }
    mail.extend_from_slice(b"\r\n");
    mail
}

fn absence_address(token: &str) -> String {
    format!("abs-{token}@{DOMAIN}")
}

db_test! {
    fn a_guardian_reports_on_a_docomo_phone_and_a_past_day_is_refused_with_her_text_kept(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app).school;
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ").carrier(Carrier::Docomo))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let other = NotebookFamily::new()
            .guardian(MemberBuilder::new("よそのママ"))
            .child(ChildBuilder::new("たろう").class(2, "1組"))
            .insert(&app, &school);
        let yuta = &family.children[0];
        let mut phone = family.guardians[0].sign_in(&app, ua::DOCOMO_FOMA_1);
        let form = phone.get("/notebook/absences/new");
        assert_eq!(form.status, 200);
        assert!(form.is_shift_jis());
        let text = form.text();
        for seen in ["ゆうた（2年1組）", "欠席", "遅刻", "早退", "発熱", "通院", "家庭の都合", &absence_address(&family.family.mail_token)] {
            assert!(text.contains(seen), "{seen}: {text}");
        }
        assert!(form.body.len() <= budget(&app, ua::DOCOMO_FOMA_1), "{} bytes", form.body.len());

        let child = yuta.id.to_string();
        let past = phone.browser.submit(&form, "/notebook/absences/new", &[
            ("child", &child), ("when", "date"), ("date", "2020/1/10"), ("kind", "absent"),
            ("reason", "発熱"), ("note", "熱が38度あります"),
        ]);
        assert_eq!(past.status, 200);
        let text = past.text();
        assert!(text.contains("過ぎた日の連絡はできません"), "{text}");
        assert!(text.contains("熱が38度あります"), "the note is kept: {text}");
        assert!(text.contains("2020/1/10"), "the date is kept: {text}");
        let far = phone.browser.submit(&past, "/notebook/absences/new", &[
            ("child", &child), ("when", "date"), ("date", &(today() + chrono::Duration::days(45)).format("%Y/%m/%d").to_string()),
            ("kind", "absent"), ("reason", "発熱"), ("note", "熱"),
        ]);
        assert!(far.text().contains("30日先まで"), "{}", far.text());
        assert!(absences(&app).is_empty(), "nothing is written for a refused day");

        // Another family's child does not exist for her.
        let foreign = phone.browser.submit(&form, "/notebook/absences/new", &[
            ("child", &other.children[0].id.to_string()), ("when", "today"), ("date", ""), ("kind", "absent"),
            ("reason", "発熱"), ("note", ""),
        ]);
        assert_eq!(foreign.status, 404);
        assert!(absences(&app).is_empty());

        let sent = phone.browser.submit(&far, "/notebook/absences/new", &[
            ("child", &child), ("when", "today"), ("date", ""), ("kind", "late"),
            ("reason", "通院"), ("note", "病院に寄ってから10時ごろ登校します"),
        ]);
        assert_eq!(sent.status, 302, "{}", sent.text());
        let list = phone.browser.follow(&sent);
        assert!(list.is_shift_jis());
        let text = list.text();
        for seen in ["連絡を受け付けました", "ゆうた 遅刻（通院）", "10時ごろ登校します", "【未確認】"] {
            assert!(text.contains(seen), "{seen}: {text}");
        }
        let stored = absences(&app);
        assert_eq!(stored.len(), 1);
        let a = &stored[0];
        assert_eq!((a.child_id, a.day, a.kind(), a.channel()), (yuta.id, today(), AbsenceKind::Late, Channel::Web));
        assert_eq!((a.reason.as_str(), a.member_id), ("通院", Some(family.guardians[0].id)));
        assert!(a.note.contains("10時ごろ"));
    }
}

db_test! {
    fn a_softbank_mail_from_a_one_child_family_is_todays_absence_and_a_stranger_is_refused(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app).school;
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ").carrier(Carrier::SoftBank))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let mama = &family.guardians[0].email;
        let to = absence_address(&family.family.mail_token);

        let stranger = "stranger@softbank.ne.jp";
        let raw = softbank_mail(stranger, &to, None, "ゆうた 熱があるので休みます", false);
        assert_eq!(mail_in(&app.database_url, &to, &raw, &[]), 0);
        app.run_jobs();
        assert!(absences(&app).is_empty(), "a stranger's mail stores nothing");
        assert_eq!(last_inbound_status(&app), "refused");
        let refused = mails_to(&app, stranger, MailKind::AbsenceReply);
        assert_eq!(refused.len(), 1);
        assert!(refused[0].body.contains("登録した保護者のメールアドレスから"), "{}", refused[0].body);

        let raw = softbank_mail(mama, &to, None, "熱があるので休みます。よろしくお願いします", false);
        assert_eq!(mail_in(&app.database_url, &to, &raw, &[]), 0);
        app.run_jobs();
        let stored = absences(&app);
        assert_eq!(stored.len(), 1);
        let a = &stored[0];
        assert_eq!((a.child_id, a.day, a.kind(), a.channel()), (family.children[0].id, today(), AbsenceKind::Absent, Channel::Mail));
        assert_eq!(a.reason, "発熱");
        assert!(a.note.contains("熱があるので休みます"), "{}", a.note);
        assert_eq!(last_inbound_status(&app), "processed");
        let replies = mails_to(&app, mama, MailKind::AbsenceReply);
        assert_eq!(replies.len(), 1);
        assert_eq!(replies[0].subject, "ゆうたさんの欠席連絡を受け付けました");
        assert!(replies[0].body.contains("理由：発熱"), "{}", replies[0].body);
    }
}

db_test! {
    fn in_a_two_child_family_the_name_chooses_and_no_name_asks_again(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app).school;
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ").carrier(Carrier::SoftBank))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .child(ChildBuilder::new("さき").name("山田 咲").class(4, "2組"))
            .insert(&app, &school);
        let mama = &family.guardians[0].email;
        let to = absence_address(&family.family.mail_token);

        let raw = softbank_mail(mama, &to, None, "熱があるので休みます", true);
        assert_eq!(mail_in(&app.database_url, &to, &raw, &[]), 0);
        app.run_jobs();
        assert!(absences(&app).is_empty(), "nothing is guessed");
        assert_eq!(last_inbound_status(&app), "refused");
        let asked = mails_to(&app, mama, MailKind::AbsenceReply);
        assert_eq!(asked.len(), 1);
        assert!(asked[0].subject.contains("どのお子さん"), "{}", asked[0].subject);
        assert!(asked[0].body.contains("ゆうた、さき"), "the children are listed: {}", asked[0].body);

        // Her name in the subject (UTF-8, as an iPhone-era SoftBank sends it), katakana in the body.
        let raw = softbank_mail(mama, &to, Some("サキ"), "明日 遅れて行きます", true);
        assert_eq!(mail_in(&app.database_url, &to, &raw, &[]), 0);
        app.run_jobs();
        let stored = absences(&app);
        assert_eq!(stored.len(), 1);
        let a = &stored[0];
        assert_eq!((a.child_id, a.day, a.kind()), (family.children[1].id, today() + chrono::Duration::days(1), AbsenceKind::Late));
        let replies = mails_to(&app, mama, MailKind::AbsenceReply);
        assert_eq!(replies.last().unwrap().subject, "さきさんの遅刻連絡を受け付けました");

        // Both named: asked again.
        let raw = softbank_mail(mama, &to, None, "ゆうたとさき、二人とも休みます", false);
        assert_eq!(mail_in(&app.database_url, &to, &raw, &[]), 0);
        app.run_jobs();
        assert_eq!(absences(&app).len(), 1);
        assert!(mails_to(&app, mama, MailKind::AbsenceReply).last().unwrap().subject.contains("どのお子さん"));
    }
}

db_test! {
    fn a_teacher_confirms_and_the_guardians_get_one_mail_even_when_two_press_at_once(app: Empty) {
        let built = SchoolBuilder::new("柏第一小学校").gate("正門").insert(&app);
        let school = built.school;
        let other_school = SchoolBuilder::new("柏第二小学校").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生").carrier(Carrier::Pc), &[(2, "1組")]);
        let suzuki = teacher(&app, &school, MemberBuilder::new("鈴木先生").carrier(Carrier::Pc), &[(4, "2組")]);
        let stranger = teacher(&app, &other_school, MemberBuilder::new("佐藤先生").carrier(Carrier::Pc), &[(2, "1組")]);
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ").carrier(Carrier::Docomo))
            .guardian(MemberBuilder::new("ゆうたパパ").carrier(Carrier::Au))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .child(ChildBuilder::new("さき").class(4, "2組"))
            .insert(&app, &school);
        let record = |child: i64, kind: AbsenceKind, note: &str| {
            hiroba::notebook::absence::record(&mut app.pool.get().unwrap(), &NewAbsence {
                child_id: child,
                member_id: family.guardians[0].id,
                day: today(),
                kind,
                reason: "発熱".into(),
                note: note.into(),
                channel: Channel::Web,
                inbound_mail_id: None,
            }).unwrap()
        };
        let yuta = record(family.children[0].id, AbsenceKind::Absent, "熱が38度あります");
        let saki = record(family.children[1].id, AbsenceKind::Early, "3時間目で早退します");

        let path = format!("/notebook/schools/{}/absences", school.id);
        let mut pc = suzuki.sign_in(&app, ua::PC);
        let page = pc.get(&path);
        assert_eq!(page.status, 200);
        let text = page.text();
        for seen in ["さき（山田 さき）", "早退", "ゆうた（山田 ゆうた）", "熱が38度あります", "確認しました", "ウェブ"] {
            assert!(text.contains(seen), "{seen}: {text}");
        }
        assert!(text.find("4年2組").unwrap() < text.find("2年1組").unwrap(), "her own class first: {text}");

        // Two teachers press 確認しました for ゆうた at the same moment.
        let mut other = tanaka.sign_in(&app, ua::PC);
        let other_page = other.get(&path);
        let action = format!("/notebook/schools/{}/absences/{yuta}/confirm", school.id);
        let barrier = Barrier::new(2);
        let (a, b) = std::thread::scope(|s| {
            let first = s.spawn(|| {
                barrier.wait();
                pc.browser.submit(&page, &action, &[])
            });
            let second = s.spawn(|| {
                barrier.wait();
                other.browser.submit(&other_page, &action, &[])
            });
            (first.join().unwrap(), second.join().unwrap())
        });
        assert_eq!((a.status, b.status), (200, 200));
        let texts = [a.text(), b.text()];
        assert_eq!(texts.iter().filter(|t| t.contains("保護者にメールでお知らせします")).count(), 1, "{texts:?}");
        assert_eq!(texts.iter().filter(|t| t.contains("ほかの先生が確認済み")).count(), 1, "{texts:?}");
        for guardian in &family.guardians {
            let mails = mails_to(&app, &guardian.email, MailKind::AbsenceConfirmed);
            assert_eq!(mails.len(), 1, "one mail to {}", guardian.email);
            assert_eq!(mails[0].subject, "ゆうたさんの欠席連絡を先生が確認しました");
        }
        let after = pc.get(&path).text();
        assert!(after.contains("確認済み"), "{after}");
        let mut mama = family.guardians[0].sign_in(&app, ua::DOCOMO_FOMA_1);
        let list = mama.get("/notebook/absences").text();
        assert!(list.contains("【確認済み】"), "{list}");
        assert!(list.contains("【未確認】"), "さき's notice is not confirmed yet: {list}");

        // Another school's teacher and a guardian find nothing there.
        let mut outsider = stranger.sign_in(&app, ua::PC);
        assert_eq!(outsider.get(&path).status, 404);
        let outsider_confirm = format!("/notebook/schools/{}/absences/{saki}/confirm", other_school.id);
        let own = outsider.get(&format!("/notebook/schools/{}/absences", other_school.id));
        assert_eq!(own.status, 200);
        assert!(!own.text().contains("さき"), "{}", own.text());
        // With her own session's token (from her own school's not-arrived list), still nothing.
        ChildBuilder::new("じろう").insert(&app, &other_school);
        let times = hiroba::db::models::watch::school::SchoolTimes { late_after: 0, ..other_school.times() };
        hiroba::db::models::watch::school::School::update_times(&mut app.pool.get().unwrap(), other_school.id, &times).unwrap();
        let own_list = outsider.get(&format!("/notebook/schools/{}/not-arrived", other_school.id));
        let token = forms(&own_list)
            .into_iter()
            .flat_map(|f| f.fields)
            .find(|(name, _)| name == "csrf")
            .map(|(_, value)| value)
            .expect("a form with her token");
        let refused = outsider.browser.post(&outsider_confirm, format!("csrf={token}").as_bytes());
        assert_eq!(refused.status, 404);
        let across = format!("/notebook/schools/{}/absences/{saki}/confirm", school.id);
        assert_eq!(outsider.browser.post(&across, format!("csrf={token}").as_bytes()).status, 404);
        assert_eq!(mama.get(&path).status, 404);
        assert!(Absence::find(&mut app.pool.get().unwrap(), saki).unwrap().unwrap().confirmed_at.is_none());

        // On a keitai the teacher's page fits.
        let mut keitai = suzuki.sign_in(&app, ua::DOCOMO_MOVA);
        let small = keitai.get(&path);
        assert_eq!(small.status, 200);
        assert!(small.is_shift_jis());
        assert!(small.body.len() <= budget(&app, ua::DOCOMO_MOVA), "{} bytes", small.body.len());
        app.run_jobs();
    }
}
