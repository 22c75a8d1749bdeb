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

db_test! {
    fn the_csv_names_every_period_with_its_year(app) {
        let mut coordinator = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut coordinator, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        let csv = |coordinator: &mut Browser<'_>, by: &str| {
            let res = coordinator.get(&format!("/admin/stats.csv?from=2026-12-30&to=2027-01-02&by={by}"));
            assert_eq!(res.status, 200);
            let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&res.body);
            let (periods, _) = text.split_once("\r\n\r\n").expect("two tables");
            periods.split("\r\n").skip(1).filter(|l| !l.is_empty()).map(|l| l.split(',').next().unwrap().to_string()).collect::<Vec<_>>()
        };
        assert_eq!(csv(&mut coordinator, "day"), ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
        // 〜 (WAVE DASH) is CP932's 0x8160, which decodes as the full-width tilde.
        assert_eq!(csv(&mut coordinator, "week"), ["2026-12-28～2027-01-03"]);
        assert_eq!(csv(&mut coordinator, "month"), ["2026年12月", "2027年1月"]);
    }
}

db_test! {
    fn the_daily_table_lists_only_days_with_data_and_the_charts_draw_days_as_lines(app) {
        let mut coordinator = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut coordinator, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
        // January 2025 is before the demo's data: a table of 31 zero rows is no use to anyone.
        let text = coordinator.get("/admin/stats?from=2025-01-01&to=2025-01-31&by=day").text();
        assert!(!text.contains("<td>2025-01-"), "{text}");
        assert!(text.contains("（31 件）は表から省いています"), "{text}");
        // Eight charts drawn by plotters, days as lines, labelled under the x axis.
        assert_eq!(text.matches("<svg").count(), 8, "{text}");
        let (line, bar) = ("<polyline fill=\"none\" opacity=\"1\" stroke=\"#D94F70\"", "<rect");
        assert_eq!(text.matches(line).count(), 8, "{text}");
        // plotters writes each label on a line of its own inside its <text>.
        assert!(text.contains("\n1/1\n</text>") && text.contains("\n2025-01-01 〜 2025-01-31\n</text>"), "{text}");
        // Today has the demo's registrations: its row is there, with the year.
        let today = chrono::Utc::now().with_timezone(&hiroba::domain::time::JST).date_naive();
        let text = coordinator.get(&format!("/admin/stats?from={}&to={today}&by=day", today - chrono::Duration::days(6))).text();
        assert!(text.contains(&format!("<td>{today}</td>")), "{text}");
        // Months as bars, one per month.
        let text = coordinator.get("/admin/stats?from=2025-01-01&to=2025-12-31&by=month").text();
        assert!(!text.contains(line) && text.contains("\n12月\n</text>"), "{text}");
        assert_eq!(text.matches("fill=\"#D94F70\"").count(), 8 * 12, "{text}");
        assert!(text.matches(bar).count() >= 8 * 12);
    }
}

db_test! {
    fn the_statistics_fit_every_keitai_page_budget_without_charts(app) {
        for user_agent in ua::KEITAI {
            let limit = crate::helpers::budget(&app, user_agent);
            let mut phone = crate::helpers::Signed::new(&app, user_agent, "coordinator@hiroba.example.jp", DEMO_PASSWORD);
            crate::helpers::device::assert_pages_fit(&mut phone, user_agent, limit, &["/admin/stats".to_string()]);
            assert!(!phone.get("/admin/stats").text().contains("<svg"), "{user_agent}");
        }
    }
}
