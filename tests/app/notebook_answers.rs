//! Answers to notebook messages: a survey answered by an au ISO-2022-JP reply mail and by a docomo
//! Shift_JIS form, answered twice (the last one stays, and she is told), an unreadable reply (the
//! how-to mail, nothing stored), a stranger's address, the deadline, a free reply by mail that the
//! teacher sees and another guardian does not, the tally and the CSV bytes, who reaches what, and
//! keitai pages within their budget.

use crate::helpers::builders::{
    teacher, ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder, TestMember, TestNotebookFamily,
};
use crate::helpers::mail::{mail_in, DOMAIN};
use crate::helpers::{budget, ua, Browser, TestApp};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hiroba::db::models::inbound_mail::InboundMail;
use hiroba::db::models::notebook::answer::Answer;
use hiroba::db::models::notebook::question::Question;
use hiroba::db::models::notebook::recipient::Recipient;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::db::models::watch::child::Child;
use hiroba::db::models::watch::school::School;
use hiroba::db::now;
use hiroba::db::schema::{
    inbound_mails, notebook_messages, notebook_recipient_children, notebook_recipients, thread_comments,
};
use hiroba::domain::notebook::{Channel as AnswerChannel, ReadVia};
use hiroba::domain::post::PostTitle;
use hiroba::domain::thread::{Channel, Place};
use hiroba::domain::time::jst;
use hiroba::domain::token::posting_token;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A message as the messages part sends it: its thread, row, questions, and one recipient (with a
/// token) per guardian, naming her children.
struct Sent {
    id: i64,
    tokens: Vec<String>,
}

fn send(
    app: &TestApp,
    school: &School,
    author: &TestMember,
    answers: &str,
    questions: &[(&str, &[&str])],
    to: &[(&TestMember, Vec<&Child>)],
    until: Option<NaiveDateTime>,
) -> Sent {
    let mut conn = app.pool.get().unwrap();
    let id = Thread::insert(
        &mut conn,
        &NewThread {
            place: Place::Notebook(school.id),
            member_id: author.id,
            title: &PostTitle::parse("遠足のお知らせ").unwrap(),
            body: "12日は遠足です。",
            category: None,
            area_id: None,
            channel: Channel::Web,
            inbound_mail_id: None,
            profile: "pc",
        },
    )
    .unwrap();
    let at = now();
    diesel::insert_into(notebook_messages::table)
        .values((
            notebook_messages::thread_id.eq(id),
            notebook_messages::school_id.eq(school.id),
            notebook_messages::kind.eq("notice"),
            notebook_messages::audience.eq("school"),
            notebook_messages::answers.eq(answers),
            notebook_messages::answer_until.eq(until),
            notebook_messages::send_at.eq(at),
            notebook_messages::sent_at.eq(Some(at)),
            notebook_messages::school_year.eq(2026),
            notebook_messages::created_at.eq(at),
        ))
        .execute(&mut *conn)
        .unwrap();
    let questions: Vec<Question> = questions
        .iter()
        .enumerate()
        .map(|(i, (text, choices))| Question {
            position: i as i32 + 1,
            text: text.to_string(),
            choices: choices.iter().map(|c| c.to_string()).collect(),
        })
        .collect();
    Question::insert_all(&mut conn, id, &questions).unwrap();
    let mut tokens = Vec::new();
    for (guardian, children) in to {
        let token = posting_token();
        let recipient: i64 = diesel::insert_into(notebook_recipients::table)
            .values((
                notebook_recipients::thread_id.eq(id),
                notebook_recipients::member_id.eq(guardian.id),
                notebook_recipients::token.eq(&token),
                notebook_recipients::address.eq(Some(&guardian.email)),
            ))
            .returning(notebook_recipients::id)
            .get_result(&mut *conn)
            .unwrap();
        for child in children {
            diesel::insert_into(notebook_recipient_children::table)
                .values((
                    notebook_recipient_children::recipient_id.eq(recipient),
                    notebook_recipient_children::child_id.eq(child.id),
                ))
                .execute(&mut *conn)
                .unwrap();
        }
        tokens.push(token);
    }
    Sent { id, tokens }
}

const SURVEY: [(&str, &[&str]); 2] = [
    ("遠足に参加しますか", &["参加", "不参加"]),
    ("お弁当はありますか", &["○", "×"]),
];

/// A reply as an au phone sends it: ISO-2022-JP, 7bit, quoting the notice.
fn au_reply(from: &str, token: &str, body: &str) -> Vec<u8> {
    static N: AtomicUsize = AtomicUsize::new(1);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let (bytes, _, unmappable) = encoding_rs::ISO_2022_JP.encode(body);
    assert!(!unmappable, "{body}");
    let mut mail = format!(
        "From: {from}\r\nTo: nb-{token}@{DOMAIN}\r\nSubject: =?ISO-2022-JP?B?GyRCJWEhPCVrGyhC?=\r\n\
         Message-ID: <nb{n}-{}@ezweb.ne.jp>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n",
        std::process::id()
    )
    .into_bytes();
    mail.extend_from_slice(&bytes);
    mail.extend_from_slice(b"\r\n");
    mail
}

/// Feeds the reply through `hiroba mail-in` and runs the jobs (processing and the answer mail).
fn reply(app: &TestApp, from: &str, token: &str, body: &str) {
    let raw = au_reply(from, token, body);
    assert_eq!(
        mail_in(&app.database_url, &format!("nb-{token}@{DOMAIN}"), &raw, &[]),
        0
    );
    app.run_jobs();
}

/// The NotebookAnswer mails to an address, oldest first.
fn answers_to(app: &TestApp, address: &str) -> Vec<OutboxMail> {
    let mut mails = OutboxMail::to_recipient(&mut app.pool.get().unwrap(), address).unwrap();
    mails.retain(|m| m.kind == MailKind::NotebookAnswer.as_str());
    mails.reverse();
    mails
}

fn recipient(app: &TestApp, token: &str) -> Recipient {
    Recipient::by_token(&mut app.pool.get().unwrap(), token)
        .unwrap()
        .unwrap()
}

fn answer(app: &TestApp, token: &str) -> Option<Answer> {
    let id = recipient(app, token).id;
    Answer::of(&mut app.pool.get().unwrap(), id).unwrap()
}

/// The last inbound mail's status (processed / refused).
fn last_inbound_status(app: &TestApp) -> String {
    let id: i64 = inbound_mails::table
        .select(inbound_mails::id)
        .order(inbound_mails::id.desc())
        .first(&mut *app.pool.get().unwrap())
        .unwrap();
    InboundMail::find(&mut app.pool.get().unwrap(), id).unwrap().status
}

fn comments(app: &TestApp, thread: i64) -> Vec<(i64, String)> {
    thread_comments::table
        .filter(thread_comments::thread_id.eq(thread))
        .select((thread_comments::member_id, thread_comments::body))
        .order(thread_comments::id)
        .load(&mut *app.pool.get().unwrap())
        .unwrap()
}

/// 柏第一小学校 and its teacher of 2年1組, 田中先生.
fn school_and_teacher(app: &TestApp) -> (School, TestMember) {
    let school = SchoolBuilder::new("柏第一小学校").insert(app).school;
    let tanaka = teacher(app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
    (school, tanaka)
}

/// 山田花子 (はなママ, on au at hana@ezweb.ne.jp) and 山田ゆうた of 2年1組.
fn yamada(app: &TestApp, school: &School) -> TestNotebookFamily {
    NotebookFamily::new()
        .guardian(
            MemberBuilder::new("はなママ")
                .real_name("山田花子")
                .email("hana@ezweb.ne.jp"),
        )
        .child(ChildBuilder::new("ゆうた").name("山田ゆうた").class(2, "1組"))
        .insert(app, school)
}

/// 佐藤恵 (さとうママ, on docomo) and 佐藤さき of 2年 `class`.
fn sato(app: &TestApp, school: &School, class: &str) -> TestNotebookFamily {
    NotebookFamily::new()
        .guardian(MemberBuilder::new("さとうママ").real_name("佐藤恵"))
        .child(ChildBuilder::new("さき").name("佐藤さき").class(2, class))
        .insert(app, school)
}

db_test! {
    fn a_survey_is_answered_by_au_reply_mail_and_docomo_form_and_the_last_answer_stays(app: Empty) {
        let (school, tanaka) = school_and_teacher(&app);
        let hana = yamada(&app, &school);
        let sato = sato(&app, &school, "2組");
        let sent = send(
            &app,
            &school,
            &tanaka,
            "survey",
            &SURVEY,
            &[(&hana.guardians[0], vec![&hana.children[0]]), (&sato.guardians[0], vec![&sato.children[0]])],
            None,
        );
        let (hana_token, sato_token) = (sent.tokens[0].clone(), sent.tokens[1].clone());

        // au: 「1 2」 above the quoted notice, ISO-2022-JP.
        reply(&app, "hana@ezweb.ne.jp", &hana_token, "１　２\n\n> 1. 遠足に参加しますか\n> 1 参加 / 2 不参加\n> 2. お弁当はありますか\n> 1 ○ / 2 ×");
        let stored = answer(&app, &hana_token).expect("answer by mail");
        assert_eq!((stored.choices.stored(), stored.channel, stored.times), ("1 2".to_string(), AnswerChannel::Mail, 1));
        assert_eq!(recipient(&app, &hana_token).read_via, Some(ReadVia::Mail));
        assert_eq!(last_inbound_status(&app), "processed");
        let mails = answers_to(&app, "hana@ezweb.ne.jp");
        assert_eq!(mails.len(), 1);
        assert!(mails[0].subject.contains("回答を受け付けました"), "{}", mails[0].subject);
        assert!(mails[0].body.contains("1. 参加\n2. ×\nを受け付けました"), "{}", mails[0].body);
        assert!(mails[0].body.contains(&format!("/notebook/r/{hana_token}/answer")));
        // A reply to the answer mail reaches her reply address again (to change her answer).
        let reply_to = OutboxMail::reply_addresses(&mut app.pool.get().unwrap(), &[mails[0].id]).unwrap();
        assert_eq!(reply_to.get(&mails[0].id), Some(&format!("nb-{hana_token}@{DOMAIN}")));
        assert_eq!(mails[0].status, "sent", "composed for au and handed to the transport");

        // docomo FOMA, by the link: a Shift_JIS page with radio buttons, posted in Shift_JIS.
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_1);
        let path = format!("/notebook/r/{sato_token}/answer");
        let form = phone.get(&path);
        assert_eq!(form.status, 200);
        assert!(form.is_shift_jis());
        let text = form.text();
        assert!(text.contains("遠足に参加しますか") && text.contains("type=\"radio\" name=\"q2\""), "{text}");
        let done = phone.submit(&form, &path, &[("q1", "2"), ("q2", "1")]);
        assert_eq!(done.status, 200);
        assert!(done.text().contains("回答を受け付けました。"), "{}", done.text());
        assert_eq!(recipient(&app, &sato_token).read_via, Some(ReadVia::Link));
        // Answered twice: the last answer stays, and she is told so.
        let again = phone.submit(&done, &path, &[("q1", "1"), ("q2", "1")]);
        assert!(again.text().contains("回答を変更しました（2回目）"), "{}", again.text());
        assert!(again.text().contains("value=\"1\" checked=\"checked\""), "her answer is checked");
        let stored = answer(&app, &sato_token).unwrap();
        assert_eq!((stored.choices.stored(), stored.channel, stored.times), ("1 1".to_string(), AnswerChannel::Web, 2));
        // A question left out is refused, her pick kept, nothing changed.
        let missing = phone.submit(&again, &path, &[("q1", "2"), ("q2", "")]);
        assert!(missing.text().contains("2問目が選ばれていません"), "{}", missing.text());
        assert_eq!(answer(&app, &sato_token).unwrap().times, 2);

        // By mail again, with the choices' words: replaced, and the mail says so.
        reply(&app, "hana@ezweb.ne.jp", &hana_token, "不参加 〇\n-- \nはなママ");
        let stored = answer(&app, &hana_token).unwrap();
        assert_eq!((stored.choices.stored(), stored.times), ("2 1".to_string(), 2));
        let mails = answers_to(&app, "hana@ezweb.ne.jp");
        assert!(mails[1].body.starts_with("回答を変更しました（2回目）"), "{}", mails[1].body);

        // The tally: both answered; 参加 1, 不参加 1, ○ 2, × 0; per class.
        let mut pc = tanaka.sign_in(&app, ua::PC);
        let tally = pc.get(&format!("/notebook/schools/{}/messages/{}/answers", school.id, sent.id));
        assert_eq!(tally.status, 200);
        let text = tally.text();
        for seen in [
            "回答 2/2人",
            "参加 ■■■■■■■■■■ 1",
            "不参加 ■■■■■■■■■■ 1",
            "○ ■■■■■■■■■■ 2",
            "×  0",
            "2年1組 1/1<br>　1.参加0/不参加1 2.○1/×0",
            "2年2組 1/1<br>　1.参加1/不参加0 2.○1/×0",
            "2年1組 山田ゆうた（山田花子）",
            "1.不参加 2.○",
            "（2回目）",
        ] {
            assert!(text.contains(seen), "{seen}: {text}");
        }

        // The CSV: CP932, CRLF, a header and one row per recipient, exactly.
        let csv = pc.get(&format!("/notebook/schools/{}/messages/{}/answers.csv", school.id, sent.id));
        assert_eq!(csv.status, 200);
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=Shift_JIS"));
        assert!(csv.header("content-disposition").unwrap().contains(&format!("filename=\"answers-{}.csv\"", sent.id)));
        let at = |token: &str| jst(answer(&app, token).unwrap().answered_at).format("%Y/%m/%d %H:%M").to_string();
        let expected = format!(
            "学年,組,児童名,保護者,回答日時,1. 遠足に参加しますか,2. お弁当はありますか,経路\r\n\
             2,1組,山田ゆうた,山田花子,{},不参加,○,メール\r\n\
             2,2組,佐藤さき,佐藤恵,{},参加,○,ウェブ\r\n",
            at(&hana_token),
            at(&sato_token)
        );
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&expected);
        assert!(!unmappable);
        assert_eq!(csv.body, bytes.into_owned(), "{}", csv.sjis_text());
        app.run_jobs();
    }
}

db_test! {
    fn an_unreadable_reply_gets_the_how_to_mail_and_a_strangers_reply_is_refused(app: Empty) {
        let (school, tanaka) = school_and_teacher(&app);
        let hana = yamada(&app, &school);
        let sent = send(&app, &school, &tanaka, "survey", &SURVEY, &[(&hana.guardians[0], vec![&hana.children[0]])], None);
        let token = sent.tokens[0].clone();

        reply(&app, "hana@ezweb.ne.jp", &token, "行きます！\n> 1. 遠足に参加しますか");
        assert_eq!(answer(&app, &token), None, "nothing stored");
        assert_eq!(last_inbound_status(&app), "refused");
        reply(&app, "hana@ezweb.ne.jp", &token, "1 3");
        assert_eq!(answer(&app, &token), None);
        let mails = answers_to(&app, "hana@ezweb.ne.jp");
        assert_eq!(mails.len(), 2);
        assert!(mails[0].subject.contains("回答を読み取れませんでした"), "{}", mails[0].subject);
        for seen in ["1. 遠足に参加しますか", "1 参加 / 2 不参加", "2. お弁当はありますか", "1 ○ / 2 ×", "例：1 2", "質問は2問ですが、回答が1つありました"] {
            assert!(mails[0].body.contains(seen), "{seen}: {}", mails[0].body);
        }
        assert!(mails[1].body.contains("2問目の「3」は選択肢にありません（1〜2の番号で答えてください）"), "{}", mails[1].body);
        assert_eq!(recipient(&app, &token).read_at, None, "an unreadable reply records nothing, not even the read");

        // Someone else's address with the right token: nothing stored, she is told why.
        reply(&app, "someone@ezweb.ne.jp", &token, "1 1");
        assert_eq!(answer(&app, &token), None);
        assert_eq!(last_inbound_status(&app), "refused");
        let refused = answers_to(&app, "someone@ezweb.ne.jp");
        assert_eq!(refused.len(), 1);
        assert!(refused[0].body.contains("登録済みメールアドレスから"), "{}", refused[0].body);
        app.run_jobs();
    }
}

db_test! {
    fn after_the_deadline_answers_are_refused_politely_by_web_and_by_mail(app: Empty) {
        let (school, tanaka) = school_and_teacher(&app);
        let hana = yamada(&app, &school);
        let past = now() - chrono::Duration::hours(1);
        let sent = send(&app, &school, &tanaka, "survey", &SURVEY, &[(&hana.guardians[0], vec![&hana.children[0]])], Some(past));
        let token = sent.tokens[0].clone();
        let mut phone = hana.guardians[0].sign_in(&app, ua::AU);
        let page = phone.get(&format!("/notebook/messages/{}/answer", sent.id));
        assert_eq!(page.status, 200);
        assert!(page.text().contains("締め切りを過ぎた"), "{}", page.text());
        assert!(!page.text().contains("type=\"radio\""), "no form after the deadline");
        reply(&app, "hana@ezweb.ne.jp", &token, "1 1");
        assert_eq!(answer(&app, &token), None);
        let mails = answers_to(&app, "hana@ezweb.ne.jp");
        assert_eq!(mails.len(), 1);
        assert!(mails[0].subject.contains("締め切りを過ぎています"), "{}", mails[0].subject);
        app.run_jobs();
    }
}

db_test! {
    fn a_free_reply_by_mail_is_a_comment_the_teacher_sees_and_another_guardian_does_not(app: Empty) {
        let (school, tanaka) = school_and_teacher(&app);
        let hana = yamada(&app, &school);
        let sato = sato(&app, &school, "1組");
        let sent = send(
            &app,
            &school,
            &tanaka,
            "text",
            &[],
            &[(&hana.guardians[0], vec![&hana.children[0]]), (&sato.guardians[0], vec![&sato.children[0]])],
            None,
        );
        let (hana_token, sato_token) = (sent.tokens[0].clone(), sent.tokens[1].clone());

        reply(&app, "hana@ezweb.ne.jp", &hana_token, "ゆうたは風邪気味なので、見学させてください。\n\n----- Original Message -----\n12日は遠足です。");
        assert_eq!(
            comments(&app, sent.id),
            [(hana.guardians[0].id, "ゆうたは風邪気味なので、見学させてください。".to_string())]
        );
        let mails = answers_to(&app, "hana@ezweb.ne.jp");
        assert_eq!(mails.len(), 1);
        assert!(mails[0].subject.contains("返信を受け付けました"), "{}", mails[0].subject);
        assert_eq!(recipient(&app, &hana_token).read_via, Some(ReadVia::Mail));
        // Only the quote: the how-to mail, nothing stored.
        reply(&app, "hana@ezweb.ne.jp", &hana_token, "> 12日は遠足です。");
        assert_eq!(comments(&app, sent.id).len(), 1);
        assert!(answers_to(&app, "hana@ezweb.ne.jp")[1].subject.contains("返信を読み取れませんでした"));

        // The other guardian, on docomo (Shift_JIS form): her page has only her own reply.
        let mut phone = sato.guardians[0].sign_in(&app, ua::DOCOMO_FOMA_1);
        let path = format!("/notebook/messages/{}/answer", sent.id);
        let form = phone.get(&path);
        assert_eq!(form.status, 200);
        assert!(form.is_shift_jis());
        assert!(!form.text().contains("風邪気味"), "another guardian's reply: {}", form.text());
        let done = phone.browser.submit(&form, &path, &[("text", "了解しました。お弁当を持たせます。")]);
        assert!(done.text().contains("返信を学校に届けました。"), "{}", done.text());
        assert!(done.text().contains("了解しました。お弁当を持たせます。"), "{}", done.text());
        assert!(!done.text().contains("風邪気味"), "{}", done.text());
        let by_token = Browser::new(&app, ua::SOFTBANK).get(&format!("/notebook/r/{sato_token}/answer"));
        assert!(!by_token.text().contains("風邪気味"));
        // Too long: refused with the reason, what she typed kept.
        let long = "あ".repeat(501);
        let refused = phone.browser.submit(&done, &path, &[("text", &long)]);
        assert!(refused.text().contains("返信は500文字までです。"), "{}", refused.text());
        assert!(refused.text().contains(&long));
        let empty = phone.browser.submit(&refused, &path, &[("text", "　")]);
        assert!(empty.text().contains("返信を入力してください。"), "{}", empty.text());
        assert_eq!(comments(&app, sent.id).len(), 2);

        // The teacher sees both replies with the children and guardians.
        let mut pc = tanaka.sign_in(&app, ua::PC);
        let tally = pc.get(&format!("/notebook/schools/{}/messages/{}/answers", school.id, sent.id));
        let text = tally.text();
        for seen in ["回答 2/2人", "2年1組 山田ゆうた（山田花子）", "風邪気味なので", "2年1組 佐藤さき（佐藤恵）", "お弁当を持たせます"] {
            assert!(text.contains(seen), "{seen}: {text}");
        }
        app.run_jobs();
    }
}

db_test! {
    fn only_recipients_and_the_schools_staff_reach_answers(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let other = SchoolBuilder::new("柏第二小学校").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
        let suzuki = teacher(&app, &other, MemberBuilder::new("鈴木先生"), &[(2, "1組")]);
        let hana = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let stranger = NotebookFamily::new()
            .guardian(MemberBuilder::new("よそのママ"))
            .child(ChildBuilder::new("けん").class(2, "1組"))
            .insert(&app, &school);
        let sent = send(&app, &school, &tanaka, "survey", &SURVEY, &[(&hana.guardians[0], vec![&hana.children[0]])], None);

        let mut theirs = stranger.guardians[0].sign_in(&app, ua::PC);
        assert_eq!(theirs.get(&format!("/notebook/messages/{}/answer", sent.id)).status, 404);
        assert_eq!(theirs.get("/notebook/r/abcdefghjkmnpqrs/answer").status, 404);
        assert_eq!(theirs.get("/notebook/r/..%2Fetc/answer").status, 404);
        let tally = format!("/notebook/schools/{}/messages/{}/answers", school.id, sent.id);
        assert_eq!(theirs.get(&tally).status, 403, "guardians have no school pages");

        let mut other_teacher = suzuki.sign_in(&app, ua::PC);
        assert_eq!(other_teacher.get(&tally).status, 404);
        assert_eq!(other_teacher.get(&format!("{tally}.csv")).status, 404);
        // Her own school's URL with another school's message.
        assert_eq!(
            other_teacher.get(&format!("/notebook/schools/{}/messages/{}/answers", other.id, sent.id)).status,
            404
        );
        let mut own = tanaka.sign_in(&app, ua::PC);
        assert_eq!(own.get(&tally).status, 200);
        assert_eq!(own.get(&format!("{tally}.csv")).status, 200);
        let mut hers = hana.guardians[0].sign_in(&app, ua::PC);
        assert_eq!(hers.get(&format!("/notebook/messages/{}/answer", sent.id)).status, 200);
    }
}

db_test! {
    fn keitai_pages_fit_their_budget_with_many_answers(app: Empty) {
        let (school, tanaka) = school_and_teacher(&app);
        let families: Vec<_> = (0..60)
            .map(|i| {
                NotebookFamily::new()
                    .guardian(MemberBuilder::new(&format!("ママ{i}")).real_name(&format!("保護者 {i}番")))
                    .child(ChildBuilder::new(&format!("こども{i}")).name(&format!("柏 こども{i}")).class(2, "1組"))
                    .insert(&app, &school)
            })
            .collect();
        let to: Vec<_> = families.iter().map(|f| (&f.guardians[0], vec![&f.children[0]])).collect();
        let sent = send(&app, &school, &tanaka, "survey", &SURVEY, &to, None);
        let mut conn = app.pool.get().unwrap();
        for (i, token) in sent.tokens.iter().enumerate().take(50) {
            let r = Recipient::by_token(&mut conn, token).unwrap().unwrap();
            let body = if i % 2 == 0 { "1 1" } else { "不参加 ×" };
            let done = hiroba::notebook::answers::record_text(&mut conn, &r, body, AnswerChannel::Mail).unwrap();
            assert!(done.is_ok(), "{done:?}");
        }
        drop(conn);

        let limit = budget(&app, ua::DOCOMO_MOVA_5K);
        let mut phone = tanaka.sign_in(&app, ua::DOCOMO_MOVA_5K);
        let path = format!("/notebook/schools/{}/messages/{}/answers", school.id, sent.id);
        let first = phone.get(&path);
        assert_eq!(first.status, 200);
        assert!(first.body.len() <= limit, "{} > {limit}", first.body.len());
        let text = first.text();
        assert!(text.contains("回答 50/60人") && text.contains("2年1組 50/60"), "{text}");
        assert!(text.contains("参加 ■■■■■■■■■■ 25") && text.contains("不参加 ■■■■■■■■■■ 25"), "{text}");
        assert!(text.contains("page=2"), "60 answers do not fit one 5 KB page: {text}");
        let mut seen = 0;
        for page in 1..=10 {
            let p = phone.get(&format!("{path}?page={page}"));
            assert_eq!(p.status, 200);
            assert!(p.body.len() <= limit, "page {page}: {} > {limit}", p.body.len());
            seen += p.text().matches("（保護者 ").count();
            if !p.text().contains(&format!("page={}", page + 1)) {
                break;
            }
        }
        assert_eq!(seen, 60, "every recipient on some page");
        for token in &sent.tokens[..2] {
            let form = Browser::new(&app, ua::DOCOMO_MOVA_5K).get(&format!("/notebook/r/{token}/answer"));
            assert_eq!(form.status, 200);
            assert!(form.body.len() <= limit);
        }
    }
}

db_test! {
    fn two_answers_at_once_are_both_counted_and_one_of_them_stays(app: Empty) {
        let (school, tanaka) = school_and_teacher(&app);
        let hana = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let sent = send(&app, &school, &tanaka, "survey", &SURVEY, &[(&hana.guardians[0], vec![&hana.children[0]])], None);
        let mine = recipient(&app, &sent.tokens[0]);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let answers = ["1 1", "2 2"];
        std::thread::scope(|scope| {
            for body in answers {
                let (pool, barrier, mine) = (app.pool.clone(), barrier.clone(), mine.clone());
                scope.spawn(move || {
                    let mut conn = pool.get().unwrap();
                    barrier.wait();
                    let done = hiroba::notebook::answers::record_text(&mut conn, &mine, body, AnswerChannel::Web).unwrap();
                    assert!(matches!(done, Ok(hiroba::notebook::answers::Outcome::Recorded { .. })), "{done:?}");
                });
            }
        });
        let stored = answer(&app, &sent.tokens[0]).unwrap();
        assert_eq!(stored.times, 2, "both answers counted");
        assert!(answers.contains(&stored.choices.stored().as_str()), "{stored:?}");
        assert_eq!(recipient(&app, &sent.tokens[0]).read_via, Some(ReadVia::Web));
    }
}
