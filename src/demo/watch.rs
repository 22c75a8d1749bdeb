//! Demo child watch: one school with 20 readers, 60 children with tags, their guardians, staff,
//! volunteers and this morning's arrivals, seeded once into a database without schools.

use crate::db::models::mail_address::MailAddress;
use crate::db::models::watch::child::{Child, NewChild};
use crate::db::models::watch::emergency_contact::EmergencyContact;
use crate::db::models::watch::pass::{Pass, PassDirection};
use crate::db::models::watch::reader::{Reader, ReaderKind};
use crate::db::models::watch::recipient::Recipient;
use crate::db::models::watch::school::School;
use crate::db::models::watch::tag::TagAssignment;
use crate::db::{now, DbConnection};
use crate::domain::time::JST;
use crate::watch::signature::new_secret;
use chrono::{Duration, NaiveTime, Utc};

const SCHOOL: &str = "柏市立あぃあぃ小学校";

const GATES: [&str; 3] = ["正門", "東門", "西門"];
const WAYPOINTS: [&str; 17] = [
    "学童クラブ前",
    "児童館前",
    "中央公園前",
    "駅前交差点",
    "図書館前",
    "郵便局前",
    "こども110番の家（さくら薬局）",
    "旭町歩道橋",
    "あけぼの公園",
    "市民プール前",
    "消防署前",
    "柏中央郵便局",
    "みどり保育園前",
    "けやき通り",
    "南口バス停",
    "北口バス停",
    "第二公園",
];

const SHORT_NAMES: [&str; 20] = [
    "ゆうた",
    "さくら",
    "はると",
    "ゆい",
    "そうた",
    "ひなた",
    "りく",
    "めい",
    "こうき",
    "あおい",
    "たくみ",
    "ことね",
    "れん",
    "みお",
    "しょう",
    "ほのか",
    "だいち",
    "りん",
    "かいと",
    "ゆな",
];
const FAMILY_NAMES: [&str; 10] = [
    "山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤",
];

/// The demo teacher and coordinator work at the school; the demo guardian (and her mother)
/// receive mail for the first two children.
pub fn seed(conn: &mut DbConnection, staff: &[&str], family: &[&str]) -> Result<bool, Box<dyn std::error::Error>> {
    if !School::all(conn)?.is_empty() {
        return Ok(false);
    }
    let school = School::ensure(conn, SCHOOL)?;
    let mut gates = Vec::new();
    for name in GATES {
        gates.push(Reader::create(conn, school.id, name, ReaderKind::Gate, &new_secret())?);
    }
    for name in WAYPOINTS {
        Reader::create(conn, school.id, name, ReaderKind::Waypoint, &new_secret())?;
    }
    for address in staff {
        if let Some(a) = MailAddress::find(conn, address)? {
            School::add_staff(conn, school.id, a.member_id)?;
        }
    }
    EmergencyContact::add(
        conn,
        school.id,
        "見守りボランティア 柏木さん",
        "kashiwagi.volunteer@example.jp",
    )?;
    EmergencyContact::add(
        conn,
        school.id,
        "見守りボランティア 旭さん",
        "asahi.volunteer@example.jp",
    )?;
    let since = now() - Duration::days(30);
    let today = Utc::now().with_timezone(&JST).date_naive();
    for i in 0..60usize {
        let short = SHORT_NAMES[i % SHORT_NAMES.len()];
        let code = format!("{:04}", 1001 + i);
        let child = Child::upsert(
            conn,
            &NewChild {
                school_id: school.id,
                code: &code,
                name: &format!("{} {short}", FAMILY_NAMES[i % FAMILY_NAMES.len()]),
                short_name: short,
                grade: (i / 10 + 1) as i32,
                class_name: if i % 10 < 5 { "1組" } else { "2組" },
            },
        )?;
        TagAssignment::assign(conn, &format!("04DE40{:04X}", i), child, "配布", since)?;
        let addresses: Vec<String> = if i < 2 {
            family.iter().map(|a| a.to_string()).collect()
        } else {
            vec![format!("hogosha{:03}@example.jp", i)]
        };
        for (n, address) in addresses.iter().enumerate() {
            Recipient::upsert(conn, child, address, if n == 0 { "母" } else { "祖母" }, None)?;
        }
        // This morning's arrivals (five children are still missing): shown on the staff board.
        let arrived = NaiveTime::from_hms_opt(7, 35 + (i as u32 % 40), 0).map(|t| today.and_time(t));
        if let Some(local) = arrived.filter(|_| i % 12 != 11) {
            let utc = local - Duration::hours(9);
            if utc < now() {
                Pass::create(conn, child, gates[i % gates.len()], utc, Some(PassDirection::Arrival))?;
            }
        }
    }
    Ok(true)
}
