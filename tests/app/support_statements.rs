//! 月報と請求 and the coordinators' console: a month of activities, a late cancellation and an
//! unfilled request add up in the Shift_JIS CSVs; the console shows an open request's wave and an
//! unfilled request; only coordinators see them; a supporter reads her own month on an i-mode phone.

use crate::helpers::builders::{area_id, FamilyBuilder, MemberBuilder, SupporterBuilder, TestFamily, TestMember};
use crate::helpers::{ua, Response, TestApp};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hiroba::db::models::support::offer::{NewOffer, Offer};
use hiroba::db::models::support::request::{NewRequest, Progress, RequestChild, SupportRequest};
use hiroba::db::schema::{support_progress, support_reports, support_requests};
use hiroba::db::DbConnection;
use hiroba::domain::role::Role;
use hiroba::domain::support::ids::{AreaId, FamilyId, SupporterId};
use hiroba::domain::support::request::{CarePlace, Kind};
use hiroba::domain::support::slot::Slot;
use hiroba::domain::support::status::{OfferStatus, RequestStatus};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The month every test builds: far enough ahead that nothing else falls in it.
const MONTH: &str = "2030-01";

struct Month {
    coordinator: TestMember,
    hana: TestFamily,
    yuu: TestFamily,
    yoshiko: TestMember,
    kazue: TestMember,
    open: i64,
    unfilled: i64,
}

/// Writes a request of `family` for `date` from `from` to `until` minutes; `pickup` in 柏中央.
fn ask(
    conn: &mut DbConnection,
    app: &TestApp,
    family: &TestFamily,
    area: &str,
    date: &str,
    minutes: (u32, u32),
    pickup: bool,
) -> i64 {
    let area = AreaId(area_id(app, area));
    let kind = if pickup {
        Kind::Pickup {
            from: area,
            to: area,
            by_car: false,
        }
    } else {
        Kind::Care {
            at: CarePlace::FamilyHome,
        }
    };
    SupportRequest::insert(
        conn,
        &NewRequest {
            family: FamilyId(family.member.id),
            area,
            kind,
            from_place: if pickup { "さくら保育園" } else { "" },
            to_place: if pickup { "自宅" } else { "" },
            slot: Slot::from_minutes(day(date), minutes.0, minutes.1).unwrap(),
            urgent: false,
            note: "",
            children: &[RequestChild {
                child_id: family.children[0],
                after_illness: false,
            }],
        },
    )
    .unwrap()
}

/// Matches `request` with `supporter`, `waited` minutes after it was asked.
fn matched(conn: &mut DbConnection, request: i64, supporter: &TestMember, waited: i64) {
    assert!(Progress::win(conn, request, SupporterId(supporter.id), None).unwrap());
    let asked = at("2029-12-20 09:00");
    diesel::update(support_requests::table.find(request))
        .set(support_requests::created_at.eq(asked))
        .execute(conn)
        .unwrap();
    diesel::update(support_progress::table.find(request))
        .set(support_progress::matched_at.eq(Some(asked + Duration::minutes(waited))))
        .execute(conn)
        .unwrap();
}

/// The supporter's report (the after-activity helper writes these in the app); confirmed or not.
fn reported(conn: &mut DbConnection, request: i64, minutes: (i32, i32), fee: i32, transport: i32, confirmed: bool) {
    diesel::insert_into(support_reports::table)
        .values((
            support_reports::request_id.eq(request),
            support_reports::start_minute.eq(minutes.0),
            support_reports::end_minute.eq(minutes.1),
            support_reports::transport_yen.eq(transport),
            support_reports::fee_yen.eq(fee),
            support_reports::fee_detail.eq("test"),
            support_reports::reported_at.eq(at("2030-01-31 12:00")),
            support_reports::confirmed_at.eq(confirmed.then(|| at("2030-01-31 13:00"))),
        ))
        .execute(conn)
        .unwrap();
    assert!(Progress::transition(conn, request, &[RequestStatus::Matched], RequestStatus::Reported).unwrap());
    if confirmed {
        assert!(Progress::transition(conn, request, &[RequestStatus::Reported], RequestStatus::Confirmed).unwrap());
    }
}

/// January 2030: はなママ (柏中央) had two confirmed activities, one with each supporter, and one
/// request nobody took; ゆうママ (富勢) had one activity awaiting her 確認, cancelled another late,
/// and has one request with its first wave out. A confirmed activity in February must not count.
fn build_month(app: &TestApp) -> Month {
    let coordinator = MemberBuilder::new("センター")
        .role(Role::Coordinator)
        .carrier(crate::helpers::builders::Carrier::Pc)
        .insert(app);
    let hana = FamilyBuilder::new("はなママ")
        .real_name("柏 花子")
        .child("さくら", "2024-04-02")
        .insert(app);
    let yuu = FamilyBuilder::new("ゆうママ")
        .real_name("豊四季 優子")
        .area("富勢")
        .child("ゆう", "2023-06-01")
        .insert(app);
    let yoshiko = SupporterBuilder::new("よしこ")
        .real_name("田中 良子")
        .areas(&["柏中央", "富勢"])
        .insert(app);
    let kazue = SupporterBuilder::new("かずえ")
        .real_name("鈴木 和恵")
        .areas(&["柏中央", "富勢"])
        .insert(app);
    let mut conn = app.pool.get().unwrap();
    let c = &mut conn;

    let care = ask(c, app, &hana, "柏中央", "2030-01-07", (600, 720), false);
    matched(c, care, &yoshiko, 10);
    reported(c, care, (600, 720), 1400, 0, true);

    let pickup = ask(c, app, &hana, "柏中央", "2030-01-08", (1020, 1110), true);
    matched(c, pickup, &kazue, 20);
    reported(c, pickup, (1020, 1110), 1200, 0, true);

    let saturday = ask(c, app, &yuu, "富勢", "2030-01-12", (540, 720), false);
    matched(c, saturday, &yoshiko, 30);
    reported(c, saturday, (540, 750), 2700, 300, false);

    let cancelled = ask(c, app, &yuu, "富勢", "2030-01-15", (600, 720), false);
    matched(c, cancelled, &kazue, 60);
    assert!(Progress::transition(c, cancelled, &[RequestStatus::Matched], RequestStatus::Cancelled).unwrap());
    diesel::update(support_progress::table.find(cancelled))
        .set((
            support_progress::cancel_fee.eq(Some(700)),
            support_progress::cancelled_at.eq(Some(at("2030-01-15 00:30"))),
        ))
        .execute(c)
        .unwrap();

    let unfilled = ask(c, app, &hana, "柏中央", "2030-01-18", (600, 660), false);
    assert!(Progress::transition(c, unfilled, &[RequestStatus::Open], RequestStatus::Unfilled).unwrap());

    let open = ask(c, app, &yuu, "富勢", "2030-01-20", (540, 600), false);
    for (position, supporter) in [(1, &yoshiko), (2, &kazue)] {
        Offer::insert(
            c,
            &NewOffer {
                request_id: open,
                supporter_id: supporter.id,
                wave: 1,
                position,
                score: 50,
                reason: "test",
                met_family: false,
            },
        )
        .unwrap();
    }
    let declined = Offer::of_request(c, open).unwrap()[1].id;
    assert!(Offer::answer(c, declined, OfferStatus::Declined, "web").unwrap());
    diesel::update(support_progress::table.find(open))
        .set((
            support_progress::wave.eq(1),
            support_progress::wave_deadline.eq(Some(at("2030-01-19 05:30"))),
        ))
        .execute(c)
        .unwrap();

    let february = ask(c, app, &hana, "柏中央", "2030-02-01", (600, 720), false);
    matched(c, february, &yoshiko, 5);
    reported(c, february, (600, 720), 9999, 0, true);

    Month {
        coordinator,
        hana,
        yuu,
        yoshiko,
        kazue,
        open,
        unfilled,
    }
}

/// A CSV as Excel would read it: CP932 without errors, every line ended by CRLF; its tables (split
/// at the empty line) as rows of cells (no cell here needs quoting).
fn csv(res: &Response) -> Vec<Vec<Vec<String>>> {
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.header("content-type"), Some("text/csv; charset=Shift_JIS"));
    let disposition = res.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"hiroba-"),
        "{disposition}"
    );
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&res.body);
    assert!(!bad, "not CP932");
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "bare LF in {text}"
    );
    assert!(!text.contains('"'), "{text}");
    text.trim_end_matches("\r\n")
        .split("\r\n\r\n")
        .map(|table| {
            table
                .split("\r\n")
                .map(|l| l.split(',').map(str::to_string).collect())
                .collect()
        })
        .collect()
}

fn row<'a>(table: &'a [Vec<String>], first_cells: &[&str]) -> &'a [String] {
    table
        .iter()
        .find(|r| r.iter().zip(first_cells).all(|(a, b)| a == b))
        .unwrap_or_else(|| panic!("no row {first_cells:?} in {table:?}"))
}

db_test! {
    fn the_monthly_csvs_add_up_activities_cancellations_and_requests(app: Empty) {
        let m = build_month(&app);
        let mut pc = m.coordinator.sign_in(&app, ua::PC);

        let supporters = csv(&pc.get(&format!("/admin/support/statements/supporters.csv?month={MONTH}")));
        assert_eq!(
            supporters[0][0].join(","),
            "年月,提供会員番号,氏名,ニックネーム,活動件数,うち確認待ち,活動時間（分）,活動時間,活動の金額（円）,うち交通費（円）,キャンセル件数,キャンセル料（円）,支払額（円）"
        );
        assert_eq!(supporters[0].len(), 3, "two supporters: {:?}", supporters[0]);
        let y = m.yoshiko.id.to_string();
        let k = m.kazue.id.to_string();
        assert_eq!(row(&supporters[0], &[MONTH, &y])[2..].join(","), "田中 良子,よしこ,2,1,330,5時間30分,4100,300,0,0,4100");
        assert_eq!(row(&supporters[0], &[MONTH, &k])[2..].join(","), "鈴木 和恵,かずえ,1,0,90,1時間30分,1200,0,1,700,1900");
        // The lines, with dates that carry the year and the families' real names.
        assert_eq!(supporters[1][0][..3].join(","), "提供会員番号,提供会員,日付");
        assert_eq!(supporters[1].len(), 1 + 4);
        assert_eq!(
            row(&supporters[1], &[&y, "田中 良子", "2030-01-12"])[3..].join(","),
            // 〜 is written as CP932's 0x8160, which reads back as the full-width tilde.
            "9:00～12:30,あずかり,豊四季 優子（ゆうママ）,210,300,2700,確認待ち"
        );
        assert_eq!(row(&supporters[1], &[&k, "鈴木 和恵", "2030-01-15"])[6..].join(","), "0,0,700,キャンセル料");

        let families = csv(&pc.get(&format!("/admin/support/statements/families.csv?month={MONTH}")));
        assert_eq!(
            families[0][0].join(","),
            "年月,依頼会員番号,氏名,ニックネーム,地域,活動件数,うち確認待ち,活動時間（分）,活動時間,活動の金額（円）,うち交通費（円）,キャンセル件数,キャンセル料（円）,請求額（円）"
        );
        let (h, u) = (m.hana.member.id.to_string(), m.yuu.member.id.to_string());
        assert_eq!(row(&families[0], &[MONTH, &h])[2..].join(","), "柏 花子,はなママ,柏中央,2,0,210,3時間30分,2600,0,0,0,2600");
        assert_eq!(row(&families[0], &[MONTH, &u])[2..].join(","), "豊四季 優子,ゆうママ,富勢,1,1,210,3時間30分,2700,300,1,700,3400");
        assert_eq!(families[1].len(), 1 + 4, "2 + 1 activities and the cancellation");

        let centre = csv(&pc.get(&format!("/admin/support/statements/centre.csv?month={MONTH}")));
        assert_eq!(
            centre[0][0].join(","),
            "年月,地域,依頼件数,成立件数,未成立件数,取消件数,充足率（%）,活動件数,うち確認待ち,活動時間（分）,活動の金額（円）,キャンセル料（円）"
        );
        assert_eq!(row(&centre[0], &[MONTH, "柏中央"])[2..].join(","), "3,2,1,0,66,2,0,210,2600,0");
        assert_eq!(row(&centre[0], &[MONTH, "富勢"])[2..].join(","), "3,2,0,1,100,1,1,210,2700,700");
        assert_eq!(row(&centre[0], &[MONTH, "松葉"])[2..].join(","), "0,0,0,0,,0,0,0,0,0");
        assert_eq!(row(&centre[0], &[MONTH, "合計"])[2..].join(","), "6,4,1,1,80,3,1,420,5300,700");
        let facts: Vec<String> = centre[1][1..].iter().map(|r| r[1..].join("=")).collect();
        assert_eq!(
            facts,
            [
                "依頼会員数=2",
                "提供会員数=2",
                "両方会員数=0",
                "引き受けまでの時間 中央値（分）=20",
                "引き受けまでの時間 90パーセンタイル（分）=60",
            ]
        );

        // The page shows the same month, and prints without its links.
        let page = pc.get(&format!("/admin/support/statements?month={MONTH}"));
        assert_eq!(page.status, 200);
        let text = page.text();
        for want in ["2030年1月", "田中 良子（よしこ）", "4,100円", "80%", "2029-12", "2030-02", "@media print"] {
            assert!(text.contains(want), "{want} missing");
        }
        let printed = pc.get(&format!("/admin/support/statements?month={MONTH}&print=1")).text();
        assert!(printed.contains("3,400円") && !printed.contains("supporters.csv"));
        let detail = pc.get(&format!("/admin/support/statements/families/{}?month={MONTH}", m.yuu.member.id)).text();
        assert!(detail.contains("2030/01/15（火）") && detail.contains("キャンセル料") && detail.contains("3,400円"), "{detail}");
        assert_eq!(pc.get("/admin/support/statements?month=2030-13").status, 400);
        assert_eq!(pc.get(&format!("/admin/support/statements/supporters/999999?month={MONTH}")).status, 404);
    }
}

db_test! {
    fn the_console_shows_an_open_requests_wave_and_an_unfilled_request(app: Empty) {
        let m = build_month(&app);
        let mut pc = m.coordinator.sign_in(&app, ua::PC);
        let res = pc.get("/admin/support");
        assert_eq!(res.status, 200);
        let text = res.text();
        let open = format!("/admin/support/requests/{}", m.open);
        let unfilled = format!("/admin/support/requests/{}", m.unfilled);
        let (open_at, unfilled_at) = (text.find(&open).expect("open request"), text.find(&unfilled).expect("unfilled"));
        let open_part = &text[open_at..unfilled_at];
        for want in ["01/20（日） 9:00〜10:00", "富勢", "豊四季 優子（ゆうママ）", "1 / 3", "14:30", "1回目 田中 良子（よしこ）：返事待ち", "鈴木 和恵（かずえ）：辞退"] {
            assert!(open_part.contains(want), "{want} missing in {open_part}");
        }
        assert!(text[unfilled_at..].contains("01/18（金）"), "the unfilled request's day");
        assert!(text.contains("未成立の依頼（1件）"));
        assert!(text.contains("http-equiv=\"refresh\" content=\"30\""), "a PC reloads the console");
        let mut phone = m.coordinator.sign_in(&app, ua::IPHONE);
        let res = phone.get("/admin/support");
        assert_eq!(res.status, 200);
        assert!(!res.text().contains("http-equiv=\"refresh\""), "a phone does not");
    }
}

db_test! {
    fn only_coordinators_see_the_console_and_the_statements(app: Empty) {
        let m = build_month(&app);
        let mut mama = m.hana.member.sign_in(&app, ua::PC);
        let mut helper = m.yoshiko.sign_in(&app, ua::PC);
        for path in [
            "/admin/support".to_string(),
            format!("/admin/support/statements?month={MONTH}"),
            format!("/admin/support/statements/centre.csv?month={MONTH}"),
            format!("/admin/support/statements/families/{}?month={MONTH}", m.hana.member.id),
        ] {
            assert_eq!(mama.get(&path).status, 403, "{path}");
            assert_eq!(helper.get(&path).status, 403, "{path}");
        }
        // A family is no supporter: she has no 月報 of her own.
        assert_eq!(mama.get("/support/statement").status, 403);
    }
}

db_test! {
    fn a_supporter_reads_her_month_on_an_imode_phone_without_the_families_real_names(app: Empty) {
        let m = build_month(&app);
        let mut phone = m.yoshiko.sign_in(&app, ua::DOCOMO_MOVA);
        assert!(phone.sid.is_some(), "i-mode 1.0 keeps no cookie");
        let res = phone.get(&format!("/support/statement?month={MONTH}"));
        assert_eq!(res.status, 200);
        assert!(res.is_shift_jis());
        let text = res.sjis_text();
        for want in ["2030年1月", "活動 2件（確認待ち1件）", "5時間30分", "4,100円", "はなママさん", "ゆうママさん", "確認待ち"] {
            assert!(text.contains(want), "{want} missing in {text}");
        }
        for real in ["柏 花子", "豊四季 優子"] {
            assert!(!text.contains(real), "a supporter sees no real name");
        }
        assert!(!text.contains("9,999円"), "February is another month");
        // The month links keep her session.
        assert!(text.contains(&format!("month=2029-12&amp;sid={}", phone.sid.clone().unwrap())), "{text}");
    }
}
