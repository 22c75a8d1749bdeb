//! 未登校・連絡なし for a school of 720 children (issue 15: p99 ≤ 50 ms):
//! `cargo bench --bench not_arrived`.
//!
//! Times the query function the page and the mail use, `notebook::not_arrived::list`, on a SQLite
//! file (or the scratch database of `HIROBA_BENCH_DATABASE_URL`): 720 children (6 grades × 4
//! classes × 30), two gates and a waypoint, 20 school days of history (two gate passes a child a
//! day, 28,800 passes) and today's passes (most children in, some late, some only a 下校 or
//! waypoint pass, some none), 20 notices today and 300 before, 10 保護者に連絡済み marks. Each call
//! is timed on its own; prints p50, p99 and the maximum.

use chrono::{Duration, NaiveDate};
use diesel::RunQueryDsl;
use hiroba::config::DatabaseUrl;
use hiroba::db::models::notebook::absence::{Absence, NewAbsence};
use hiroba::db::models::notebook::contacted::Contacted;
use hiroba::db::models::watch::child::{Child, NewChild};
use hiroba::db::models::watch::pass::{Pass, PassDirection};
use hiroba::db::models::watch::reader::{Reader, ReaderKind};
use hiroba::db::models::watch::school::School;
use hiroba::db::{connect_one, migrate_one, write_transaction, DbConnection};
use hiroba::domain::notebook::{AbsenceKind, Channel};
use hiroba::domain::time::jst_day_start;
use hiroba::notebook::not_arrived::list;
use std::hint::black_box;
use std::time::Instant;

const ROUNDS: usize = 1_000;
const WARM_UP: usize = 50;
const HISTORY_DAYS: i64 = 20;

fn fail<E: std::fmt::Display>(e: E) -> ! {
    panic!("{e}")
}

/// Minutes after midnight JST on `day`, as a stored UTC time.
fn at(day: NaiveDate, minute: i64) -> chrono::NaiveDateTime {
    jst_day_start(day) + Duration::minutes(minute)
}

fn seed(conn: &mut DbConnection, today: NaiveDate) -> School {
    write_transaction(conn, |conn| {
        let school = School::ensure(conn, "柏ベンチ小学校")?;
        let main = Reader::create(conn, school.id, "正門", ReaderKind::Gate, &"a".repeat(64))?;
        let back = Reader::create(conn, school.id, "裏門", ReaderKind::Gate, &"b".repeat(64))?;
        let club = Reader::create(conn, school.id, "学童クラブ前", ReaderKind::Waypoint, &"c".repeat(64))?;
        let mut ids = Vec::with_capacity(720);
        for grade in 1..=6 {
            for class in 1..=4 {
                for n in 0..30 {
                    let code = format!("{grade}{class}{n:02}");
                    let short = format!("じどう{code}");
                    let name = format!("柏田 {short}");
                    let class_name = format!("{class}組");
                    ids.push(Child::upsert(
                        conn,
                        &NewChild {
                            school_id: school.id,
                            code: &code,
                            name: &name,
                            short_name: &short,
                            grade,
                            class_name: &class_name,
                        },
                    )?);
                }
            }
        }
        for back_days in 1..=HISTORY_DAYS {
            let day = today - Duration::days(back_days);
            for (i, id) in ids.iter().enumerate() {
                let gate = if i % 3 == 0 { back } else { main };
                Pass::create(
                    conn,
                    *id,
                    gate,
                    at(day, 7 * 60 + 40 + (i % 30) as i64),
                    Some(PassDirection::Arrival),
                )?;
                Pass::create(
                    conn,
                    *id,
                    gate,
                    at(day, 15 * 60 + (i % 40) as i64),
                    Some(PassDirection::Departure),
                )?;
            }
        }
        for (i, id) in ids.iter().enumerate() {
            let gate = if i % 3 == 0 { back } else { main };
            match i % 24 {
                // No pass at all.
                0 => {}
                // Only a 下校 pass, or only the waypoint.
                1 => {
                    Pass::create(conn, *id, gate, at(today, 8 * 60), Some(PassDirection::Departure))?;
                }
                2 => {
                    Pass::create(conn, *id, club, at(today, 7 * 60 + 30), None)?;
                }
                // Late, without a direction (after arrival_until: not an arrival).
                3 => {
                    Pass::create(conn, *id, gate, at(today, 10 * 60), None)?;
                }
                _ => {
                    Pass::create(
                        conn,
                        *id,
                        gate,
                        at(today, 7 * 60 + 40 + (i % 30) as i64),
                        Some(PassDirection::Arrival),
                    )?;
                }
            }
        }
        let notice = |conn: &mut DbConnection, child_id: i64, day: NaiveDate| {
            Absence::insert(
                conn,
                &NewAbsence {
                    child_id,
                    member_id: 1,
                    day,
                    kind: AbsenceKind::Absent,
                    reason: "発熱".into(),
                    note: String::new(),
                    channel: Channel::Web,
                    inbound_mail_id: None,
                },
            )
        };
        for id in ids.iter().step_by(36) {
            notice(conn, *id, today)?;
        }
        for (n, id) in ids.iter().step_by(12).enumerate().take(300) {
            notice(conn, *id, today - Duration::days(1 + (n as i64 % HISTORY_DAYS)))?;
        }
        for id in ids.iter().skip(1).step_by(72) {
            Contacted::mark(conn, *id, today, 1)?;
        }
        Ok::<_, diesel::result::Error>(school)
    })
    .unwrap_or_else(|e| fail(e))
}

fn main() {
    let dir = std::env::temp_dir().join(format!("hiroba-bench-not-arrived-{}", std::process::id()));
    // A scratch PostgreSQL database when given (build with --features postgres), else a SQLite file.
    let url = match std::env::var("HIROBA_BENCH_DATABASE_URL") {
        Ok(url) => DatabaseUrl::parse(&url).unwrap_or_else(|e| fail(e)),
        Err(_) => DatabaseUrl::Sqlite(dir.join("bench.sqlite3")),
    };
    let mut conn = connect_one(&url).unwrap_or_else(|e| fail(e));
    migrate_one(&mut conn).unwrap_or_else(|e| fail(e));
    // A member for the notices' and marks' foreign keys.
    diesel::sql_query(
        "INSERT INTO members (id, nickname, real_name, password_hash, status, created_at) \
         VALUES (1, 'ベンチ', 'ベンチ 太郎', '-', 'approved', '2026-12-01 00:00:00') ON CONFLICT DO NOTHING",
    )
    .execute(&mut conn)
    .unwrap_or_else(|e| fail(e));
    let today = hiroba::domain::time::jst(hiroba::db::now()).date_naive();
    let started = Instant::now();
    let school = seed(&mut conn, today);
    println!("seeded 720 children in {} ms", started.elapsed().as_millis());

    let mut shown = 0;
    for _ in 0..WARM_UP {
        shown = black_box(list(&mut conn, &school, today).unwrap_or_else(|e| fail(e))).len();
    }
    let mut times: Vec<u128> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(list(&mut conn, &school, today).unwrap_or_else(|e| fail(e)));
            start.elapsed().as_micros()
        })
        .collect();
    times.sort_unstable();
    let pick = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "not-arrived list, 720 children ({shown} on the list), {ROUNDS} calls: p50 {} µs, p99 {} µs, max {} µs",
        pick(0.5),
        pick(0.99),
        times[times.len() - 1]
    );
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
}
