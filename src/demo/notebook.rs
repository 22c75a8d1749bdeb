//! Demo デジタル連絡帳: the watch demo's school gets a teacher per class, 申込コード for every child,
//! and families who joined with them — はなママ and さくらばあば with ゆうた (1年1組) and たくみ
//! (2年1組), five more families with siblings, some with two guardians, a few children nobody
//! has joined yet and one join waiting for approval. Seeded once, into a school without families.
//! Messages, receipts, answers, absences and the home board follow in `notebook_week`.

use crate::auth::admin::{add_member_hashed, AddMember};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::school_settings::SchoolSettings;
use crate::db::models::notebook::teacher::{assign, Class};
use crate::db::models::watch::child::Child;
use crate::db::models::watch::school::School;
use crate::db::{write_transaction, DbConnection};
use crate::domain::role::{MemberStatus, Role};
use crate::keitai::profile::ProfileRegistry;
use crate::notebook::join::{issue_codes, join_child, request_join};

/// The demo school's notebook as seeded: what `notebook_week` builds on.
#[derive(Debug, Clone)]
pub struct DemoNotebook {
    pub school: School,
    /// The demo teacher (sensei@), 1年1組's.
    pub teacher: i64,
    /// はなママ's family.
    pub family: Family,
    /// Every child of the school, by 児童番号.
    pub children: Vec<Child>,
}

/// Children (by position in the roster) nobody has joined yet: their letters are still at home.
const NOT_JOINED: [usize; 3] = [57, 58, 59];

/// The carriers guardians' addresses rotate through.
const DOMAINS: [&str; 4] = ["docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp", "example.jp"];

const MOTHERS: [&str; 10] = [
    "花子",
    "恵",
    "裕子",
    "美香",
    "直美",
    "真由美",
    "智子",
    "陽子",
    "明美",
    "京子",
];

pub fn seed(
    conn: &mut DbConnection,
    profiles: &ProfileRegistry,
    hash: &str,
    teacher_address: &str,
    family_addresses: &[&str],
) -> Result<Option<DemoNotebook>, String> {
    let school = match School::all(conn).map_err(|e| e.to_string())?.into_iter().next() {
        Some(school) => school,
        None => return Ok(None),
    };
    let mut children = Child::of_school(conn, school.id).map_err(|e| e.to_string())?;
    children.sort_by(|a, b| a.code.cmp(&b.code));
    if children.len() < 60
        || Family::of_child(conn, children[0].id)
            .map_err(|e| e.to_string())?
            .is_some()
    {
        return Ok(None);
    }
    let member_of = |conn: &mut DbConnection, address: &str| -> Result<i64, String> {
        MailAddress::find(conn, address)
            .map_err(|e| e.to_string())?
            .map(|a| a.member_id)
            .ok_or_else(|| format!("demo member {address} is missing"))
    };
    let add = |conn: &mut DbConnection, email: &str, nickname: &str, real_name: &str, roles: &[Role]| {
        let new = AddMember {
            email,
            password: "",
            roles,
            nickname,
            real_name,
            area: None,
            status: MemberStatus::Approved,
        };
        add_member_hashed(conn, profiles, &new, hash).map(|(id, _)| id)
    };

    // A teacher per class; the demo teacher has 1年1組.
    let teacher = member_of(conn, teacher_address)?;
    for grade in 1..=6 {
        for class_name in ["1組", "2組"] {
            let id = if (grade, class_name) == (1, "1組") {
                teacher
            } else {
                let email = format!("t{grade}{}@kashiwa-es.example.jp", &class_name[..1]);
                let id = add(
                    conn,
                    &email,
                    &format!("{grade}年{class_name}担任"),
                    &format!("{}年{class_name} 担任", grade),
                    &[Role::Teacher],
                )?;
                School::add_staff(conn, school.id, id).map_err(|e| e.to_string())?;
                id
            };
            let class = Class {
                grade,
                class_name: class_name.into(),
            };
            assign(conn, school.id, id, &class).map_err(|e| e.to_string())?;
        }
    }
    // Joins wait for the school's approval; the not-arrived mail goes at 8:45.
    let mut settings = SchoolSettings::of(conn, school.id).map_err(|e| e.to_string())?;
    settings.nudge_at = Some(8 * 60 + 45);
    write_transaction(conn, |conn| settings.save(conn)).map_err(|e| e.to_string())?;
    issue_codes(conn, school.id).map_err(|e| e.to_string())?;

    let join = |conn: &mut DbConnection, member: i64, child: &Child| {
        write_transaction(conn, |conn| join_child(conn, member, child.id)).map_err(|e| e.to_string())
    };
    // はなママ and her mother: ゆうた and his brother たくみ.
    let hana = member_of(conn, family_addresses[0])?;
    for i in [0, 10] {
        join(conn, hana, &children[i])?;
    }
    for address in &family_addresses[1..] {
        let member = member_of(conn, address)?;
        join(conn, member, &children[0])?;
    }
    // Everyone else: one family per child, siblings for 3年 and 5年 (children i and i + 20 share
    // a family name), a father too in every third family.
    for (i, child) in children.iter().enumerate() {
        if i == 0 || i == 10 || (40..45).contains(&i) || NOT_JOINED.contains(&i) {
            continue;
        }
        let family_name = child.name.split_whitespace().next().unwrap_or("");
        let mother = MOTHERS[i % MOTHERS.len()];
        let email = format!("hogosha{i:03}@{}", DOMAINS[i % DOMAINS.len()]);
        let mama = add(
            conn,
            &email,
            &format!("{}ママ", child.short_name),
            &format!("{family_name} {mother}"),
            &[Role::Guardian],
        )?;
        join(conn, mama, child)?;
        if (20..25).contains(&i) {
            join(conn, mama, &children[i + 20])?;
        }
        if i % 3 == 0 {
            let email = format!("papa{i:03}@{}", DOMAINS[(i + 1) % DOMAINS.len()]);
            let papa = add(
                conn,
                &email,
                &format!("{}パパ", child.short_name),
                &format!("{family_name} 父"),
                &[Role::Guardian],
            )?;
            join(conn, papa, child)?;
        }
    }
    // A new mother typed her code last night: her join waits for the teacher.
    let newcomer = add(
        conn,
        "hogosha057@docomo.ne.jp",
        &format!("{}ママ", children[57].short_name),
        "加藤 千里",
        &[Role::Guardian],
    )?;
    write_transaction(conn, |conn| request_join(conn, newcomer, &children[57])).map_err(|e| e.to_string())?;
    let family = Family::of_guardian(conn, hana)
        .map_err(|e| e.to_string())?
        .ok_or("はなママ's family is missing")?;
    Ok(Some(DemoNotebook {
        school,
        teacher,
        family,
        children,
    }))
}
