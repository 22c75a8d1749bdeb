//! 利用状況: what was done over HTTP and in the database shows up in the coordinators' report and
//! its Shift_JIS CSV, and only coordinators may see it.

use crate::helpers::Browser;
use crate::helpers::{ua, Response, TestApp};
use hiroba::db::models::community::Community;
use hiroba::db::models::mail_bounce;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::db::models::thread_comment::ThreadComment;
use hiroba::demo::DEMO_PASSWORD;
use hiroba::domain::post::{Category, CommentBody, PostTitle};
use hiroba::domain::thread::{Channel, Place};
use std::collections::HashMap;

/// What the CSV for yesterday to tomorrow says (so a run across midnight still adds up): the column
/// sums of the periods, and the rows by device profile name.
fn totals(coordinator: &mut Browser<'_>) -> (Vec<i64>, HashMap<String, Vec<i64>>) {
    let today = chrono::Utc::now()
        .with_timezone(&hiroba::domain::time::JST)
        .date_naive();
    let (from, to) = (today - chrono::Duration::days(1), today + chrono::Duration::days(1));
    let res = coordinator.get(&format!("/admin/stats.csv?from={from}&to={to}&by=day"));
    assert_eq!(res.status, 200, "{}", res.text());
    assert!(res.header("content-type").unwrap().contains("Shift_JIS"));
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&res.body);
    assert!(!bad);
    let (periods, profiles) = text.split_once("\r\n\r\n").expect("two tables");
    let table = |block: &str, header: &str| -> Vec<(String, Vec<i64>)> {
        let mut lines = block.split("\r\n").filter(|l| !l.is_empty());
        assert_eq!(lines.next().unwrap(), header);
        lines
            .map(|l| {
                let mut cells = l.split(',');
                let name = cells.next().unwrap().to_string();
                (name, cells.map(|n| n.parse().unwrap()).collect())
            })
            .collect()
    };
    let rows = table(
        periods,
        "期間,ページビュー,利用した会員,新規登録,投稿（Web）,投稿（メール）,コメント,送信メール,不達メール",
    );
    assert_eq!(rows.len(), 3, "{text}");
    let sums = (0..8).map(|i| rows.iter().map(|r| r.1[i]).sum()).collect();
    let by_profile = table(profiles, "機種,ページビュー,投稿（Web）,投稿（メール）,コメント");
    (sums, by_profile.into_iter().collect())
}

/// How a profile's row changed (a profile that was not there counts from zero).
fn profile_delta(before: &HashMap<String, Vec<i64>>, after: &HashMap<String, Vec<i64>>, name: &str) -> Vec<i64> {
    let zero = vec![0; 4];
    let (a, b) = (after.get(name).unwrap_or(&zero), before.get(name).unwrap_or(&zero));
    a.iter().zip(b).map(|(a, b)| a - b).collect()
}

fn is_page(res: &Response) -> bool {
    res.status == 200 && res.header("content-type").is_some_and(|t| t.contains("html"))
}

fn flush(app: &TestApp) {
    hiroba::stats::counter::flush_now(&app.state.page_views, &app.pool);
}

db_test! {
    fn the_report_counts_pages_members_posts_and_mail(app) {
        let mut coordinator = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut coordinator, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        flush(&app);
        let (before, profiles_before) = totals(&mut coordinator);

        // Pages: three anonymous ones on a docomo phone, and a member's on a PC.
        let mut pages = 0;
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_2);
        for path in ["/", "/help/mail", "/"] {
            pages += usize::from(is_page(&phone.get(path)));
        }
        let mut mama = Browser::new(&app, ua::PC);
        pages += usize::from(is_page(&mama.get("/login")));
        let done = crate::helpers::log_in(&mut mama, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        pages += usize::from(is_page(&done)) + 1; // log_in's own GET of /login
        pages += usize::from(is_page(&mama.get("/mypage")));
        // An image and a refused page are not page views.
        assert_eq!(mama.get("/qr/site").status, 200);
        assert_eq!(phone.get("/admin/stats").status, 302);

        let mut conn = app.pool.get().unwrap();
        let member = hiroba::db::models::mail_address::MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        let posts = [
            ("公園の砂場", Channel::Web, "docomo"),
            ("雨の日の児童館", Channel::Mail, "au"),
            ("小児科の待ち時間", Channel::Mail, "docomo"),
        ];
        for (title, channel, profile) in posts {
            let title = PostTitle::parse(title).unwrap();
            let new = NewThread {
                place: Place::Portal,
                member_id: member,
                title: &title,
                body: "本文",
                category: Some(Category::Play),
                area_id: None,
                channel,
                inbound_mail_id: None,
                profile,
            };
            let post = Thread::insert(&mut conn, &new).unwrap();
            if channel == Channel::Web {
                ThreadComment::insert(&mut conn, post, member, &CommentBody::parse("行ってみます").unwrap(), "pc").unwrap();
            }
        }
        // A community topic by mail from a SoftBank phone and a comment on it count as a post and a comment.
        let community = Community::approved(&mut conn, None).unwrap()[0].id;
        let title = PostTitle::parse("雨の日の遊び場").unwrap();
        let topic = NewThread {
            place: Place::Community(community),
            member_id: member,
            title: &title,
            body: "本文",
            category: None,
            area_id: None,
            channel: Channel::Mail,
            inbound_mail_id: None,
            profile: "softbank",
        };
        let topic = Thread::insert(&mut conn, &topic).unwrap();
        ThreadComment::insert(&mut conn, topic, member, &CommentBody::parse("いいですね").unwrap(), "softbank").unwrap();
        OutboxMail::queue(&mut conn, MailKind::TestMail, "someone@example.jp", "テスト", "本文").unwrap();
        mail_bounce::record(&mut conn, None, "gone@docomo.ne.jp", "docomo", Some("5.1.1"), "unknown_user").unwrap();
        drop(conn);
        app.run_jobs();
        flush(&app);

        let (after, profiles_after) = totals(&mut coordinator);
        let delta: Vec<i64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
        assert_eq!(delta[0], pages as i64, "page views");
        assert_eq!(delta[1], 1, "hana.mama is the one member who used the site meanwhile");
        assert_eq!(&delta[2..], &[0, 1, 3, 2, 1, 1], "registrations, web posts, mail posts, comments, sent, bounced");
        assert!(after[2] >= 6, "the demo members registered today");
        // By device profile: views, web posts, mail posts, comments.
        let delta = |name| profile_delta(&profiles_before, &profiles_after, name);
        assert_eq!(delta("ドコモ（iモード）"), [3, 1, 1, 0]);
        assert_eq!(delta("au（EZweb）"), [0, 0, 1, 0]);
        assert_eq!(delta("パソコン"), [pages as i64 - 3, 0, 0, 1]);
        assert_eq!(delta("ソフトバンク（Yahoo!ケータイ）"), [0, 0, 1, 1]);

        // The page itself, with charts, for coordinators only.
        let page = coordinator.get("/admin/stats?by=week");
        assert_eq!(page.status, 200);
        let text = page.text();
        assert!(text.contains("<svg") && text.contains("機種別") && text.contains("ドコモ"), "{text}");
        let bad = coordinator.get("/admin/stats?from=2026-12-01&to=2026-11-01");
        assert!(bad.text().contains("終わりの日付が始まりより前です"));
        assert_eq!(mama.get("/admin/stats").status, 403);
        assert_eq!(mama.get("/admin/stats.csv").status, 403);
    }
}
