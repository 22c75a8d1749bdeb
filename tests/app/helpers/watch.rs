//! Child watch: the one-child school most watch tests start from (built with `builders`), and a
//! signed reader client over real HTTP.

use crate::helpers::builders::{ChildBuilder, MemberBuilder, SchoolBuilder};
use crate::helpers::{Response, TestApp};
use hiroba::db::models::watch::child::Child;
use hiroba::db::models::watch::reader::Reader;
use hiroba::db::models::watch::school::School;
use hiroba::domain::role::Role;
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
        let mut yuta = ChildBuilder::new("ゆうた")
            .name("山田 ゆうた")
            .code("1001")
            .tag("04A1B2C3");
        for (i, address) in guardians.iter().enumerate() {
            yuta = yuta.guardian(address, if i == 0 { "母" } else { "父" });
        }
        let built = SchoolBuilder::new("柏第一小学校")
            .gate("正門")
            .waypoint("学童クラブ前")
            .child(yuta)
            .insert(app);
        let [gate, waypoint] = <[Reader; 2]>::try_from(built.readers).expect("two readers");
        Watch {
            school: built.school,
            gate,
            waypoint,
            child: built.children.into_iter().next().expect("ゆうた"),
            tag: "04A1B2C3".into(),
        }
    }
}

/// Another child at `school`, third grade 2組, with `tag` and no guardian.
pub fn add_child(app: &TestApp, school: &School, code: &str, name: &str, short: &str, tag: &str) -> Child {
    ChildBuilder::new(short)
        .name(name)
        .code(code)
        .tag(tag)
        .insert(app, school)
}

/// An approved member with these roles and a verified address; returns her id.
pub fn member(app: &TestApp, email: &str, roles: &[Role]) -> i64 {
    MemberBuilder::new("見守り")
        .email(email)
        .real_name("見守り 太郎")
        .roles(roles)
        .password("watch-pass-1")
        .insert(app)
        .id
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
