//! Retention: a school year's messages (with their receipts) and notices go once the year and the
//! configured days after it are over; this year's stay.

use crate::helpers::builders::{teacher, ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder};
use chrono::NaiveDate;
use diesel::prelude::*;
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::db::now;
use hiroba::db::schema::{notebook_absences, notebook_messages, notebook_recipients};
use hiroba::domain::post::PostTitle;
use hiroba::domain::thread::{Channel, Place};
use hiroba::notebook::retention::{purge, Purged};

db_test! {
    fn a_past_school_year_goes_after_the_kept_days_and_this_year_stays(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let mut conn = app.pool.get().unwrap();
        let message = |conn: &mut _, year: i32, token: &str| {
            let thread = Thread::insert(
                conn,
                &NewThread {
                    place: Place::Notebook(school.id),
                    member_id: tanaka.id,
                    title: &PostTitle::parse(&format!("{year}年度のお便り")).unwrap(),
                    body: "本文",
                    category: None,
                    area_id: None,
                    channel: Channel::Web,
                    inbound_mail_id: None,
                    profile: "pc",
                },
            )
            .unwrap();
            diesel::insert_into(notebook_messages::table)
                .values((
                    notebook_messages::thread_id.eq(thread),
                    notebook_messages::school_id.eq(school.id),
                    notebook_messages::kind.eq("letter"),
                    notebook_messages::audience.eq("school"),
                    notebook_messages::answers.eq("none"),
                    notebook_messages::send_at.eq(now()),
                    notebook_messages::school_year.eq(year),
                    notebook_messages::created_at.eq(now()),
                ))
                .execute(conn)
                .unwrap();
            diesel::insert_into(notebook_recipients::table)
                .values((
                    notebook_recipients::thread_id.eq(thread),
                    notebook_recipients::member_id.eq(family.guardians[0].id),
                    notebook_recipients::token.eq(token),
                ))
                .execute(conn)
                .unwrap();
            thread
        };
        let old = message(&mut conn, 2025, "oldoldoldoldold1");
        let current = message(&mut conn, 2026, "newnewnewnewnew1");
        for day in ["2026-03-10", "2026-04-08"] {
            diesel::insert_into(notebook_absences::table)
                .values((
                    notebook_absences::child_id.eq(family.children[0].id),
                    notebook_absences::day.eq(NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()),
                    notebook_absences::kind.eq("absent"),
                    notebook_absences::reason.eq("発熱"),
                    notebook_absences::channel.eq("web"),
                    notebook_absences::created_at.eq(now()),
                ))
                .execute(&mut *conn)
                .unwrap();
        }
        let settings = &app.state.ctx.settings;
        assert_eq!(settings.notebook.keep_days_after_year, 90);
        // 29 June 2026 (JST): the 2025 school year is still within its 90 days.
        let june_29 = NaiveDate::from_ymd_opt(2026, 6, 29).unwrap().and_hms_opt(3, 0, 0).unwrap();
        assert_eq!(purge(&mut conn, settings, june_29).unwrap(), Purged::default());
        let june_30 = june_29 + chrono::Duration::days(1);
        let purged = purge(&mut conn, settings, june_30).unwrap();
        assert_eq!((purged.messages, purged.absences), (1, 1));
        assert!(Thread::find(&mut conn, old).unwrap().is_none());
        assert!(Thread::find(&mut conn, current).unwrap().is_some());
        let tokens: Vec<String> = notebook_recipients::table.select(notebook_recipients::token).load(&mut *conn).unwrap();
        assert_eq!(tokens, ["newnewnewnewnew1"], "the old message's receipts went with it");
        let days: Vec<NaiveDate> = notebook_absences::table.select(notebook_absences::day).load(&mut *conn).unwrap();
        assert_eq!(days, [NaiveDate::from_ymd_opt(2026, 4, 8).unwrap()]);
        assert_eq!(purge(&mut conn, settings, june_30).unwrap(), Purged::default(), "nothing twice");
    }
}
