//! お知らせの管理: a coordinator writes, schedules, corrects and deletes the city's notices on a PC;
//! a docomo phone reads them on the top page in Shift_JIS; nobody else may write them.

use crate::helpers::ua;
use crate::helpers::Browser;
use hiroba::db::models::notice::Notice;
use hiroba::demo::DEMO_PASSWORD;

const COORDINATOR: &str = "coordinator@hiroba.example.jp";

/// The id of the newest notice titled `title`.
fn notice_id(app: &crate::helpers::TestApp, title: &str) -> i64 {
    let mut conn = app.pool.get().unwrap();
    Notice::latest(&mut conn, 500)
        .unwrap()
        .into_iter()
        .find(|n| n.title == title)
        .unwrap_or_else(|| panic!("no notice {title}"))
        .id
}

db_test! {
    fn a_coordinator_writes_a_notice_that_a_docomo_phone_reads_and_schedules_one_for_later(app) {
        let mut pc = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut pc, COORDINATOR, DEMO_PASSWORD);
        let form = pc.get("/admin/notices");
        assert_eq!(form.status, 200);
        let today = hiroba::domain::time::today().to_string();
        assert!(form.text().contains(&format!("value=\"{today}\"")), "the form proposes today");
        let sent = pc.submit(&form, "/admin/notices", &[("title", "年末年始の窓口のご案内"), ("date", &today), ("body", "12月29日から1月3日まで休みます。")]);
        let listed = pc.follow(&sent);
        assert!(listed.text().contains("お知らせを追加しました"), "{}", listed.text());

        let later = (hiroba::domain::time::today() + chrono::Duration::days(7)).to_string();
        let sent = pc.submit(&listed, "/admin/notices", &[("title", "来週の予防接種"), ("date", &later), ("body", "予約制です。")]);
        assert!(pc.follow(&sent).text().contains("来週の予防接種</a>（公開前）"));
        let bad = pc.submit(&listed, "/admin/notices", &[("title", "日付まちがい"), ("date", "12月3日"), ("body", "本文")]);
        assert!(bad.text().contains("公開日（2026-12-03）"), "{}", bad.text());

        let top = app.get("/", ua::DOCOMO_FOMA_2);
        assert!(top.is_shift_jis());
        let text = top.sjis_text();
        assert!(text.contains("年末年始の窓口のご案内") && !text.contains("来週の予防接種") && !text.contains("日付まちがい"), "{text}");
        let scheduled = notice_id(&app, "来週の予防接種");
        assert_eq!(app.get(&format!("/notices/{scheduled}"), ua::DOCOMO_FOMA_2).status, 404, "not published yet");
        assert_eq!(pc.get(&format!("/notices/{scheduled}")).status, 200, "its author previews it");

        let id = notice_id(&app, "年末年始の窓口のご案内");
        let edit = pc.get(&format!("/admin/notices/{id}"));
        assert!(edit.text().contains("12月29日から1月3日まで休みます。"), "the form holds the notice");
        let fields = [("title", "年末年始の窓口（変更）"), ("date", today.as_str()), ("body", "12月29日から1月3日まで休みます。")];
        let saved = pc.submit(&edit, &format!("/admin/notices/{id}"), &fields);
        assert!(pc.follow(&saved).text().contains("お知らせを直しました"));
        let page = app.get(&format!("/notices/{id}"), ua::DOCOMO_FOMA_2).sjis_text();
        assert!(page.contains("年末年始の窓口（変更）") && page.contains("1月3日まで休みます"), "{page}");

        let edit = pc.get(&format!("/admin/notices/{id}"));
        let deleted = pc.submit(&edit, &format!("/admin/notices/{id}/delete"), &[]);
        assert!(pc.follow(&deleted).text().contains("お知らせを削除しました"));
        assert_eq!(app.get(&format!("/notices/{id}"), ua::PC).status, 404);
    }
}

db_test! {
    fn only_coordinators_write_notices(app) {
        let mut guardian = Browser::new(&app, ua::PC);
        crate::helpers::log_in(&mut guardian, "hana.mama@docomo.ne.jp", DEMO_PASSWORD);
        assert_eq!(guardian.get("/admin/notices").status, 403);
        let guest = app.get("/admin/notices", ua::PC);
        assert_eq!(guest.status, 302, "a guest is sent to the login page");
    }
}
