//! One thread model: the migration that made クチコミ and community topics threads of one table
//! moves their rows there and back on both backends, and a topic's URL mailed before it still leads
//! to the topic.

use crate::helpers::ua;
use crate::helpers::Signed;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::moderation::{moderate, ModerationLog, Target};
use hiroba::db::models::thread::{Thread, ThreadFilter};
use hiroba::db::schema::{communities, legacy_topics, thread_comments, threads};
use hiroba::db::DbConnection;
use hiroba::demo::DEMO_PASSWORD;
use hiroba::domain::moderation::{LogAction, ModAction};
use hiroba::domain::thread::{Place, PlaceKind};

/// An id and a title, from the old tables or the new one.
#[derive(QueryableByName, Debug, Clone, PartialEq, Eq)]
struct Titled {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    title: String,
}

/// The migrations' SQL for the connection's backend: the threads' down and up, the search's down
/// and up, the notebook's (which adds a column to threads) down and up.
fn migrations(conn: &DbConnection) -> [&'static str; 6] {
    match conn {
        DbConnection::Sqlite(_) => [
            include_str!("../../migrations/sqlite/2026-12-03-000003_threads/down.sql"),
            include_str!("../../migrations/sqlite/2026-12-03-000003_threads/up.sql"),
            include_str!("../../migrations/sqlite/2026-12-03-000004_thread_search/down.sql"),
            include_str!("../../migrations/sqlite/2026-12-03-000004_thread_search/up.sql"),
            include_str!("../../migrations/sqlite/2026-12-03-000008_notebook/down.sql"),
            include_str!("../../migrations/sqlite/2026-12-03-000008_notebook/up.sql"),
        ],
        #[cfg(feature = "postgres")]
        DbConnection::Postgres(_) => [
            include_str!("../../migrations/postgres/2026-12-03-000003_threads/down.sql"),
            include_str!("../../migrations/postgres/2026-12-03-000003_threads/up.sql"),
            include_str!("../../migrations/postgres/2026-12-03-000004_thread_search/down.sql"),
            include_str!("../../migrations/postgres/2026-12-03-000004_thread_search/up.sql"),
            include_str!("../../migrations/postgres/2026-12-03-000008_notebook/down.sql"),
            include_str!("../../migrations/postgres/2026-12-03-000008_notebook/up.sql"),
        ],
    }
}

fn titled(conn: &mut DbConnection, sql: &str) -> Vec<Titled> {
    diesel::sql_query(sql).load(conn).expect(sql)
}

/// Comments on the portal's and communities' threads (the notebook's replies are not in the old
/// tables: its down migration deletes them first).
fn member_comments(conn: &mut DbConnection) -> i64 {
    thread_comments::table
        .inner_join(threads::table)
        .filter(threads::place.ne("notebook"))
        .count()
        .get_result(conn)
        .expect("comments")
}

fn threads_of(conn: &mut DbConnection, place: &str) -> Vec<Titled> {
    threads::table
        .filter(threads::place.eq(place))
        .order(threads::id)
        .select((threads::id, threads::title))
        .load::<(i64, String)>(conn)
        .expect("threads")
        .into_iter()
        .map(|(id, title)| Titled { id, title })
        .collect()
}

db_test! {
    fn the_migration_moves_posts_and_topics_into_threads_and_back_and_an_old_topic_url_still_works(app) {
        let mut conn = app.pool.get().unwrap();
        let coordinator = MailAddress::find(&mut conn, "coordinator@hiroba.example.jp").unwrap().unwrap().member_id;
        let community: i64 = communities::table
            .filter(communities::name.eq("柏中央 0〜2歳ママの会"))
            .select(communities::id)
            .first(&mut *conn)
            .unwrap();
        let place = Place::Community(community);
        let here = Thread::list(&mut conn, ThreadFilter::visible_in(place)).unwrap();
        let (topic, shown) = (here.last().unwrap().id, here.first().unwrap().clone());
        assert_ne!(topic, shown.id, "the community has two topics");
        let hidden = moderate(&mut conn, coordinator, place, Target::Thread(topic), ModAction::Hide, "確認中").unwrap();
        assert_eq!(hidden, Some(true));
        let posts = threads_of(&mut conn, "portal");
        let topics = threads_of(&mut conn, "community");
        let comments = member_comments(&mut conn);
        assert!(posts.len() >= 5 && topics.len() >= 4 && comments >= 3, "the demo's threads");

        let [down, up, search_down, search_up, notebook_down, notebook_up] = migrations(&conn);
        conn.batch_execute(notebook_down).expect("notebook down");
        conn.batch_execute(search_down).expect("search down");
        conn.batch_execute(down).expect("threads down");
        // Posts keep their ids both ways; topics written as threads keep the thread's id.
        assert_eq!(titled(&mut conn, "SELECT id, title FROM posts ORDER BY id"), posts);
        assert_eq!(titled(&mut conn, "SELECT id, title FROM community_topics ORDER BY id"), topics);
        let hidden = titled(&mut conn, "SELECT id, title FROM community_topics WHERE hidden_at IS NOT NULL");
        assert_eq!(hidden.iter().map(|t| t.id).collect::<Vec<_>>(), [topic]);
        let old_comments = titled(
            &mut conn,
            "SELECT id, body AS title FROM post_comments UNION ALL SELECT id, body AS title FROM community_comments",
        );
        assert_eq!(old_comments.len() as i64, comments);
        let logged = titled(&mut conn, "SELECT topic_id AS id, reason AS title FROM community_log WHERE action = 'hide'");
        assert_eq!(logged, [Titled { id: topic, title: "確認中".into() }]);

        conn.batch_execute(up).expect("threads up");
        conn.batch_execute(search_up).expect("search up");
        conn.batch_execute(notebook_up).expect("notebook up");
        assert_eq!(threads_of(&mut conn, "portal"), posts, "posts keep their ids (/posts/{{id}} was mailed out)");
        let moved: Vec<(i64, i64)> = legacy_topics::table
            .order(legacy_topics::topic_id)
            .select((legacy_topics::topic_id, legacy_topics::thread_id))
            .load(&mut *conn)
            .unwrap();
        assert_eq!(moved.iter().map(|m| m.0).collect::<Vec<_>>(), topics.iter().map(|t| t.id).collect::<Vec<_>>());
        let last_post = posts.iter().map(|p| p.id).max().unwrap();
        for (old, new) in &moved {
            let thread = Thread::find(&mut conn, *new).unwrap().unwrap();
            let title = &topics.iter().find(|t| t.id == *old).unwrap().title;
            assert_eq!(thread.title.as_str(), title.as_str(), "topic {old}");
            assert!(matches!(thread.place, Place::Community(_)), "topic {old}");
            assert!(*new > last_post && *new > topics.last().unwrap().id, "numbered after every old id: {old} → {new}");
        }
        let thread_of = |old: i64| moved.iter().find(|m| m.0 == old).unwrap().1;
        assert!(Thread::find(&mut conn, thread_of(topic)).unwrap().unwrap().is_hidden());
        let log = ModerationLog::recent(&mut conn, PlaceKind::Community, 1).unwrap();
        assert_eq!(
            (log[0].action, log[0].thread_id, log[0].reason.as_str()),
            (LogAction::Hide, Some(thread_of(topic)), "確認中")
        );
        let comments_after = member_comments(&mut conn);
        assert_eq!(comments_after, comments);
        drop(conn);

        // A topic's URL from a reply mailed before: on to the thread, the session kept.
        let mut phone = Signed::new(&app, ua::DOCOMO_FOMA_1, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        let old = phone.get(&format!("/communities/{community}/topics/{}", shown.id));
        assert_eq!(old.status, 302, "{}", old.sjis_text());
        let location = old.header("location").unwrap().to_string();
        assert!(location.contains(&format!("/communities/{community}/topics/{}", thread_of(shown.id))), "{location}");
        let page = phone.browser.follow(&old);
        assert_eq!(page.status, 200);
        assert!(page.sjis_text().contains(&shown.title), "{}", page.sjis_text());
        let search = phone.get(&format!("/search?q={}&kind=post", crate::helpers::percent_encode(&encoding_rs::SHIFT_JIS.encode(&posts[0].title).0)));
        assert!(search.sjis_text().contains(&posts[0].title), "portal threads are searched again");
    }
}
