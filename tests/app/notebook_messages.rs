//! デジタル連絡帳, messages: a teacher's message to 2年1組 reaching exactly its guardians (one mail
//! per guardian naming all her children, in her phone's charset, with her link and reply address),
//! reads by web and by link recorded once, receipts class by class, the reminder to the unread, a
//! scheduled message waiting for its time, refused attachments with the text kept, a PDF on PC
//! and on keitai, permissions (404s) and keitai pages within budget.

use crate::helpers::builders::{
    teacher, Carrier, ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder, TestMember, TestNotebookFamily,
};
use crate::helpers::{budget, get_within_budget, spawn, ua, Response, Seed, Signed, TestApp};
use chrono::Duration;
use diesel::prelude::*;
use hiroba::db::models::notebook::recipient::Recipient;
use hiroba::db::schema::{jobs, notebook_messages, notebook_recipients, threads};
use hiroba::domain::notebook::ReadVia;
use hiroba::domain::time::jst;
use std::sync::{Arc, Barrier};

/// A school with 2年1組 (twins ゆうた and さき with はなママ on docomo and ゆうたパパ on au; めい
/// with めいママ on a PC address), 3年2組 (そら with そらママ) and the teacher of 2年1組.
struct Class21 {
    school_id: i64,
    tanaka: TestMember,
    twins: TestNotebookFamily,
    mei: TestNotebookFamily,
    sora: TestNotebookFamily,
}

fn class21(app: &TestApp) -> Class21 {
    let school = SchoolBuilder::new("柏第一小学校").gate("正門").insert(app).school;
    let tanaka = teacher(
        app,
        &school,
        MemberBuilder::new("田中先生").email("tanaka@example.jp"),
        &[(2, "1組")],
    );
    let twins = NotebookFamily::new()
        .guardian(MemberBuilder::new("はなママ").carrier(Carrier::Docomo))
        .guardian(MemberBuilder::new("ゆうたパパ").carrier(Carrier::Au))
        .child(ChildBuilder::new("ゆうた").class(2, "1組"))
        .child(ChildBuilder::new("さき").class(2, "1組"))
        .insert(app, &school);
    let mei = NotebookFamily::new()
        .guardian(MemberBuilder::new("めいママ").carrier(Carrier::Pc))
        .child(ChildBuilder::new("めい").class(2, "1組"))
        .insert(app, &school);
    let sora = NotebookFamily::new()
        .guardian(MemberBuilder::new("そらママ"))
        .child(ChildBuilder::new("そら").class(3, "2組"))
        .insert(app, &school);
    Class21 {
        school_id: school.id,
        tanaka,
        twins,
        mei,
        sora,
    }
}

/// Posts the compose form as the teacher's PC with `values` (urlencoded: a text-only message).
fn compose(pc: &mut Signed<'_>, school_id: i64, values: &[(&str, &str)]) -> Response {
    let path = format!("/notebook/schools/{school_id}/messages/new");
    let page = pc.get(&path);
    assert_eq!(page.status, 200, "{}", page.text());
    pc.browser.submit(&page, &path, values)
}

/// The thread id a compose POST redirected to.
fn sent_id(done: &Response) -> i64 {
    assert_eq!(done.status, 302, "{}", done.text());
    let location = done.header("location").unwrap();
    location
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Every mail the worker wrote so far.
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

fn recipient_of(app: &TestApp, thread_id: i64, member: &TestMember) -> Recipient {
    Recipient::of(&mut app.pool.get().unwrap(), thread_id, member.id)
        .unwrap()
        .unwrap_or_else(|| panic!("no recipient row for {}", member.email))
}

const CLASS_LETTER: &[(&str, &str)] = &[
    ("kind", "letter"),
    ("title", "遠足のお知らせ"),
    ("body", "12月10日は遠足です。お弁当と水筒をお願いします🍙"),
    ("audience", "classes"),
    ("class", "2-1組"),
    ("answers", "survey"),
    ("q1", "参加しますか"),
    ("c1", "出席／欠席"),
];

db_test! {
    fn a_message_to_2nen1kumi_reaches_exactly_its_guardians_once_each_in_their_charsets(app: Empty) {
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let thread_id = sent_id(&compose(&mut pc, c.school_id, CLASS_LETTER));
        app.run_jobs();

        let [mama, papa] = [&c.twins.guardians[0], &c.twins.guardians[1]];
        let mei_mama = &c.mei.guardians[0];
        // Keitai mail (docomo and au alike) is ISO-2022-JP, as the outbound composer writes it; a PC
        // address gets UTF-8.
        for (guardian, charset) in [(mama, "ISO-2022-JP"), (papa, "ISO-2022-JP"), (mei_mama, "UTF-8")] {
            let mails = mails_to(&app, &guardian.email);
            assert_eq!(mails.len(), 1, "one notice to {}", guardian.email);
            let (subject, body, head) = &mails[0];
            assert!(head.to_ascii_uppercase().contains(&format!("CHARSET={charset}")), "{}: {head}", guardian.email);
            let token = recipient_of(&app, thread_id, guardian).token;
            let reply = format!("nb-{token}@");
            assert!(head.contains(&format!("Reply-To: {reply}")), "{head}");
            assert!(head.contains(&format!("<{reply}")), "From is her reply address: {head}");
            assert!(subject.contains("遠足のお知らせ"), "{subject}");
            assert!(body.contains(&format!("/notebook/r/{token}")), "{body}");
            assert!(body.contains("柏第一小学校") && body.contains("アンケートへの回答をお願いします"), "{body}");
            if guardian.id == mei_mama.id {
                assert!(body.contains("めいさんの保護者の方へ"), "{body}");
            } else {
                assert!(body.contains("ゆうたさん・さきさんの保護者の方へ"), "both twins in one mail: {body}");
            }
            assert!(!body.contains("お弁当"), "the text stays on the page: {body}");
        }
        assert!(mails_to(&app, &c.sora.guardians[0].email).is_empty(), "3年2組 gets nothing");
        let rows = Recipient::of_thread(&mut app.pool.get().unwrap(), thread_id).unwrap();
        assert_eq!(rows.len(), 3, "one row per guardian: {rows:?}");
        let kids = Recipient::children_of(&mut app.pool.get().unwrap(), thread_id, Some(recipient_of(&app, thread_id, mama).id)).unwrap();
        assert_eq!(kids.iter().map(|k| k.short_name.as_str()).collect::<Vec<_>>(), ["ゆうた", "さき"]);

        // A second run of the send job changes nothing.
        hiroba::notebook::deliver::send_due(&app.state.ctx, &mut app.pool.get().unwrap(), thread_id).unwrap();
        assert_eq!(Recipient::of_thread(&mut app.pool.get().unwrap(), thread_id).unwrap().len(), 3);

        // The emoji typed on the PC arrived, and shows on a docomo page as the carrier's emoji.
        let token = recipient_of(&app, thread_id, mama).token;
        let page = get_within_budget(&app, &format!("/notebook/r/{token}"), ua::DOCOMO_FOMA_1);
        assert!(page.is_shift_jis());
        let text = page.sjis_text();
        assert!(text.contains("お弁当と水筒をお願いします") && text.contains("ゆうたさん・さきさん"), "{text}");
        assert!(text.contains(&format!("/notebook/r/{token}/answer")) && text.contains("回答する"), "{text}");
    }
}

db_test! {
    fn reads_by_web_and_by_link_are_recorded_once_and_shown_class_by_class(app: Empty) {
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let thread_id = sent_id(&compose(&mut pc, c.school_id, CLASS_LETTER));
        app.run_jobs();
        let [mama, papa] = [&c.twins.guardians[0], &c.twins.guardians[1]];

        // はなママ opens her mail's link twice at once: one read, by link.
        let token = recipient_of(&app, thread_id, mama).token;
        let barrier = Arc::new(Barrier::new(2));
        std::thread::scope(|s| {
            for _ in 0..2 {
                let barrier = Arc::clone(&barrier);
                let app = &app;
                let path = format!("/notebook/r/{token}");
                s.spawn(move || {
                    barrier.wait();
                    assert_eq!(app.get(&path, ua::DOCOMO_MOVA).status, 200);
                });
            }
        });
        let first = recipient_of(&app, thread_id, mama);
        assert_eq!(first.read_via, Some(ReadVia::Link));
        let read_at = first.read_at.unwrap();
        app.get(&format!("/notebook/r/{token}"), ua::DOCOMO_MOVA);
        assert_eq!(recipient_of(&app, thread_id, mama).read_at, Some(read_at), "a later open changes nothing");

        // ゆうたパパ logs in on his au phone: 未読 in his list, then read via web.
        let mut au = papa.sign_in(&app, ua::AU);
        let list = au.get("/notebook/messages");
        assert_eq!(list.status, 200);
        assert!(list.sjis_text().contains("【未読】") && list.sjis_text().contains("遠足のお知らせ"), "{}", list.sjis_text());
        let page = au.get(&format!("/notebook/messages/{thread_id}"));
        assert_eq!(page.status, 200);
        assert!(page.sjis_text().contains("お弁当と水筒"), "{}", page.sjis_text());
        assert_eq!(recipient_of(&app, thread_id, papa).read_via, Some(ReadVia::Web));
        assert!(!au.get("/notebook/messages").sjis_text().contains("【未読】"));

        // The teacher's pages: 既読 2/3, class by class, the unread guardian named with her child.
        let sent = pc.get(&format!("/notebook/schools/{}/messages", c.school_id));
        assert!(sent.text().contains("既読 2/3"), "{}", sent.text());
        let receipts = pc.get(&format!("/notebook/schools/{}/messages/{thread_id}", c.school_id));
        let text = receipts.text();
        assert!(text.contains("2年1組 既読 2/3"), "{text}");
        assert!(text.contains("未読 めいママさん（めい）"), "{text}");
        assert!(!text.contains("はなママ"), "read guardians are not listed: {text}");
        assert!(text.contains(&format!("/notebook/schools/{}/messages/{thread_id}/answers", c.school_id)), "{text}");

        // A forged token is a 404.
        assert_eq!(app.get("/notebook/r/abcdefghijkmnpqr", ua::DOCOMO_MOVA).status, 404);
    }
}

db_test! {
    fn the_reminder_goes_only_to_the_unread_and_not_twice_within_the_hour(app: Empty) {
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let thread_id = sent_id(&compose(&mut pc, c.school_id, CLASS_LETTER));
        app.run_jobs();
        let [mama, papa] = [&c.twins.guardians[0], &c.twins.guardians[1]];
        let mei_mama = &c.mei.guardians[0];
        let token = recipient_of(&app, thread_id, mama).token;
        assert_eq!(app.get(&format!("/notebook/r/{token}"), ua::DOCOMO_FOMA_1).status, 200);

        let path = format!("/notebook/schools/{}/messages/{thread_id}", c.school_id);
        let page = pc.get(&path);
        let done = pc.browser.submit(&page, &format!("{path}/remind"), &[]);
        let shown = pc.browser.follow(&done);
        assert!(shown.text().contains("2人に再送しました"), "{}", shown.text());
        app.run_jobs();
        assert_eq!(mails_to(&app, &mama.email).len(), 1, "she read it: no reminder");
        for guardian in [papa, mei_mama] {
            let mails = mails_to(&app, &guardian.email);
            assert_eq!(mails.len(), 2, "{}", guardian.email);
            let (subject, body, head) = &mails[1];
            assert!(subject.starts_with("【再送】"), "{subject}");
            let token = recipient_of(&app, thread_id, guardian).token;
            assert!(body.contains(&format!("/notebook/r/{token}")) && head.contains(&format!("nb-{token}@")), "{body}");
            assert!(recipient_of(&app, thread_id, guardian).reminded_at.is_some());
        }

        // A second press within the hour sends nothing more.
        let page = pc.get(&path);
        let done = pc.browser.submit(&page, &format!("{path}/remind"), &[]);
        let shown = pc.browser.follow(&done);
        assert!(shown.text().contains("再送する方はいませんでした"), "{}", shown.text());
        app.run_jobs();
        assert_eq!(mails_to(&app, &papa.email).len(), 2);
    }
}

db_test! {
    fn a_scheduled_message_waits_for_its_time(app: Empty) {
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let tomorrow = jst(hiroba::db::now()).date_naive() + Duration::days(1);
        let mut values = vec![
            ("kind", "notice"),
            ("title", "下校時刻の変更"),
            ("body", "明日は14時下校です。"),
            ("audience", "school"),
            ("answers", "none"),
            ("send_time", "07:30"),
        ];
        let day = tomorrow.to_string();
        values.push(("send_date", &day));
        let thread_id = sent_id(&compose(&mut pc, c.school_id, &values));
        app.run_jobs();
        assert!(mails_to(&app, &c.sora.guardians[0].email).is_empty(), "not before its time");
        let sent = pc.get(&format!("/notebook/schools/{}/messages", c.school_id)).text();
        assert!(sent.contains("下校時刻の変更") && sent.contains("予約"), "{sent}");
        let receipts = pc.get(&format!("/notebook/schools/{}/messages/{thread_id}", c.school_id)).text();
        assert!(receipts.contains("07:30 送信予定") && receipts.contains("まだ送信していません"), "{receipts}");
        let mut conn = app.pool.get().unwrap();
        let send_at: chrono::NaiveDateTime = notebook_messages::table.find(thread_id).select(notebook_messages::send_at).first(&mut *conn).unwrap();
        assert_eq!(jst(send_at).date_naive(), tomorrow);

        // Its time comes (the job is moved to now): the whole school gets it.
        diesel::update(jobs::table.filter(jobs::status.eq("pending")))
            .set(jobs::run_at.eq(hiroba::db::now() - Duration::seconds(1)))
            .execute(&mut *conn)
            .unwrap();
        drop(conn);
        app.run_jobs();
        for family in [&c.twins, &c.mei, &c.sora] {
            for guardian in &family.guardians {
                assert_eq!(mails_to(&app, &guardian.email).len(), 1, "{}", guardian.email);
            }
        }
        let body = &mails_to(&app, &c.sora.guardians[0].email)[0].1;
        assert!(body.contains("【連絡】下校時刻の変更") && !body.contains("回答"), "{body}");
    }
}

/// Posts the compose form with one file, as a PC uploads it.
fn compose_with_file(pc: &mut Signed<'_>, school_id: i64, values: &[(&str, &str)], file: (&str, &[u8])) -> Response {
    let path = format!("/notebook/schools/{school_id}/messages/new");
    let page = pc.get(&path);
    pc.browser.upload(&page, &path, values, ("file", file.0, file.1))
}

db_test! {
    fn refused_files_keep_the_text_and_a_pdf_reaches_pc_and_keitai(backend: Backend) {
        let app = spawn(backend, Seed::Empty, |s| s.notebook.attachment_max_bytes = 4096);
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let values = [
            ("kind", "letter"),
            ("title", "学級だより12月号"),
            ("body", "今月の予定をお送りします。"),
            ("audience", "classes"),
            ("class", "2-1組"),
            ("answers", "none"),
            ("pdf_text", "12月の予定：10日 遠足、24日 終業式"),
        ];
        let count = |app: &TestApp| -> i64 {
            threads::table.filter(threads::place.eq("notebook")).count().get_result(&mut *app.pool.get().unwrap()).unwrap()
        };
        let refused = compose_with_file(&mut pc, c.school_id, &values, ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00"));
        assert_eq!(refused.status, 200);
        let text = refused.text();
        assert!(text.contains("「setup.exe」は添付できない種類のファイルです"), "{text}");
        assert!(text.contains("学級だより12月号") && text.contains("今月の予定をお送りします。"), "what was typed is kept: {text}");
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(5000, b'x');
        let refused = compose_with_file(&mut pc, c.school_id, &values, ("big.pdf", &big));
        assert!(refused.text().contains("「big.pdf」は大きすぎます（5KB、4KBまで）"), "{}", refused.text());
        assert_eq!(count(&app), 0, "nothing written");

        let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
        let thread_id = sent_id(&compose_with_file(&mut pc, c.school_id, &values, ("dayori.pdf", pdf)));
        app.run_jobs();
        let token = recipient_of(&app, thread_id, &c.twins.guardians[0]).token;

        // On a PC the link downloads the file; on keitai the teacher's text stands in for it.
        let page = app.get(&format!("/notebook/r/{token}"), ua::PC);
        let link = crate::helpers::links(&page).into_iter().find(|l| l.contains("/attachments/")).expect("a file link");
        let file = app.get(&link, ua::PC);
        assert_eq!(file.status, 200);
        assert_eq!(file.body, pdf.to_vec());
        assert_eq!(file.header("content-type"), Some("application/pdf"));
        let keitai = get_within_budget(&app, &format!("/notebook/r/{token}"), ua::DOCOMO_MOVA_5K).sjis_text();
        assert!(keitai.contains("12月の予定：10日 遠足") && !keitai.contains("/attachments/"), "{keitai}");

        // The guardian of another class reaches neither the message nor its file.
        let attachment_id: i64 = link.rsplit('/').next().unwrap().parse().unwrap();
        let mut other = c.sora.guardians[0].sign_in(&app, ua::PC);
        assert_eq!(other.get(&format!("/notebook/messages/{thread_id}")).status, 404);
        assert_eq!(other.get(&format!("/notebook/attachments/{attachment_id}")).status, 404);
        assert_eq!(app.get(&format!("/notebook/r/{}/attachments/{attachment_id}", "abcdefghijkmnpqr"), ua::PC).status, 404);
        // Its recipients and the school's teacher do.
        let mut mama = c.twins.guardians[0].sign_in(&app, ua::PC);
        assert_eq!(mama.get(&format!("/notebook/attachments/{attachment_id}")).body, pdf.to_vec());
        assert_eq!(pc.get(&format!("/notebook/attachments/{attachment_id}")).status, 200);
    }
}

db_test! {
    fn a_teacher_of_another_school_gets_404_everywhere(app: Empty) {
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let thread_id = sent_id(&compose(&mut pc, c.school_id, CLASS_LETTER));
        app.run_jobs();
        let other_school = SchoolBuilder::new("柏第二小学校").insert(&app).school;
        let sato = teacher(&app, &other_school, MemberBuilder::new("佐藤先生").email("sato@example.jp"), &[(2, "1組")]);
        let mut other = sato.sign_in(&app, ua::PC);
        let base = format!("/notebook/schools/{}/messages", c.school_id);
        for path in [base.clone(), format!("{base}/new"), format!("{base}/{thread_id}"), format!("/notebook/messages/{thread_id}")] {
            assert_eq!(other.get(&path).status, 404, "{path}");
        }
        // Posting to another school's form writes nothing.
        let own = other.get(&format!("/notebook/schools/{}/messages/new", other_school.id));
        let body = format!("csrf={}&kind=notice&title=x&body=y&audience=school&answers=none",
            crate::helpers::forms(&own)[0].fields.iter().find(|(n, _)| n == "csrf").unwrap().1);
        assert_eq!(other.browser.post(&format!("{base}/new"), body.as_bytes()).status, 404);
        // A guardian is not staff: the school's pages are refused to her.
        let mut mama = c.twins.guardians[0].sign_in(&app, ua::PC);
        assert_ne!(mama.get(&base).status, 200);
        let count: i64 = notebook_messages::table.count().get_result(&mut *app.pool.get().unwrap()).unwrap();
        assert_eq!(count, 1);
    }
}

db_test! {
    fn keitai_pages_fit_their_budget_with_a_long_message(app: Empty) {
        let c = class21(&app);
        let mut pc = c.tanaka.sign_in(&app, ua::PC);
        let long = "運動会の持ち物と当日の流れについてお知らせします。雨天の場合は翌日に延期します。".repeat(40);
        let mut values: Vec<(&str, &str)> = CLASS_LETTER.iter().copied().filter(|(n, _)| *n != "body").collect();
        values.push(("body", &long));
        let thread_id = sent_id(&compose(&mut pc, c.school_id, &values));
        for n in 0..12 {
            let title = format!("お知らせ{n}");
            let mut values: Vec<(&str, &str)> = CLASS_LETTER.iter().copied().filter(|(n, _)| *n != "title").collect();
            values.push(("title", &title));
            compose(&mut pc, c.school_id, &values);
        }
        app.run_jobs();
        let mama = &c.twins.guardians[0];
        let token = recipient_of(&app, thread_id, mama).token;
        for agent in [ua::DOCOMO_MOVA_5K, ua::DOCOMO_FOMA_1, ua::AU, ua::SOFTBANK] {
            let limit = budget(&app, agent);
            let mut phone = mama.sign_in(&app, agent);
            let mut paths = vec!["/notebook/messages".to_string(), format!("/notebook/messages/{thread_id}")];
            paths.push(format!("/notebook/messages/{thread_id}?page=2"));
            for path in &paths {
                let page = phone.get(path);
                assert_eq!(page.status, 200, "{path} on {agent}");
                assert!(page.body.len() <= limit, "{path} on {agent}: {} > {limit}", page.body.len());
            }
            let first = get_within_budget(&app, &format!("/notebook/r/{token}"), agent);
            assert!(first.sjis_text().contains("運動会の持ち物"), "{agent}");
        }
        let mut keitai_teacher = c.tanaka.sign_in(&app, ua::DOCOMO_FOMA_2);
        for path in [format!("/notebook/schools/{}/messages", c.school_id), format!("/notebook/schools/{}/messages/{thread_id}", c.school_id)] {
            let page = keitai_teacher.get(&path);
            assert_eq!(page.status, 200);
            assert!(page.body.len() <= budget(&app, ua::DOCOMO_FOMA_2), "{path}");
        }
        let read: i64 = notebook_recipients::table.filter(notebook_recipients::read_at.is_not_null()).count().get_result(&mut *app.pool.get().unwrap()).unwrap();
        assert!(read >= 1);
    }
}
