//! Demo デジタル連絡帳, the week: absence notices (today's and the week's, some confirmed),
//! this morning's 未登校・連絡なし with one child already phoned, and はなママ's home board
//! with its messages, a reply and yesterday's ただいま. History only: nothing here is mailed.

use super::notebook::DemoNotebook;
use crate::db::models::notebook::absence::{Absence, NewAbsence};
use crate::db::models::notebook::contacted::Contacted;
use crate::db::models::notebook::home::HomeNote;
use crate::db::schema::home_notes;
use crate::db::{write_transaction, DbConnection};
use crate::domain::notebook::{AbsenceKind, Channel};
use crate::domain::time::jst_day_start;
use crate::notebook::home::{issue_code, pair, Pairing};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// Notices: child (roster position), days before today, kind, reason, note, by mail, confirmed.
const ABSENCES: [(usize, i64, AbsenceKind, &str, &str, bool, bool); 8] = [
    (23, 0, AbsenceKind::Absent, "発熱", "朝から38度あります。", true, false),
    (
        4,
        0,
        AbsenceKind::Late,
        "通院",
        "耳鼻科に寄ってから、10時ごろ登校します。",
        false,
        true,
    ),
    (
        16,
        0,
        AbsenceKind::Early,
        "家庭の都合",
        "13時に迎えに行きます。",
        false,
        false,
    ),
    (
        0,
        2,
        AbsenceKind::Absent,
        "体調不良",
        "咳が出ているので休ませます。",
        false,
        true,
    ),
    (31, 2, AbsenceKind::Absent, "発熱", "", true, true),
    (8, 3, AbsenceKind::Late, "通院", "歯医者のあと登校します。", false, true),
    (
        45,
        4,
        AbsenceKind::Absent,
        "忌引",
        "祖父の葬儀のため、2日間休みます。",
        false,
        true,
    ),
    (27, 5, AbsenceKind::Absent, "家庭の都合", "", true, true),
];

/// The home board of はなママ's family, paired in the demo.
pub struct DemoBoard {
    /// The board's own address (phones without cookies keep the token in it).
    pub path: String,
}

pub fn seed(
    conn: &mut DbConnection,
    demo: &DemoNotebook,
    pairing_minutes: u32,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<DemoBoard, String> {
    let db = |e: diesel::result::Error| e.to_string();
    let guardian_of = |conn: &mut DbConnection, child_id: i64| -> Result<Option<i64>, String> {
        let pairs =
            crate::db::models::notebook::family::Family::guardians_of_children(conn, &[child_id]).map_err(db)?;
        Ok(pairs.first().map(|(_, member)| *member))
    };
    for (position, days_ago, kind, reason, note, by_mail, confirmed) in ABSENCES {
        let child = &demo.children[position];
        let Some(member_id) = guardian_of(conn, child.id)? else {
            continue;
        };
        write_transaction(conn, |conn| {
            let id = Absence::insert(
                conn,
                &NewAbsence {
                    child_id: child.id,
                    member_id,
                    day: today - Duration::days(days_ago),
                    kind,
                    reason: reason.into(),
                    note: note.into(),
                    channel: if by_mail { Channel::Mail } else { Channel::Web },
                    inbound_mail_id: None,
                },
            )?;
            if confirmed {
                Absence::confirm(conn, id, demo.teacher)?;
            }
            Ok(())
        })
        .map_err(db)?;
    }
    // This morning: 3年1組's child was phoned already (the others of the five still missing at
    // the gate are on the list; one of them sent a notice above).
    Contacted::mark(conn, demo.children[35].id, today, demo.teacher).map_err(db)?;

    let family = demo.family.id;
    let hana = demo.guardian;
    let code = issue_code(conn, family, hana, pairing_minutes).map_err(db)?;
    let Pairing::Paired { token, .. } = pair(conn, "demo", &code.code, "リビングのタブレット").map_err(db)?
    else {
        return Err("the demo's pairing code was refused".into());
    };
    let yuta = demo.children[0].id;
    let at = |days: i64, hour: i64, minute: i64| {
        jst_day_start(today - Duration::days(days)) + Duration::minutes(hour * 60 + minute)
    };
    write_transaction(conn, |conn| {
        let snack = HomeNote::message(conn, family, hana, None, "おやつは冷蔵庫のプリンだよ")?;
        backdate(conn, snack.id, at(1, 12, 30))?;
        let tadaima = HomeNote::tadaima(conn, family, yuta, Duration::minutes(2))?;
        if let Some(note) = tadaima {
            backdate(conn, note.id, at(1, 15, 42))?;
        }
        if let Some(reply) = HomeNote::reply(conn, family, yuta, snack.id, "わかった")? {
            backdate(conn, reply.id, at(1, 15, 44))?;
        }
        let today_note = HomeNote::message(
            conn,
            family,
            hana,
            Some(yuta),
            "きょうはスイミングの日。4時にむかえに行くね",
        )?;
        backdate(conn, today_note.id, at(0, 7, 50).min(now))?;
        Ok(())
    })
    .map_err(db)?;
    Ok(DemoBoard {
        path: format!("/home/b/{token}"),
    })
}

/// Moves a demo note to when it was written.
fn backdate(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(home_notes::table.find(id))
        .set(home_notes::created_at.eq(at))
        .execute(conn)
        .map(drop)
}
