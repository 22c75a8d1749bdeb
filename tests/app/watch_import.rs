//! Rosters from Excel: `hiroba import` and the coordinators' upload page, all or nothing.

use crate::helpers::ua;
use crate::helpers::Browser;
use diesel::prelude::*;
use hiroba::db::models::watch::school::School;
use hiroba::db::schema::{children, readers};
use std::process::Command;

fn roster(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/roster/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(app: &crate::helpers::TestApp, kind: &str, name: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hiroba"))
        .args([
            "import",
            kind,
            &format!("{}/tests/data/roster/{name}", env!("CARGO_MANIFEST_DIR")),
        ])
        .env("HIROBA_DATABASE_URL", &app.database_url)
        .env(
            "HIROBA_PROFILES_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/carrier-profiles"),
        )
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn count_children(app: &crate::helpers::TestApp) -> i64 {
    children::table
        .count()
        .get_result(&mut app.pool.get().unwrap())
        .unwrap()
}

db_test! {
    fn the_import_command_takes_shift_jis_rosters_in_order_and_refuses_broken_ones_whole(app) {
        let before = count_children(&app);
        // Guardians before their children: every line is refused, nothing is stored.
        let early = import(&app, "guardians", "guardians_sjis.csv");
        assert_eq!(early.status.code(), Some(65));
        let stderr = String::from_utf8_lossy(&early.stderr);
        assert!(stderr.contains("2 行目（児童番号）") && stderr.contains("何も登録していません"), "{stderr}");

        let readers_run = import(&app, "readers", "readers_sjis.csv");
        assert!(readers_run.status.success(), "{}", String::from_utf8_lossy(&readers_run.stderr));
        let first = import(&app, "children", "children_sjis.csv");
        assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
        assert!(String::from_utf8_lossy(&first.stdout).contains("追加 4 件、更新 0 件"));
        let again = import(&app, "children", "children_sjis.csv");
        assert!(String::from_utf8_lossy(&again.stdout).contains("追加 0 件、更新 4 件"), "re-import updates");
        let guardians = import(&app, "guardians", "guardians_sjis.csv");
        assert!(guardians.status.success(), "{}", String::from_utf8_lossy(&guardians.stderr));

        let broken = import(&app, "children", "children_broken.csv");
        assert_eq!(broken.status.code(), Some(65));
        assert_eq!(count_children(&app), before + 4, "nothing of the broken file was stored");

        let mut conn = app.pool.get().unwrap();
        let school = School::by_name(&mut conn, "髙島小学校").unwrap().expect("a CP932-only kanji survived");
        let readers_there: i64 = readers::table.filter(readers::school_id.eq(school.id)).count().get_result(&mut conn).unwrap();
        assert!(readers_there >= 1);
    }
}

db_test! {
    fn a_coordinator_uploads_a_roster_and_sees_each_bad_line(app) {
        let mut pc = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut pc, "coordinator@hiroba.example.jp", hiroba::demo::DEMO_PASSWORD);
        let page = pc.get("/admin/watch/import");
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(page.text().contains("名簿の取り込み"));

        let before = count_children(&app);
        let refused = pc.upload(&page, "/admin/watch/import", &[("kind", "children")], ("file", "児童名簿.csv", &roster("children_broken.csv")));
        assert_eq!(refused.status, 200, "{}", refused.text());
        let text = refused.text();
        assert!(text.contains("何も登録していません") && text.contains("4 行目（学年）"), "{text}");
        assert_eq!(count_children(&app), before);

        let page = pc.get("/admin/watch/import");
        let done = pc.upload(&page, "/admin/watch/import", &[("kind", "children")], ("file", "児童名簿.csv", &roster("children_utf8_bom.csv")));
        assert!(done.text().contains("児童の名簿を取り込みました"), "{}", done.text());
        assert!(count_children(&app) > before);
        let page = pc.get("/admin/watch/import");
        let guardians = pc.upload(&page, "/admin/watch/import", &[("kind", "guardians")], ("file", "保護者.csv", &roster("guardians_sjis.csv")));
        // Its children A-0001 and A-0002 were never imported here: the database-side check refuses it.
        let text = guardians.text();
        assert!(text.contains("児童番号 A-0001 の児童が登録されていません"), "{text}");

        // A guardian may not upload at all.
        let mut mama = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut mama, "hana.mama@docomo.ne.jp", hiroba::demo::DEMO_PASSWORD);
        assert_eq!(mama.get("/admin/watch/import").status, 403);
    }
}
