//! Demo 送迎・あずかり支援: 30 supporters across the areas with their vetting, weeks and skills, 20
//! families with their children, distances between the areas, and 事前打合せ already held. Seeded
//! once into a database without supporters. Requests and their history are `support_history`'s.

use crate::auth::admin::{add_member_hashed, AddMember};
use crate::db::models::area::Area;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::support::child::FamilyChild;
use crate::db::models::support::distance::AreaDistance;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::supporter::{Offering, Supporter, VettingRecord};
use crate::db::DbConnection;
use crate::domain::role::{MemberStatus, Role};
use crate::domain::support::availability::Band;
use crate::domain::support::candidate::InsurancePeriod;
use crate::domain::support::ids::AreaId;
use crate::domain::support::skill::Skill;
use crate::domain::support::status::Membership;
use crate::keitai::profile::ProfileRegistry;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Rough positions of the demo areas on a kilometre grid (west → east, south → north), for the
/// distance table only; a centre enters its real table on /admin/support/distances.
const AREA_POSITIONS: [(&str, f64, f64); 20] = [
    ("新富", 1.5, 4.0),
    ("旭町", 2.0, 2.5),
    ("柏中央", 3.0, 3.0),
    ("富勢", 2.5, 6.5),
    ("田中", 5.5, 7.5),
    ("豊四季台", 1.0, 2.0),
    ("新田原", 4.0, 1.5),
    ("富里", 4.5, 3.5),
    ("西原", 3.5, 5.0),
    ("松葉", 6.0, 6.0),
    ("高田・松ケ崎", 5.0, 5.0),
    ("増尾", 4.5, 0.5),
    ("南部", 3.0, 0.0),
    ("光ケ丘", 3.5, 1.0),
    ("酒井根", 2.0, 0.5),
    ("藤心", 6.5, 0.0),
    ("手賀", 10.0, 1.0),
    ("風早北部", 8.5, 3.0),
    ("風早南部", 8.0, 0.5),
    ("永楽台", 2.5, 1.5),
];

/// Supporters: nickname, real name, home area, carrier domain. Mostly older neighbours on
/// らくらくホン-style phones, a few younger ones on smartphones.
const SUPPORTERS: [(&str, &str, &str, &str); 30] = [
    ("さくらばあば", "桜井 さくら", "富勢", ""),
    ("よしこさん", "吉田 良子", "柏中央", "docomo.ne.jp"),
    ("かずえさん", "加藤 和枝", "柏中央", "ezweb.ne.jp"),
    ("みちこさん", "三田 道子", "旭町", "docomo.ne.jp"),
    ("ふみえさん", "藤田 文江", "新富", "softbank.ne.jp"),
    ("としこさん", "遠山 敏子", "豊四季台", "docomo.ne.jp"),
    ("きよみさん", "清水 清美", "富里", "ezweb.ne.jp"),
    ("ひろみさん", "広田 裕美", "西原", "docomo.ne.jp"),
    ("まさおさん", "正木 正夫", "田中", "docomo.ne.jp"),
    ("えつこさん", "江藤 悦子", "松葉", "softbank.ne.jp"),
    ("のりこさん", "野村 典子", "高田・松ケ崎", "docomo.ne.jp"),
    ("やすこさん", "安田 康子", "増尾", "ezweb.ne.jp"),
    ("しずかさん", "静 しずか", "南部", "docomo.ne.jp"),
    ("たかこさん", "高木 孝子", "光ケ丘", "gmail.com"),
    ("せつこさん", "関 節子", "酒井根", "docomo.ne.jp"),
    ("はるみさん", "春山 晴美", "藤心", "ezweb.ne.jp"),
    ("いさおさん", "石井 功", "手賀", "docomo.ne.jp"),
    ("あけみさん", "秋元 明美", "風早北部", "softbank.ne.jp"),
    ("くにこさん", "国井 邦子", "風早南部", "docomo.ne.jp"),
    ("ようこさん", "横山 洋子", "永楽台", "ezweb.ne.jp"),
    ("まゆみさん", "松本 真由美", "新田原", "docomo.ne.jp"),
    ("さちこさん", "佐藤 幸子", "柏中央", "softbank.ne.jp"),
    ("なおみさん", "中村 直美", "旭町", "yahoo.co.jp"),
    ("ちえこさん", "千葉 智恵子", "富勢", "docomo.ne.jp"),
    ("れいこさん", "麗田 玲子", "松葉", "ezweb.ne.jp"),
    ("かよさん", "香山 佳代", "西原", "docomo.ne.jp"),
    ("てるこさん", "寺田 照子", "新富", "docomo.ne.jp"),
    ("みえこさん", "宮本 美恵子", "増尾", "softbank.ne.jp"),
    ("ゆきえさん", "雪村 幸江", "豊四季台", "docomo.ne.jp"),
    ("あやさん", "綾瀬 彩", "光ケ丘", "icloud.com"),
];

/// Families: nickname, real name, area, carrier domain, children (name, age in months).
type DemoFamily = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, u32)],
);

const FAMILIES: [DemoFamily; 20] = [
    (
        "はなママ",
        "柏木 花子",
        "柏中央",
        "",
        &[("柏木 ゆうた", 62), ("柏木 さくら", 30)],
    ),
    ("りおママ", "石川 理央", "旭町", "docomo.ne.jp", &[("石川 そら", 48)]),
    (
        "めぐママ",
        "上田 恵",
        "富勢",
        "ezweb.ne.jp",
        &[("上田 はると", 85), ("上田 ゆい", 40)],
    ),
    ("あいママ", "岡田 愛", "新富", "softbank.ne.jp", &[("岡田 りく", 20)]),
    ("ちかママ", "木村 千佳", "豊四季台", "docomo.ne.jp", &[("木村 めい", 9)]),
    (
        "なつママ",
        "小林 奈津",
        "富里",
        "gmail.com",
        &[("小林 こうき", 100), ("小林 あおい", 70)],
    ),
    ("まいママ", "斎藤 麻衣", "西原", "docomo.ne.jp", &[("斎藤 たくみ", 36)]),
    ("ゆかママ", "鈴木 由香", "田中", "ezweb.ne.jp", &[("鈴木 ことね", 55)]),
    ("えりパパ", "高橋 英里", "松葉", "docomo.ne.jp", &[("高橋 れん", 44)]),
    (
        "みかママ",
        "田村 美香",
        "高田・松ケ崎",
        "softbank.ne.jp",
        &[("田村 みお", 26)],
    ),
    ("さきママ", "中島 咲", "増尾", "docomo.ne.jp", &[("中島 しょう", 90)]),
    ("かなママ", "西村 香奈", "南部", "yahoo.co.jp", &[("西村 ほのか", 15)]),
    (
        "のぞママ",
        "野口 希",
        "光ケ丘",
        "docomo.ne.jp",
        &[("野口 だいち", 60), ("野口 りん", 60)],
    ),
    ("あやママ", "橋本 彩", "酒井根", "ezweb.ne.jp", &[("橋本 かいと", 33)]),
    ("ともママ", "林 友美", "藤心", "docomo.ne.jp", &[("林 ゆな", 50)]),
    (
        "ひとみママ",
        "平野 瞳",
        "手賀",
        "softbank.ne.jp",
        &[("平野 そうた", 78)],
    ),
    (
        "じゅんパパ",
        "福田 潤",
        "風早北部",
        "docomo.ne.jp",
        &[("福田 ひなた", 38)],
    ),
    (
        "みほママ",
        "前田 美穂",
        "風早南部",
        "ezweb.ne.jp",
        &[("前田 あかり", 7)],
    ),
    (
        "るみママ",
        "松井 留美",
        "永楽台",
        "docomo.ne.jp",
        &[("松井 けんと", 66)],
    ),
    ("あすかママ", "森 明日香", "新田原", "icloud.com", &[("森 こはる", 28)]),
];

/// The members' ids the history builds on.
pub struct DemoSupport {
    pub supporters: Vec<i64>,
    /// (family member id, her children's ids).
    pub families: Vec<(i64, Vec<i64>)>,
}

/// Seeds the demo's support members into a database without supporters (None when there are some).
/// `existing` are the demo accounts already added (はなママ and さくらばあば use theirs), `hash` the
/// demo password's hash.
pub fn seed(
    conn: &mut DbConnection,
    profiles: &ProfileRegistry,
    hash: &str,
    existing: &[&str],
    today: NaiveDate,
) -> Result<Option<DemoSupport>, String> {
    let db = |e: diesel::result::Error| e.to_string();
    if !Supporter::all(conn).map_err(db)?.is_empty() {
        return Ok(None);
    }
    let areas = Area::all(conn).map_err(db)?;
    let area = |name: &str| areas.iter().find(|a| a.name == name).map(|a| a.id);
    let Some(fallback) = areas.first().map(|a| a.id) else {
        return Ok(None);
    };
    seed_distances(conn, &areas).map_err(db)?;

    let mut supporters = Vec::new();
    for (i, &(nickname, real_name, home, domain)) in SUPPORTERS.iter().enumerate() {
        let email = address(existing, 1, i, domain, "supporter");
        let id = member(
            conn,
            profiles,
            hash,
            &email,
            nickname,
            real_name,
            home,
            Role::Supporter,
            &areas,
        )?;
        let home_id = area(home).unwrap_or(fallback);
        SupportMember::save(
            conn,
            id,
            Membership::Helps,
            &phone(i, "080"),
            &format!("柏市{home}{}-{}", i % 5 + 1, i % 9 + 1),
        )
        .map_err(db)?;
        supporter(conn, id, i, home_id, &areas, today).map_err(db)?;
        supporters.push(id);
    }
    let mut families = Vec::new();
    for (i, &(nickname, real_name, home, domain, children)) in FAMILIES.iter().enumerate() {
        let email = address(existing, 0, i, domain, "family");
        let id = member(
            conn,
            profiles,
            hash,
            &email,
            nickname,
            real_name,
            home,
            Role::Guardian,
            &areas,
        )?;
        SupportMember::save(
            conn,
            id,
            Membership::Asks,
            &phone(i, "090"),
            &format!("柏市{home}{}-{}-{}", i % 4 + 1, i % 7 + 3, i + 10),
        )
        .map_err(db)?;
        let mut ids = Vec::new();
        for (n, &(name, months)) in children.iter().enumerate() {
            let born = today
                .checked_sub_months(Months::new(months))
                .unwrap_or(today)
                .with_day(((i + n) % 27 + 1) as u32)
                .unwrap_or(today);
            let notes = match (i + n) % 5 {
                0 => "卵アレルギーがあります。",
                1 => "みどり保育園に通っています。",
                2 => "あぃあぃ小学校 1年2組",
                _ => "",
            };
            ids.push(FamilyChild::add(conn, id, name, born, notes).map_err(db)?);
        }
        families.push((id, ids));
    }
    Ok(Some(DemoSupport { supporters, families }))
}

/// The address of the `i`th demo supporter or family: the existing demo account for the first
/// (`first` of `existing`), else a made-up one on the carrier's domain.
fn address(existing: &[&str], first: usize, i: usize, domain: &str, kind: &str) -> String {
    match (i, domain) {
        (0, "") => existing
            .get(first)
            .map(|a| a.to_string())
            .unwrap_or_else(|| format!("{kind}00@docomo.ne.jp")),
        _ => format!(
            "{kind}{i:02}@{}",
            if domain.is_empty() { "docomo.ne.jp" } else { domain }
        ),
    }
}

fn phone(i: usize, prefix: &str) -> String {
    format!("{prefix}-{:04}-{:04}", 1200 + i * 37, 5600 + i * 91)
}

/// The member of an existing demo address (adding the role), or a new approved one.
#[allow(clippy::too_many_arguments)]
fn member(
    conn: &mut DbConnection,
    profiles: &ProfileRegistry,
    hash: &str,
    email: &str,
    nickname: &str,
    real_name: &str,
    area: &str,
    role: Role,
    areas: &[Area],
) -> Result<i64, String> {
    if let Some(found) = MailAddress::find(conn, email).map_err(|e| e.to_string())? {
        return Ok(found.member_id);
    }
    let new = AddMember {
        email,
        password: "",
        roles: &[role],
        nickname,
        real_name,
        area: areas.iter().any(|a| a.name == area).then_some(area),
        status: MemberStatus::Approved,
    };
    add_member_hashed(conn, profiles, &new, hash).map(|(id, _)| id)
}

/// The `i`th supporter's offer and vetting: most are vetted and insured; a few show the other
/// states the coordinators' list has (no course yet, interview pending, insurance running out,
/// paused).
fn supporter(
    conn: &mut DbConnection,
    id: i64,
    i: usize,
    home: i64,
    areas: &[Area],
    today: NaiveDate,
) -> diesel::QueryResult<()> {
    // Her own area and the next two in the list.
    let position = areas.iter().position(|a| a.id == home).unwrap_or(0);
    let covered: Vec<AreaId> = (0..3).map(|k| AreaId(areas[(position + k) % areas.len()].id)).collect();
    let skills = Skill::ALL
        .into_iter()
        .enumerate()
        .filter(|(k, _)| !(i + k).is_multiple_of(3))
        .map(|(_, s)| s)
        .collect();
    let offering = Offering {
        home_area: AreaId(home),
        areas: &covered,
        skills,
        monthly_limit: [4, 6, 8, 10][i % 4],
        active: i != 27,
    };
    Supporter::save_offering(conn, id, &offering)?;
    let year_start = NaiveDate::from_ymd_opt(today.year() - i32::from(today.month() < 4), 4, 1).unwrap_or(today);
    let insurance_until = if i == 25 {
        today + Duration::days(12)
    } else {
        year_start + Duration::days(364)
    };
    let record = VettingRecord {
        course_completed_on: (i != 28).then(|| today - Duration::days(200 + i as i64 * 7)),
        interviewed_on: (i != 29).then(|| today - Duration::days(190 + i as i64 * 7)),
        insurance: InsurancePeriod::new(year_start, insurance_until).ok(),
        note: if i == 27 {
            "体調のため休止中（1月から再開予定）"
        } else {
            ""
        },
    };
    Supporter::save_vetting(conn, id, &record)?;
    // Weekdays by day for most; mornings and evenings for some; weekends for a few.
    let band = |from: &str, until: &str| Band::parse(from, until).ok();
    let pattern: Vec<(Weekday, Option<Band>)> = match i % 4 {
        0 => weekdays().map(|d| (d, band("08:00", "19:00"))).collect(),
        1 => weekdays()
            .flat_map(|d| [(d, band("07:00", "09:30")), (d, band("16:00", "21:00"))])
            .collect(),
        2 => weekdays()
            .map(|d| (d, band("09:00", "22:00")))
            .chain([(Weekday::Sat, band("09:00", "18:00"))])
            .collect(),
        _ => [Weekday::Sat, Weekday::Sun]
            .into_iter()
            .map(|d| (d, band("08:00", "20:00")))
            .chain([(Weekday::Wed, band("13:00", "19:00"))])
            .collect(),
    };
    let weekly: Vec<(Weekday, Band)> = pattern.into_iter().filter_map(|(d, b)| b.map(|b| (d, b))).collect();
    Supporter::save_weekly(conn, id, &weekly)?;
    if i % 5 == 1 {
        // A day off next week (通院).
        Supporter::save_day(
            conn,
            id,
            today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()) + 2),
            Some(&[]),
        )?;
    }
    Ok(())
}

fn weekdays() -> impl Iterator<Item = Weekday> {
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri].into_iter()
}

/// Distances between every pair of the demo areas present, from their grid positions.
fn seed_distances(conn: &mut DbConnection, areas: &[Area]) -> diesel::QueryResult<()> {
    let placed: Vec<(i64, f64, f64)> = areas
        .iter()
        .filter_map(|a| {
            AREA_POSITIONS
                .iter()
                .find(|(name, _, _)| *name == a.name)
                .map(|&(_, x, y)| (a.id, x, y))
        })
        .collect();
    for (k, &(a, ax, ay)) in placed.iter().enumerate() {
        for &(b, bx, by) in &placed[k + 1..] {
            let km = ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt();
            AreaDistance::set(conn, a, b, (km * 10.0).round() / 10.0)?;
        }
    }
    Ok(())
}
