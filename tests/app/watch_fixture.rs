//! Child-watch test data built through the models, and a signed reader client over real HTTP.

use crate::helpers::{Response, TestApp};
use hiroba::auth::admin::{add_member, AddMember};
use hiroba::db::models::watch::child::{Child, NewChild};
use hiroba::db::models::watch::reader::{Reader, ReaderKind};
use hiroba::db::models::watch::recipient::Recipient;
use hiroba::db::models::watch::school::School;
use hiroba::db::models::watch::tag::TagAssignment;
use hiroba::domain::role::{MemberStatus, Role};
use hiroba::watch::signature::sign;

/// One school with a gate and a waypoint, and one child (ゆうた, tag 04A1B2C3) mailed to `guardians`.
pub struct Watch {
    pub school: School,
    pub gate: Reader,
    pub waypoint: Reader,
    pub child: Child,
    pub tag: String,
}

impl Watch {
    pub fn new(app: &TestApp, guardians: &[&str]) -> Watch {
        let mut conn = app.pool.get().unwrap();
        let school = School::ensure(&mut conn, "柏第一小学校").unwrap();
        let gate_id = Reader::create(&mut conn, school.id, "正門", ReaderKind::Gate, &"a".repeat(64)).unwrap();
        let waypoint_id = Reader::create(
            &mut conn,
            school.id,
            "学童クラブ前",
            ReaderKind::Waypoint,
            &"b".repeat(64),
        )
        .unwrap();
        let child = add_child(app, &school, "1001", "山田 ゆうた", "ゆうた", "04A1B2C3");
        for (i, address) in guardians.iter().enumerate() {
            Recipient::upsert(&mut conn, child.id, address, if i == 0 { "母" } else { "父" }, None).unwrap();
        }
        Watch {
            gate: Reader::find(&mut conn, gate_id).unwrap().unwrap(),
            waypoint: Reader::find(&mut conn, waypoint_id).unwrap().unwrap(),
            school,
            child,
            tag: "04A1B2C3".into(),
        }
    }
}

pub fn add_child(app: &TestApp, school: &School, code: &str, name: &str, short: &str, tag: &str) -> Child {
    let mut conn = app.pool.get().unwrap();
    let id = Child::upsert(
        &mut conn,
        &NewChild {
            school_id: school.id,
            code,
            name,
            short_name: short,
            grade: 3,
            class_name: "2組",
        },
    )
    .unwrap();
    // Assigned yesterday, so that reads of the last minutes fall inside the assignment.
    let since = hiroba::db::now() - chrono::Duration::days(1);
    TagAssignment::assign(&mut conn, tag, id, "テスト", since).unwrap();
    Child::find(&mut conn, id).unwrap().unwrap()
}

/// An approved member with these roles and a verified address.
pub fn member(app: &TestApp, email: &str, roles: &[Role]) -> i64 {
    let mut conn = app.pool.get().unwrap();
    add_member(
        &mut conn,
        &app.state.ctx.profiles,
        &AddMember {
            email,
            password: "watch-pass-1",
            roles,
            nickname: "見守り",
            real_name: "見守り 太郎",
            area: None,
            status: MemberStatus::Approved,
        },
    )
    .unwrap()
    .0
}

/// POSTs `body` to a reader endpoint, signed with the reader's secret at `timestamp`.
pub fn post_signed(app: &TestApp, reader: &Reader, endpoint: &str, body: &str, timestamp: i64) -> Response {
    let path = format!("/api/v1/readers/{}/{endpoint}", reader.id);
    let signature = sign(reader.secret.as_bytes(), timestamp, "POST", &path, body.as_bytes());
    let ts = timestamp.to_string();
    app.request(
        "POST",
        &path,
        &[
            ("Content-Type", "application/json"),
            ("X-Hiroba-Timestamp", &ts),
            ("X-Hiroba-Signature", &signature),
        ],
        Some(body.as_bytes()),
    )
}

/// Sends events now; each `(seq, tag, seconds ago, direction)`.
pub fn send(app: &TestApp, reader: &Reader, events: &[(u64, &str, i64, Option<&str>)]) -> Response {
    let now = chrono::Utc::now();
    let items: Vec<serde_json::Value> = events
        .iter()
        .map(|(seq, tag, ago, direction)| {
            serde_json::json!({
                "seq": seq,
                "tag": tag,
                "read_at": (now - chrono::Duration::seconds(*ago)).to_rfc3339(),
                "direction": direction,
            })
        })
        .collect();
    post_signed(
        app,
        reader,
        "events",
        &serde_json::Value::from(items).to_string(),
        now.timestamp(),
    )
}
