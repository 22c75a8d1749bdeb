//! 送迎・あずかり支援 tables: what builders write reads back, and a request is won once.

use crate::helpers::builders::{area_id, FamilyBuilder, SupporterBuilder};
use chrono::{NaiveDate, Weekday};
use hiroba::db::models::support::member::SupportMember;
use hiroba::db::models::support::request::{NewRequest, Progress, RequestChild, SupportRequest};
use hiroba::db::models::support::supporter::Supporter;
use hiroba::domain::support::ids::{AreaId, FamilyId, SupporterId};
use hiroba::domain::support::reason::Exclusion;
use hiroba::domain::support::request::{CarePlace, Kind};
use hiroba::domain::support::skill::Skill;
use hiroba::domain::support::slot::Slot;
use hiroba::domain::support::status::RequestStatus;
use hiroba::support::candidates::ranking;
use std::sync::{Arc, Barrier};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

db_test! {
    fn a_built_supporter_reads_back_with_her_vetting_and_week(app: Empty) {
        let yoshiko = SupporterBuilder::new("よしこ")
            .areas(&["柏中央", "富勢"])
            .skills(&[Skill::Infant, Skill::Car])
            .weekly(&[(Weekday::Mon, "09:00", "12:00"), (Weekday::Mon, "15:00", "18:00")])
            .insert(&app);
        let mut conn = app.pool.get().unwrap();
        let row = Supporter::find(&mut conn, yoshiko.id).unwrap().expect("supporter row");
        assert_eq!(row.skills().to_string(), "乳児可・送迎に車を使える");
        let vetting = row.vetting();
        assert!(vetting.interviewed && vetting.course_completed.is_some());
        assert!(vetting.insurance.is_some_and(|p| p.covers(day("2027-01-15"))));
        let areas = Supporter::areas(&mut conn, yoshiko.id).unwrap();
        assert_eq!(areas, [AreaId(area_id(&app, "柏中央")), AreaId(area_id(&app, "富勢"))]);
        let week = Supporter::availability(&mut conn, yoshiko.id, day("2026-12-01")).unwrap();
        let monday = day("2026-12-07");
        let covers = |from: u32, until: u32| week.covers(&Slot::from_minutes(monday, from, until).unwrap());
        assert!(covers(9 * 60, 12 * 60));
        assert!(!covers(11 * 60, 16 * 60), "the gap between her bands");
        assert!(!week.covers(&Slot::from_minutes(day("2026-12-08"), 600, 660).unwrap()), "Tuesday is off");
    }
}

db_test! {
    fn two_winners_racing_for_one_request_leave_one_match(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2021-04-02").insert(&app);
        let first = SupporterBuilder::new("よしこ").insert(&app);
        let second = SupporterBuilder::new("かずえ").insert(&app);
        let mut conn = app.pool.get().unwrap();
        let id = SupportRequest::insert(
            &mut conn,
            &NewRequest {
                family: FamilyId(family.member.id),
                area: AreaId(area_id(&app, "柏中央")),
                kind: Kind::Care { at: CarePlace::FamilyHome },
                from_place: "",
                to_place: "",
                slot: Slot::from_minutes(day("2030-01-07"), 600, 720).unwrap(),
                urgent: false,
                note: "",
                children: &[RequestChild { child_id: family.children[0], after_illness: false }],
            },
        )
        .unwrap();
        drop(conn);
        // Two connections at once, as two app servers would.
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = [first.id, second.id]
            .into_iter()
            .map(|supporter| {
                let pool = app.pool.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut conn = pool.get().unwrap();
                    barrier.wait();
                    hiroba::db::write_transaction(&mut conn, |conn| Progress::win(conn, id, SupporterId(supporter), None))
                        .unwrap()
                })
            })
            .collect();
        let wins: Vec<bool> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(wins.iter().filter(|w| **w).count(), 1, "{wins:?}");
        let mut conn = app.pool.get().unwrap();
        let request = SupportRequest::find(&mut conn, id).unwrap().unwrap();
        assert_eq!(request.progress.status(), RequestStatus::Matched);
        let winner = if wins[0] { first.id } else { second.id };
        assert_eq!(request.progress.supporter_id, Some(winner));
        let code = request.progress.handover_code.unwrap();
        assert!(code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
        assert!(!Progress::win(&mut conn, id, SupporterId(first.id), None).unwrap(), "a late win loses");
    }
}

db_test! {
    fn the_ranking_read_from_the_tables_orders_the_eligible_and_names_each_exclusion(app: Empty) {
        let family = FamilyBuilder::new("はなママ").child("さくら", "2027-06-01").insert(&app);
        FamilyBuilder::new("ゆいママ").area("松葉").also_helps().insert(&app);
        let near = SupporterBuilder::new("よしこさん").insert(&app);
        let far = SupporterBuilder::new("かずえさん").home("富勢").areas(&["柏中央", "富勢"]).insert(&app);
        let paused = SupporterBuilder::new("ふみえさん").paused().insert(&app);
        let full = SupporterBuilder::new("としこさん").monthly_limit(0).insert(&app);
        let elsewhere = SupporterBuilder::new("えつこさん").home("松葉").areas(&["松葉"]).insert(&app);
        let mut conn = app.pool.get().unwrap();
        let id = SupportRequest::insert(
            &mut conn,
            &NewRequest {
                family: FamilyId(family.member.id),
                area: AreaId(area_id(&app, "柏中央")),
                kind: Kind::Care { at: CarePlace::FamilyHome },
                from_place: "",
                to_place: "",
                slot: Slot::from_minutes(day("2030-01-07"), 600, 720).unwrap(),
                urgent: false,
                note: "",
                children: &[RequestChild { child_id: family.children[0], after_illness: false }],
            },
        )
        .unwrap();
        let request = SupportRequest::find(&mut conn, id).unwrap().unwrap();
        let (_, ranked) = ranking(&mut conn, &request).unwrap();
        let order: Vec<i64> = ranked.eligible.iter().map(|r| r.id.0).collect();
        assert_eq!(order, [near.id, far.id], "at home beats 5 km away (no distance recorded)");
        let reason = |id: i64| ranked.excluded.iter().find(|e| e.id.0 == id).map(|e| e.reason);
        assert_eq!(reason(paused.id), Some(Exclusion::Inactive));
        assert_eq!(reason(full.id), Some(Exclusion::LimitReached { done: 0, limit: 0 }));
        assert_eq!(reason(elsewhere.id), Some(Exclusion::OutsideArea));
        // The city's member counts: 依頼 1, 提供 5, 両方 1 (ゆいママ also helps).
        assert_eq!(SupportMember::counts(&mut conn).unwrap(), (1, 5, 1));
    }
}
