//! 利用状況: what was done over HTTP and in the database shows up in the coordinators' report and
//! its Shift_JIS CSV, and only coordinators may see it.

use crate::browser::Browser;
use crate::helpers::{ua, Response, TestApp};
use hiroba::db::models::mail_bounce;
use hiroba::db::models::outbox::{MailKind, OutboxMail};
use hiroba::db::models::post::{Channel, NewPost, Post};
use hiroba::db::models::post_comment::PostComment;
use hiroba::demo::DEMO_PASSWORD;
use hiroba::domain::post::{Category, CommentBody, PostTitle};

/// The column sums of the CSV for yesterday to tomorrow (so a run across midnight still adds up).
fn totals(coordinator: &mut Browser<'_>) -> Vec<i64> {
    let today = chrono::Utc::now()
        .with_timezone(&hiroba::domain::time::JST)
        .date_naive();
    let (from, to) = (today - chrono::Duration::days(1), today + chrono::Duration::days(1));
    let res = coordinator.get(&format!("/admin/stats.csv?from={from}&to={to}&by=day"));
    assert_eq!(res.status, 200, "{}", res.text());
    assert!(res.header("content-type").unwrap().contains("Shift_JIS"));
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&res.body);
    assert!(!bad);
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(
        lines.next().unwrap(),
        "期間,ページビュー,利用した会員,新規登録,投稿（Web）,投稿（メール）,コメント,送信メール,不達メール"
    );
    let rows: Vec<Vec<i64>> = lines
        .map(|l| l.split(',').skip(1).map(|n| n.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    (0..8).map(|i| rows.iter().map(|r| r[i]).sum()).collect()
}

fn is_page(res: &Response) -> bool {
    res.status == 200 && res.header("content-type").is_some_and(|t| t.contains("html"))
}

fn flush(app: &TestApp) {
    hiroba::stats::counter::flush_now(&app.state);
}

db_test! {
    fn the_report_counts_pages_members_posts_and_mail(app) {
        let mut coordinator = Browser::new(&app, ua::PC);
        crate::accounts::log_in(&mut coordinator, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        flush(&app);
        let before = totals(&mut coordinator);

        // Pages: three anonymous ones on a docomo phone, and a member's on a PC.
        let mut pages = 0;
        let mut phone = Browser::new(&app, ua::DOCOMO_FOMA_2);
        for path in ["/", "/help/mail", "/"] {
            pages += usize::from(is_page(&phone.get(path)));
        }
        let mut mama = Browser::new(&app, ua::PC);
        pages += usize::from(is_page(&mama.get("/login")));
        let done = crate::accounts::log_in(&mut mama, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        pages += usize::from(is_page(&done)) + 1; // log_in's own GET of /login
        pages += usize::from(is_page(&mama.get("/mypage")));
        // An image and a refused page are not page views.
        assert_eq!(mama.get("/qr/site").status, 200);
        assert_eq!(phone.get("/admin/stats").status, 302);

        let mut conn = app.pool.get().unwrap();
        let member = hiroba::db::models::mail_address::MailAddress::find(&mut conn, "hana.mama@docomo.ne.jp").unwrap().unwrap().member_id;
        for (title, channel) in [("公園の砂場", Channel::Web), ("雨の日の児童館", Channel::Mail), ("小児科の待ち時間", Channel::Mail)] {
            let title = PostTitle::parse(title).unwrap();
            let new = NewPost {
                member_id: member,
                title: &title,
                body: "本文",
                category: Category::Play,
                area_id: None,
                channel,
                inbound_mail_id: None,
            };
            let post = Post::insert(&mut conn, &new).unwrap();
            if channel == Channel::Web {
                PostComment::insert(&mut conn, post, member, &CommentBody::parse("行ってみます").unwrap()).unwrap();
            }
        }
        OutboxMail::queue(&mut conn, MailKind::TestMail, "someone@example.jp", "テスト", "本文").unwrap();
        mail_bounce::record(&mut conn, None, "gone@docomo.ne.jp", "docomo", Some("5.1.1"), "unknown_user").unwrap();
        drop(conn);
        crate::mail_in::run_worker(&app);
        flush(&app);

        let after = totals(&mut coordinator);
        let delta: Vec<i64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
        assert_eq!(delta[0], pages as i64, "page views");
        assert_eq!(delta[1], 1, "hana.mama is the one member who used the site meanwhile");
        assert_eq!(&delta[2..], &[0, 1, 2, 1, 1, 1], "registrations, web posts, mail posts, comments, sent, bounced");
        assert!(after[2] >= 6, "the demo members registered today");

        // The page itself, with charts, for coordinators only.
        let page = coordinator.get("/admin/stats?by=week");
        assert_eq!(page.status, 200);
        let text = page.text();
        assert!(text.contains("<svg") && text.contains("機種別ページビュー") && text.contains("ドコモ"), "{text}");
        let bad = coordinator.get("/admin/stats?from=2026-12-01&to=2026-11-01");
        assert!(bad.text().contains("終わりの日付が始まりより前です"));
        assert_eq!(mama.get("/admin/stats").status, 403);
        assert_eq!(mama.get("/admin/stats.csv").status, 403);
    }
}
