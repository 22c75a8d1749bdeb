//! The notebook's shared tables as the other parts use them: families across schools, a merge of
//! two families, a message's thread in its school's place, and a read recorded once.

use crate::helpers::builders::{
    child_code, teacher, ChildBuilder, MemberBuilder, NotebookFamily, SchoolBuilder, TestNotebookFamily,
};
use diesel::prelude::*;
use hiroba::db::models::activity::Activity;
use hiroba::db::models::notebook::family::Family;
use hiroba::db::models::notebook::recipient::Recipient;
use hiroba::db::models::notebook::teacher::{classes_of, teachers_of, Class};
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::db::schema::{notebook_child_codes, notebook_messages, notebook_recipients};
use hiroba::db::{now, write_transaction};
use hiroba::domain::notebook::ReadVia;
use hiroba::domain::post::PostTitle;
use hiroba::domain::thread::{Channel, Place};

db_test! {
    fn families_reach_children_at_two_schools_and_merge_when_two_guardians_meet(app: Empty) {
        let first = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let second = SchoolBuilder::new("柏第二小学校").insert(&app).school;
        let tanaka = teacher(&app, &first, MemberBuilder::new("田中先生"), &[(2, "1組"), (4, "2組")]);
        let mama: TestNotebookFamily = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &first);
        child_code(&app, mama.children[0].id, "K7M2P9QX");
        let sister = NotebookFamily::add_child(&app, &mama, ChildBuilder::new("さき").class(5, "1組"), &second);
        let papa = NotebookFamily::new().guardian(MemberBuilder::new("ゆうたパパ")).insert(&app, &first);

        let mut conn = app.pool.get().unwrap();
        let mama_id = mama.guardians[0].id;
        let names = |conn: &mut _, member| {
            Family::children_of_guardian(conn, member).unwrap().into_iter().map(|c| c.short_name).collect::<Vec<_>>()
        };
        assert_eq!(names(&mut conn, mama_id), ["ゆうた", "さき"]);
        assert!(names(&mut conn, papa.guardians[0].id).is_empty());
        assert_eq!(Family::of_child(&mut conn, sister.id).unwrap(), Some(mama.family.clone()));
        assert_eq!(Family::by_mail_token(&mut conn, &mama.family.mail_token).unwrap(), Some(mama.family.clone()));
        let code: String = notebook_child_codes::table
            .find(mama.children[0].id)
            .select(notebook_child_codes::code)
            .first(&mut *conn)
            .unwrap();
        assert_eq!(code, "K7M2P9QX");

        write_transaction(&mut conn, |conn| Family::merge(conn, papa.family.id, mama.family.id)).unwrap();
        assert_eq!(names(&mut conn, papa.guardians[0].id), ["ゆうた", "さき"]);
        let guardians = Family::guardians(&mut conn, mama.family.id).unwrap();
        assert_eq!(guardians.iter().map(|g| g.nickname.as_str()).collect::<Vec<_>>(), ["はなママ", "ゆうたパパ"]);
        assert_eq!(Family::find(&mut conn, papa.family.id).unwrap(), None);
        let pairs = Family::guardians_of_children(&mut conn, &[mama.children[0].id]).unwrap();
        assert_eq!(pairs.len(), 2, "both guardians of ゆうた: {pairs:?}");

        let class = Class { grade: 2, class_name: "1組".into() };
        assert_eq!(classes_of(&mut conn, first.id, tanaka.id).unwrap()[0], class);
        assert_eq!(class.label(), "2年1組");
        assert_eq!(teachers_of(&mut conn, first.id, &class).unwrap(), [tanaka.id]);
        assert!(classes_of(&mut conn, second.id, tanaka.id).unwrap().is_empty());
    }
}

db_test! {
    fn a_message_is_a_thread_of_its_school_and_a_read_is_recorded_once(app: Empty) {
        let school = SchoolBuilder::new("柏第一小学校").insert(&app).school;
        let tanaka = teacher(&app, &school, MemberBuilder::new("田中先生"), &[(2, "1組")]);
        let family = NotebookFamily::new()
            .guardian(MemberBuilder::new("はなママ"))
            .child(ChildBuilder::new("ゆうた").class(2, "1組"))
            .insert(&app, &school);
        let mut conn = app.pool.get().unwrap();
        let place = Place::Notebook(school.id);
        let thread = Thread::insert(
            &mut conn,
            &NewThread {
                place,
                member_id: tanaka.id,
                title: &PostTitle::parse("遠足のお知らせ").unwrap(),
                body: "10日は遠足です。",
                category: None,
                area_id: None,
                channel: Channel::Web,
                inbound_mail_id: None,
                profile: "pc",
            },
        )
        .unwrap();
        let at = now();
        diesel::insert_into(notebook_messages::table)
            .values((
                notebook_messages::thread_id.eq(thread),
                notebook_messages::school_id.eq(school.id),
                notebook_messages::kind.eq("letter"),
                notebook_messages::audience.eq("school"),
                notebook_messages::answers.eq("none"),
                notebook_messages::send_at.eq(at),
                notebook_messages::school_year.eq(2026),
                notebook_messages::created_at.eq(at),
            ))
            .execute(&mut *conn)
            .unwrap();
        diesel::insert_into(notebook_recipients::table)
            .values((
                notebook_recipients::thread_id.eq(thread),
                notebook_recipients::member_id.eq(family.guardians[0].id),
                notebook_recipients::token.eq("abcdefghjk234567"),
            ))
            .execute(&mut *conn)
            .unwrap();

        let hour = chrono::Duration::hours(1);
        assert!(
            Activity::threads(&mut conn, at - hour, at + hour).unwrap().is_empty(),
            "a school's message is not a member's post in the statistics"
        );
        let stored = Thread::find(&mut conn, thread).unwrap().unwrap();
        assert_eq!(stored.place, place);
        assert_eq!(place.thread_path(thread), format!("/notebook/messages/{thread}"));
        let mine = Recipient::by_token(&mut conn, "abcdefghjk234567").unwrap().unwrap();
        assert_eq!((mine.thread_id, mine.member_id, mine.read_at), (thread, family.guardians[0].id, None));
        assert!(Recipient::mark_read(&mut conn, mine.id, ReadVia::Link, at).unwrap());
        assert!(!Recipient::mark_read(&mut conn, mine.id, ReadVia::Web, at).unwrap(), "the first read counts");
        let read = Recipient::of(&mut conn, thread, family.guardians[0].id).unwrap().unwrap();
        assert_eq!(read.read_via, Some(ReadVia::Link));
    }
}
