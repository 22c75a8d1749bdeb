//! Demo portal information: events over the coming weeks in Kashiwa's areas, and five facilities
//! with their staff and a week of 一時預かり vacancies, seeded once into a database without events.

use crate::db::models::area::Area;
use crate::db::models::care_slot::{CareSlot, Period};
use crate::db::models::event::{Event, EventFields};
use crate::db::models::facility::{Facility, NewFacility};
use crate::db::models::mail_address::MailAddress;
use crate::db::DbConnection;
use crate::domain::time::today;
use chrono::{Datelike, Duration, Weekday};
use diesel::QueryResult;

/// Days from today, title, start, end, place, area, body.
type DemoEvent = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const EVENTS: [DemoEvent; 14] = [
    (
        0,
        "親子リトミック",
        "10:30",
        "11:15",
        "柏中央子育て支援センター",
        "柏中央",
        "ピアノに合わせて親子で体を動かします。\n対象：1〜3歳と保護者\n申込み不要",
    ),
    (
        1,
        "赤ちゃん計測の日",
        "10:00",
        "12:00",
        "豊四季台児童センター",
        "豊四季台",
        "身長・体重をはかれます。母子手帳をお持ちください。",
    ),
    (
        2,
        "絵本の読み聞かせ",
        "11:00",
        "11:30",
        "柏市立図書館 こどもコーナー",
        "旭町",
        "0〜3歳向けのおはなし会です。",
    ),
    (
        3,
        "パパと遊ぼう",
        "10:00",
        "11:30",
        "増尾児童センター",
        "増尾",
        "お父さんとお子さんで手作りおもちゃを作ります。晴れたら近くの公園でも遊びます。",
    ),
    (
        5,
        "離乳食相談",
        "13:30",
        "15:00",
        "保健所 2階",
        "柏中央",
        "栄養士に個別に相談できます。予約制です。",
    ),
    (
        6,
        "子育てサロン ひだまり",
        "10:00",
        "12:00",
        "富勢近隣センター",
        "富勢",
        "地域のボランティアがお迎えします。出入り自由です。",
    ),
    (
        8,
        "双子・三つ子の集い",
        "10:00",
        "11:30",
        "柏中央子育て支援センター",
        "柏中央",
        "多胎児を育てている家族の交流会です。",
    ),
    (
        9,
        "親子で防災体験",
        "10:00",
        "12:00",
        "南部近隣センター",
        "南部",
        "非常食の試食と、抱っこひもでの避難を体験します。",
    ),
    (
        11,
        "クリスマス工作",
        "14:00",
        "15:30",
        "光ケ丘児童センター",
        "光ケ丘",
        "紙皿でリースを作ります。材料は用意します。",
    ),
    (
        13,
        "ベビーマッサージ",
        "10:30",
        "11:30",
        "田中近隣センター",
        "田中",
        "2〜6か月の赤ちゃん対象。バスタオルをお持ちください。",
    ),
    (
        15,
        "子育て講演会「イヤイヤ期とのつきあい方」",
        "10:00",
        "11:30",
        "柏市民文化会館 小ホール",
        "",
        "講師：市の保育アドバイザー\n託児あり（要予約）",
    ),
    (
        17,
        "おもちゃ病院",
        "13:00",
        "15:00",
        "松葉近隣センター",
        "松葉",
        "こわれたおもちゃをボランティアが直します。",
    ),
    (
        20,
        "もちつき大会",
        "",
        "",
        "酒井根ふるさと広場",
        "酒井根",
        "地域の方と一緒におもちをつきます。雨天中止。",
    ),
    (
        24,
        "新年子育てひろば",
        "10:00",
        "12:00",
        "柏中央子育て支援センター",
        "柏中央",
        "かるたやこまで遊びます。",
    ),
];

/// Name, kind, address, area, phone, hours, note.
type DemoFacility = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const FACILITIES: [DemoFacility; 5] = [
    (
        "柏中央子育て支援センター",
        "子育て支援センター",
        "柏市柏1-1-1",
        "柏中央",
        "04-7100-0001",
        "9:00〜17:00（日・祝休み）",
        "一時預かりは前日までに電話で予約してください。",
    ),
    (
        "豊四季台児童センター",
        "児童館",
        "柏市豊四季台2-3-4",
        "豊四季台",
        "04-7100-0002",
        "9:00〜18:00（月休み）",
        "乳幼児親子の部屋があります。",
    ),
    (
        "増尾児童センター",
        "児童館",
        "柏市増尾5-6-7",
        "増尾",
        "04-7100-0003",
        "9:00〜18:00（月休み）",
        "となりの増尾公園で外遊びもできます。ベビーカー置き場あり。",
    ),
    (
        "みどり保育園",
        "保育園",
        "柏市旭町8-9-10",
        "旭町",
        "04-7100-0004",
        "7:00〜19:00（日・祝休み）",
        "一時預かりは生後6か月から。",
    ),
    (
        "光ケ丘子育てひろば",
        "子育て支援センター",
        "柏市光ケ丘11-12",
        "光ケ丘",
        "04-7100-0005",
        "10:00〜16:00（土日休み）",
        "ベビー用の体重計と授乳室があります。子育て相談もどうぞ。",
    ),
];

/// Adds the events, facilities and a week of vacancies; `staff` (an address) works at the first
/// facility. Returns false when there were events already.
pub fn seed(conn: &mut DbConnection, staff: &str) -> QueryResult<bool> {
    if Event::count(conn)? > 0 || Facility::count(conn)? > 0 {
        return Ok(false);
    }
    let areas = Area::all(conn)?;
    let area = |name: &str| areas.iter().find(|a| a.name == name).map(|a| a.id);
    let today = today();
    for (days, title, start, end, place, area_name, body) in EVENTS {
        let time = |t: &str| (!t.is_empty()).then(|| t.to_string());
        let fields = EventFields {
            title: title.to_string(),
            body: body.to_string(),
            held_on: today + Duration::days(days),
            start_time: time(start),
            end_time: time(end),
            place: place.to_string(),
            area_id: area(area_name),
        };
        Event::insert(conn, &fields, None)?;
    }
    let staff = MailAddress::find(conn, staff)?.map(|a| a.member_id);
    for (i, (name, kind, address, area_name, phone, hours, note)) in FACILITIES.into_iter().enumerate() {
        let id = Facility::insert(
            conn,
            &NewFacility {
                name: name.to_string(),
                kind: kind.to_string(),
                address: address.to_string(),
                area_id: area(area_name),
                phone: phone.to_string(),
                hours: hours.to_string(),
                note: note.to_string(),
            },
        )?;
        if let (0, Some(member)) = (i, staff) {
            Facility::add_staff(conn, id, member)?;
        }
        for day in 0..7 {
            // Temporary care is closed on Sundays: those days stay 「－」.
            if (today + Duration::days(day)).weekday() == Weekday::Sun {
                continue;
            }
            for (p, period) in Period::ALL.into_iter().enumerate() {
                // A plausible spread: fuller early in the week, none left on some afternoons.
                let left = ((i as i64 * 3 + day * 2 + p as i64) % 5) as i32;
                CareSlot::set_remaining(conn, id, today + Duration::days(day), period, left, None)?;
            }
        }
    }
    Ok(true)
}
