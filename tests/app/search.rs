//! Japanese search over HTTP: words inside longer words, Shift_JIS queries from keitai, width and
//! case folding, several words, wildcards typed by people, hidden posts, guests, paging to budget.

use crate::helpers::builders::PostBuilder;
use crate::helpers::{budget, Signed};
use crate::helpers::{forms, links};
use crate::helpers::{percent_encode, ua, Response, TestApp};
use hiroba::db::models::event::{Event, EventFields};
use hiroba::db::models::facility::{Facility, NewFacility};
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::thread::Thread;
use hiroba::db::DbConnection;
use hiroba::demo::DEMO_PASSWORD;

const GUARDIAN: &str = "hana.mama@docomo.ne.jp";

fn member_id(app: &TestApp, address: &str) -> i64 {
    let mut conn = app.pool.get().expect("connection");
    MailAddress::find(&mut conn, address)
        .expect("query")
        .expect("member")
        .member_id
}

/// Stores a post by the demo guardian.
fn post(app: &TestApp, title: &str, body: &str) -> i64 {
    let author = member_id(app, GUARDIAN);
    PostBuilder::new(author, title).body(body).insert(app)
}

fn event(app: &TestApp, title: &str, place: &str, body: &str) -> i64 {
    let mut conn = app.pool.get().expect("connection");
    let fields = EventFields {
        title: title.into(),
        body: body.into(),
        held_on: chrono::NaiveDate::from_ymd_opt(2030, 5, 5).expect("day"),
        start_time: Some("10:00".into()),
        end_time: None,
        place: place.into(),
        area_id: None,
    };
    Event::insert(&mut conn, &fields, None).expect("event")
}

fn facility(app: &TestApp, name: &str, address: &str, note: &str) -> i64 {
    let mut conn = app.pool.get().expect("connection");
    let new = NewFacility {
        name: name.into(),
        kind: "保育園".into(),
        address: address.into(),
        area_id: None,
        phone: "04-7100-0000".into(),
        hours: "7:00〜19:00".into(),
        note: note.into(),
    };
    Facility::insert(&mut conn, &new).expect("facility")
}

/// `/search?q=…` with the words percent-encoded in the device's charset.
fn search_path(words: &str, sjis: bool, kind: &str) -> String {
    let bytes = if sjis {
        encoding_rs::SHIFT_JIS.encode(words).0.into_owned()
    } else {
        words.as_bytes().to_vec()
    };
    format!("/search?q={}&kind={kind}", percent_encode(&bytes))
}

/// A PC member's search.
fn member_search(app: &TestApp, words: &str, kind: &str) -> Response {
    let mut pc = Signed::new(app, ua::PC, GUARDIAN, DEMO_PASSWORD);
    let page = pc.get(&search_path(words, false, kind));
    assert_eq!(page.status, 200, "{}", page.text());
    page
}

fn guest_search(app: &TestApp, words: &str, kind: &str) -> Response {
    let page = app.get(&search_path(words, false, kind), ua::PC);
    assert_eq!(page.status, 200, "{}", page.text());
    page
}

fn links_to(page: &Response, path: &str) -> bool {
    links(page)
        .iter()
        .any(|l| l == path || l.starts_with(&format!("{path}?")))
}

/// The 「N件」 count the page reports.
fn count(page: &Response) -> usize {
    let text = page.text();
    if text.contains("見つかりませんでした") {
        return 0;
    }
    let at = text.find("件").unwrap_or_else(|| panic!("no count in:\n{text}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().expect("count")
}

db_test! {
    fn a_word_inside_a_longer_one_is_found_also_in_shift_jis_from_docomo(app) {
        let id = post(&app, "子育て支援センターの感想", "広いプレイルームで、先生がやさしく声をかけてくれました。");
        let path = format!("/posts/{id}");
        let mut phone = Signed::new(&app, ua::DOCOMO_FOMA_2, GUARDIAN, DEMO_PASSWORD);
        for words in ["支援", "支援センター"] {
            let page = phone.get(&search_path(words, true, ""));
            assert_eq!(page.status, 200);
            assert!(page.is_shift_jis());
            let text = page.sjis_text();
            assert!(text.contains("[クチコミ]"), "{words}: {text}");
            assert!(text.contains("子育て支援センターの感想"), "{words}: {text}");
            assert!(links_to(&page, &path), "{words}: {text}");
            // The query is written back into the form, readable.
            assert!(text.contains(&format!("value=\"{words}\"")), "{words}: {text}");
        }
        let pc = member_search(&app, "プレイルーム", "post");
        assert!(pc.text().contains("広いプレイルームで"), "a snippet around the match: {}", pc.text());
    }
}

db_test! {
    fn an_event_and_a_facility_are_found_by_anyone(app) {
        let yoga = event(&app, "ベビーヨガ体験会", "豊四季台児童センター", "首がすわった赤ちゃんとママのヨガです。");
        let nursery = facility(&app, "ひまわり保育園", "柏市あけぼの1-2-3", "園庭開放は毎週水曜日です。");
        let page = guest_search(&app, "ヨガ", "");
        assert!(links_to(&page, &format!("/events/{yoga}")), "{}", page.text());
        assert!(page.text().contains("[イベント]"));
        assert!(page.text().contains("05/05（日）"), "the event's day: {}", page.text());
        let page = guest_search(&app, "園庭開放", "");
        assert!(links_to(&page, &format!("/facilities/{nursery}")), "{}", page.text());
        assert!(page.text().contains("[施設]"));
        // By address and by place too, and narrowed to one kind.
        assert!(links_to(&guest_search(&app, "あけぼの", "facility"), &format!("/facilities/{nursery}")));
        assert!(links_to(&guest_search(&app, "豊四季台", "event"), &format!("/events/{yoga}")));
        assert!(!links_to(&guest_search(&app, "ヨガ", "facility"), &format!("/events/{yoga}")));
    }
}

db_test! {
    fn half_width_and_full_width_forms_and_case_find_each_other(app) {
        let english = post(&app, "ＡＢＣキッズ英語教室", "ネイティブの先生と歌とゲームで遊びます。");
        let stroller = post(&app, "ﾍﾞﾋﾞｰｶｰOK のカフェ", "ｿﾌｧ席があります。");
        for (words, id) in [
            ("abc", english),
            ("ABC", english),
            ("ｷｯｽﾞ", english),
            ("ＡＢＣｷｯｽﾞ", english),
            ("ベビーカー", stroller),
            ("ｶﾌｪ", stroller),
            ("ok", stroller),
            ("ソファ", stroller),
        ] {
            let page = member_search(&app, words, "post");
            assert!(links_to(&page, &format!("/posts/{id}")), "{words}: {}", page.text());
        }
        // The snippet shows the text as written.
        assert!(member_search(&app, "ソファ", "post").text().contains("ｿﾌｧ席"));
    }
}

db_test! {
    fn a_hidden_post_is_not_found_by_a_member(app) {
        let id = post(&app, "とっておきの秘密基地", "森の中の小さな広場です。");
        let path = format!("/posts/{id}");
        assert!(links_to(&member_search(&app, "秘密基地", ""), &path));
        let coordinator = member_id(&app, "coordinator@hiroba.example.jp");
        {
            let mut conn = app.pool.get().expect("connection");
            assert!(Thread::set_hidden(&mut conn, id, Some(("不適切な内容", coordinator))).expect("hide"));
        }
        for words in ["秘密基地", "秘密", "広場"] {
            let page = member_search(&app, words, "");
            assert!(!links_to(&page, &path), "{words}: {}", page.text());
        }
    }
}

db_test! {
    fn a_guest_gets_events_and_facilities_but_no_member_posts(app) {
        let id = post(&app, "すべり台の公園の感想", "大きなすべり台がありました。");
        let page = guest_search(&app, "すべり台", "");
        assert!(!links_to(&page, &format!("/posts/{id}")), "{}", page.text());
        assert!(page.text().contains("すると検索できます"), "{}", page.text());
        let page = guest_search(&app, "すべり台", "post");
        assert!(!links_to(&page, &format!("/posts/{id}")), "{}", page.text());
        assert_eq!(count(&page), 0);
        assert!(links_to(&member_search(&app, "すべり台", ""), &format!("/posts/{id}")));

        // A demo member still awaiting approval is told to wait, not to log in.
        let mut pending = crate::helpers::Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut pending, "new.mama@softbank.ne.jp", hiroba::demo::DEMO_PASSWORD);
        let page = pending.get(&search_path("すべり台", false, ""));
        assert!(!links_to(&page, &format!("/posts/{id}")), "{}", page.text());
        assert!(page.text().contains("承認後に検索できます"), "{}", page.text());
    }
}

db_test! {
    fn several_words_must_all_match(app) {
        let picnic = post(&app, "公園でピクニック", "お弁当を持って出かけました。");
        let sandbox = post(&app, "公園の砂場", "砂場のおもちゃは持ち帰りましょう。");
        let page = member_search(&app, "公園\u{3000}ピクニック", "post");
        assert!(links_to(&page, &format!("/posts/{picnic}")));
        assert!(!links_to(&page, &format!("/posts/{sandbox}")));
        assert_eq!(count(&page), 1, "{}", page.text());
        let page = member_search(&app, "ピクニック 砂場", "post");
        assert_eq!(count(&page), 0, "{}", page.text());
        assert!(page.text().contains("見つかりませんでした"));
        let page = member_search(&app, "公園 お弁当", "post");
        assert_eq!(count(&page), 1, "a word of the title and one of the text: {}", page.text());
    }
}

db_test! {
    fn wildcards_and_quotes_typed_by_people_match_only_themselves(app) {
        let juice = post(&app, "果汁100%のジュース", "おやつにどうぞ。");
        let snake = post(&app, "file_name の話", "アンダースコアの入った言葉。");
        let quote = post(&app, "\"ママ\"の日", "引用符つきの題です。");
        for (words, expected) in [
            ("%", vec![juice]),
            ("0%", vec![juice]),
            ("100%の", vec![juice]),
            ("_", vec![snake]),
            ("e_n", vec![snake]),
            ("\"", vec![quote]),
            ("\"ママ\"", vec![quote]),
            ("\\", vec![]),
            ("OR", vec![]),
            ("* NEAR(", vec![]),
        ] {
            let page = member_search(&app, words, "post");
            let found: Vec<i64> = [juice, snake, quote]
                .into_iter()
                .filter(|id| links_to(&page, &format!("/posts/{id}")))
                .collect();
            assert_eq!(found, expected, "{words}: {}", page.text());
            assert_eq!(count(&page), expected.len(), "{words}: {}", page.text());
        }
    }
}

db_test! {
    fn many_results_page_to_every_keitai_budget_and_page_two_works(app) {
        for i in 0..40 {
            post(
                &app,
                &format!("支援センターだより その{i}"),
                &"今月の子育て支援センターの予定をお知らせします。ひろばは毎日あいています。".repeat(3),
            );
        }
        for user_agent in ua::KEITAI {
            let limit = budget(&app, user_agent);
            let mut phone = Signed::new(&app, user_agent, GUARDIAN, DEMO_PASSWORD);
            let first = phone.get(&search_path("支援センターだより", true, "post"));
            assert_eq!(first.status, 200, "{user_agent}");
            assert!(first.body.len() <= limit, "{user_agent}: {} > {limit}", first.body.len());
            assert_eq!(count(&first), 40, "{user_agent}");
            let shown = |page: &Response| -> Vec<String> {
                links(page).into_iter().filter(|l| l.starts_with("/posts/")).collect()
            };
            let Some(next) = links(&first).into_iter().find(|l| l.contains("page=2")) else {
                assert_ne!(user_agent, ua::DOCOMO_MOVA_5K, "a 5 KB handset needs pages");
                assert_eq!(shown(&first).len(), 40, "{user_agent}: one page holds all");
                continue;
            };
            let second = phone.browser.get(&next);
            assert_eq!(second.status, 200, "{user_agent}");
            assert!(second.body.len() <= limit, "{user_agent}: {} > {limit}", second.body.len());
            assert!(second.sjis_text().contains("2/"), "{user_agent}: {}", second.sjis_text());
            let (a, b) = (shown(&first), shown(&second));
            assert!(!b.is_empty(), "{user_agent}: page 2 lists posts: {}", second.sjis_text());
            assert!(a.iter().all(|l| !b.contains(l)), "{user_agent}: page 2 shows other posts");
        }
    }
}

db_test! {
    fn an_empty_query_asks_for_words(app) {
        for path in ["/search", "/search?q=", "/search?q=%81%40"] {
            let page = app.get(path, ua::DOCOMO_MOVA_5K);
            assert_eq!(page.status, 200, "{path}");
            assert!(page.sjis_text().contains("探したい言葉を入力してください"), "{path}: {}", page.sjis_text());
        }
    }
}

db_test! {
    fn the_top_and_portal_pages_have_a_search_box_within_budget(app) {
        for user_agent in ua::KEITAI {
            for path in ["/", "/portal", "/search", &search_path("公園", true, "")] {
                let page = crate::helpers::get_within_budget(&app, path, user_agent);
                assert!(forms(&page).iter().any(|f| f.action == "/search"), "{path} for {user_agent}");
            }
        }
    }
}

db_test! {
    fn the_demo_data_answers_common_searches(app) {
        for words in ["支援", "公園", "ベビー", "ﾍﾞﾋﾞｰ", "子育て支援センター", "一時預かり"] {
            let page = member_search(&app, words, "");
            assert!(count(&page) >= 2, "{words}: {}", page.text());
        }
    }
}

db_test! {
    fn the_database_folds_text_exactly_as_the_query_is_folded(app) {
        let samples = [
            "ＡＢＣ ａｂｃ ＸＹＺ ０１２３ ！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～",
            "ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟｳﾞ ｱﾞﾜﾞﾟ ｡｢｣､･ｦｧｰﾝﾞﾟ",
            "Hello World\u{3000}〜−ÉCOLE 子育て支援センター ひらがな 😀",
        ];
        let mut conn = app.pool.get().expect("connection");
        for sample in samples {
            assert_eq!(fold_in_database(&mut conn, sample), hiroba::domain::fold::fold(sample), "{sample}");
        }
    }
}

db_test! {
    fn an_edited_event_is_found_by_its_new_words_and_a_deleted_one_not_at_all(app) {
        let id = event(&app, "プール開き", "市民プール", "水着を持ってきてください。");
        let path = format!("/events/{id}");
        assert!(links_to(&guest_search(&app, "プール開き", "event"), &path));
        {
            let mut conn = app.pool.get().expect("connection");
            let fields = EventFields {
                title: "水遊びの会".into(),
                body: "着替えを持ってきてください。".into(),
                held_on: chrono::NaiveDate::from_ymd_opt(2030, 7, 1).expect("day"),
                start_time: None,
                end_time: None,
                place: "じゃぶじゃぶ池".into(),
                area_id: None,
            };
            Event::update(&mut conn, id, &fields).expect("update");
        }
        assert!(!links_to(&guest_search(&app, "プール開き", "event"), &path), "old words are gone");
        assert!(links_to(&guest_search(&app, "じゃぶじゃぶ", "event"), &path), "new words are found");
        {
            let mut conn = app.pool.get().expect("connection");
            Event::delete(&mut conn, id).expect("delete");
        }
        assert_eq!(count(&guest_search(&app, "じゃぶじゃぶ", "event")), 0);
    }
}

db_test! {
    fn the_migration_indexes_existing_rows_and_reverts_cleanly(app) {
        use diesel::connection::SimpleConnection;
        let id = post(&app, "migration前からある投稿", "いちごの季節です。");
        {
            let mut conn = app.pool.get().expect("connection");
            let (down, up) = match &*conn {
                DbConnection::Sqlite(_) => (
                    include_str!("../../migrations/sqlite/2026-12-03-000004_thread_search/down.sql"),
                    include_str!("../../migrations/sqlite/2026-12-03-000004_thread_search/up.sql"),
                ),
                #[cfg(feature = "postgres")]
                DbConnection::Postgres(_) => (
                    include_str!("../../migrations/postgres/2026-12-03-000004_thread_search/down.sql"),
                    include_str!("../../migrations/postgres/2026-12-03-000004_thread_search/up.sql"),
                ),
            };
            conn.batch_execute(down).expect("down");
            conn.batch_execute(up).expect("up again over existing rows");
        }
        assert!(links_to(&member_search(&app, "いちご", "post"), &format!("/posts/{id}")));
        assert!(count(&member_search(&app, "支援センター", "")) >= 2, "demo rows are indexed too");
    }
}

#[derive(diesel::QueryableByName)]
struct Folded {
    #[diesel(sql_type = diesel::sql_types::Text)]
    folded: String,
}

fn fold_in_database(conn: &mut DbConnection, text: &str) -> String {
    use diesel::RunQueryDsl;
    let rows: Vec<Folded> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query("SELECT hiroba_fold(?) AS folded")
            .bind::<diesel::sql_types::Text, _>(text)
            .load(c),
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(c) => diesel::sql_query("SELECT hiroba_fold($1) AS folded")
            .bind::<diesel::sql_types::Text, _>(text)
            .load(c),
    }
    .expect("fold");
    rows.into_iter().next().expect("row").folded
}

/// Timing of searches on the demo data and on 10,000 more posts (`cargo test --all-features
/// --test app search_timing -- --ignored --nocapture`); the numbers go to docs/benchmarks.md.
mod timing {
    use super::*;
    use crate::helpers::{spawn_on, Backend};
    use diesel::{Connection, RunQueryDsl};
    use hiroba::search::{search, Scope, Terms};
    use std::time::{Duration, Instant};

    // 「砂場」: two characters found nowhere, the worst case (a scan of every row).
    const QUERIES: [&str; 6] = [
        "支援",
        "公園",
        "支援センター",
        "ベビーカー 公園",
        "見つからない言葉",
        "砂場",
    ];

    const PLACES: [&str; 8] = [
        "子育て支援センター",
        "柏の葉公園",
        "児童センター",
        "図書館",
        "駅前のスーパー",
        "小児科",
        "保育園",
        "手賀沼の遊歩道",
    ];
    const THINGS: [&str; 8] = [
        "ベビーカーで行けました",
        "授乳室がありました",
        "おむつ替え台がきれいでした",
        "雨の日でも遊べます",
        "駐車場が広いです",
        "予約が必要でした",
        "先生がやさしかったです",
        "お弁当を食べました",
    ];

    fn add_posts(app: &TestApp, count: usize) {
        let author = member_id(app, GUARDIAN);
        let mut conn = app.pool.get().expect("connection");
        let mut seed: u64 = 42;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for i in 0..count {
                let (place, thing, other) = (PLACES[next(8)], THINGS[next(8)], THINGS[next(8)]);
                let title = format!("{place}の感想 その{i}");
                let body = format!("{place}に行ってきました。{thing}。{other}。また行きたいと思います。");
                PostBuilder::new(author, &title).body(&body).insert_on(conn);
            }
            Ok(())
        })
        .expect("posts");
    }

    /// The median of `runs` calls.
    fn median(runs: usize, mut f: impl FnMut()) -> Duration {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect();
        times.sort();
        times[runs / 2]
    }

    fn report(app: &TestApp, label: &str) {
        let mut conn = app.pool.get().expect("connection");
        let mut pc = Signed::new(app, ua::PC, GUARDIAN, DEMO_PASSWORD);
        let scope = Scope {
            member: true,
            kind: None,
        };
        for words in QUERIES {
            let terms = Terms::parse(words).expect("terms");
            let hits = search(&mut conn, &terms, scope).expect("search").len();
            let query = median(21, || {
                search(&mut conn, &terms, scope).expect("search");
            });
            let path = search_path(words, false, "");
            let http = median(21, || {
                assert_eq!(pc.get(&path).status, 200);
            });
            println!(
                "{label}: 「{words}」 {hits} hits — search {:.2} ms, HTTP page {:.2} ms (median of 21)",
                query.as_secs_f64() * 1e3,
                http.as_secs_f64() * 1e3
            );
        }
    }

    fn run(backend: Backend) {
        let app = spawn_on(backend);
        report(&app, &format!("{backend:?} demo"));
        add_posts(&app, 10_000);
        if backend == Backend::Postgres {
            let mut conn = app.pool.get().expect("connection");
            diesel::sql_query("ANALYZE").execute(&mut conn).expect("analyze");
        }
        report(&app, &format!("{backend:?} +10,000 posts"));
    }

    #[test]
    #[ignore = "timing, run by hand"]
    fn search_timing_sqlite() {
        run(Backend::Sqlite);
    }

    #[test]
    #[ignore = "timing, run by hand"]
    #[cfg(all(feature = "postgres", hiroba_pg_tests))]
    fn search_timing_postgres() {
        run(Backend::Postgres);
    }
}
