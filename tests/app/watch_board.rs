//! The school's live board: 登校, 下校 and まだ校内 by class after a dismissal, quiet readers said
//! calmly, and the board paged on a 5 KB i-mode phone.

use crate::helpers::builders::ChildBuilder;
use crate::helpers::watch::{add_child, send, Watch};
use crate::helpers::{budget, links, ua, Signed, TestApp, DEMO_PASSWORD};
use hiroba::db::models::mail_address::MailAddress;
use hiroba::db::models::watch::school::School;

const TEACHER: &str = "sensei@kashiwa-es.example.jp";

/// Makes the demo teacher staff of the school, with the late time already past.
fn staff_after_late_time(app: &TestApp, school: &School) {
    let mut conn = app.pool.get().unwrap();
    let teacher = MailAddress::find(&mut conn, TEACHER).unwrap().unwrap().member_id;
    School::add_staff(&mut conn, school.id, teacher).unwrap();
    let mut times = school.times();
    times.late_after = 0;
    School::update_times(&mut conn, school.id, &times).unwrap();
}

/// The text of the table row that names `name`.
fn row<'a>(text: &'a str, name: &str) -> &'a str {
    let at = text.find(name).unwrap_or_else(|| panic!("{name} on the board: {text}"));
    let start = text[..at].rfind("<tr>").expect("a row");
    let end = at + text[at..].find("</tr>").expect("the row's end");
    &text[start..end]
}

db_test! {
    fn after_a_dismissal_the_board_shows_who_left_who_is_still_at_school_and_who_never_arrived(app) {
        let watch = Watch::new(&app, &[]);
        add_child(&app, &watch.school, "1002", "佐藤 みく", "みく", "04D5E6F7");
        add_child(&app, &watch.school, "1003", "鈴木 けん", "けん", "04D5E6F8");
        staff_after_late_time(&app, &watch.school);
        // ゆうた came and left; みく was missed in the morning and read at the dismissal; けん stays.
        let sent = send(
            &app,
            &watch.gate,
            &[
                // More than the 3-minute debounce apart, so that the gate sees two passes.
                (1, &watch.tag, 400, Some("in")),
                (2, "04D5E6F8", 300, Some("in")),
                (3, &watch.tag, 5, Some("out")),
                (4, "04D5E6F7", 4, Some("out")),
            ],
        );
        assert_eq!(sent.status, 200, "{}", sent.text());

        let mut teacher = Signed::new(&app, ua::PC, TEACHER, DEMO_PASSWORD);
        let page = teacher.get(&format!("/watch/schools/{}", watch.school.id));
        assert_eq!(page.status, 200, "{}", page.text());
        let text = page.text();
        assert!(text.contains("<th>登校</th><th>下校</th><th>いま</th>"), "{text}");
        assert!(text.contains("3年2組"), "{text}");
        let cells = |name: &str| row(&text, name).matches("<td>").count();
        assert_eq!(cells("佐藤 みく"), 4, "{text}");

        let yuta = row(&text, "山田 ゆうた");
        assert!(yuta.contains("<td>下校</td>") && !yuta.contains("記録なし"), "{yuta}");
        let miku = row(&text, "佐藤 みく");
        assert!(
            miku.contains("<td>記録なし</td>") && miku.contains("下校（登校の記録なし）"),
            "a dismissal read is not an arrival: {miku}"
        );
        let ken = row(&text, "鈴木 けん");
        assert!(ken.contains("<td>—</td><td>まだ校内</td>"), "{ken}");
        assert!(text.contains("登校2人"), "{text}");
        assert!(text.contains("まだ校内1人") && text.contains("下校2人"), "{text}");
        assert!(text.contains("登校の記録がない児童：1人"), "{text}");
        assert!(!text.contains("全員に登校の記録があります"), "{text}");

        // The list of those without an arrival names みく alone.
        let missing = teacher.get(&format!("/watch/schools/{}?show=no-arrival", watch.school.id));
        let missing = missing.text();
        assert!(missing.contains("佐藤 みく"), "{missing}");
        assert!(!missing.contains("山田 ゆうた") && !missing.contains("鈴木 けん"), "{missing}");
        let still = teacher.get(&format!("/watch/schools/{}?show=at-school", watch.school.id)).text();
        assert!(still.contains("鈴木 けん") && !still.contains("佐藤 みく"), "{still}");
    }
}

db_test! {
    fn readers_that_have_not_read_yet_are_waiting_not_disconnected(app) {
        let watch = Watch::new(&app, &[]);
        staff_after_late_time(&app, &watch.school);
        let mut teacher = Signed::new(&app, ua::PC, TEACHER, DEMO_PASSWORD);
        let text = teacher.get(&format!("/watch/schools/{}", watch.school.id)).text();
        assert!(text.contains("まだ読み取りがありません"), "{text}");
        assert!(text.contains("受信待ち") && !text.contains("未接続"), "{text}");
        assert!(!text.contains("class=\"alert\">受信待ち"), "a quiet reader is no alarm: {text}");
    }
}

db_test! {
    fn sixty_children_page_on_a_5kb_imode_phone_with_their_class_on_every_page(app) {
        let watch = Watch::new(&app, &[]);
        for i in 0..59 {
            let class = ["1組", "2組", "3組"][i % 3];
            ChildBuilder::new(&format!("子{i}"))
                .name(&format!("児童 {i:02}番"))
                .class(if i < 30 { 3 } else { 4 }, class)
                .insert(&app, &watch.school);
        }
        staff_after_late_time(&app, &watch.school);
        let limit = budget(&app, ua::DOCOMO_MOVA_5K);
        let mut phone = Signed::new(&app, ua::DOCOMO_MOVA_5K, TEACHER, DEMO_PASSWORD);
        let sid = phone.sid.clone().expect("a mova handset keeps no cookies");

        let mut path = format!("/watch/schools/{}", watch.school.id);
        let mut seen = Vec::new();
        for pages in 1.. {
            assert!(pages < 20, "the pager ends");
            let page = phone.get(&path);
            assert_eq!(page.status, 200);
            assert!(page.is_shift_jis());
            assert!(page.body.len() <= limit, "page {pages}: {} bytes > {limit}", page.body.len());
            let text = page.sjis_text();
            assert!(!text.contains("1分ごと"), "nothing refreshes an i-mode page: {text}");
            assert!(text.contains("最新にする"), "{text}");
            assert!(!text.contains("<table"), "i-mode 1.0 has no tables");
            // The first child line of every page follows its class's name.
            let first_child = text.find("/watch/children/").expect("a child");
            assert!(text[..first_child].rfind("■3年").or(text[..first_child].rfind("■4年")).is_some(), "page {pages}: {text}");
            seen.extend(text.match_indices("児童 ").map(|(i, _)| text[i..i + 12].to_string()));
            let next = links(&page).into_iter().find(|l| l.contains("page=") && text.contains("#次へ"));
            match next.filter(|l| l.contains(&format!("page={}", pages + 1))) {
                Some(link) => {
                    assert!(link.contains(&sid), "the pager keeps the sid: {link}");
                    path = link.split("&sid=").next().unwrap_or_default().to_string();
                }
                None => break,
            }
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 59, "every child once: {seen:?}");
    }
}
