//! Reader health: a reader silent too long during school hours is reported to its school's
//! staff, once; its next sign of life reports it back.

use super::alerts;
use crate::config::Settings;
use crate::db::models::watch::reader::{Health, Reader};
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::domain::time::jst;
use crate::domain::time::minute_of_day;
use chrono::{Datelike, NaiveDateTime, Weekday};
use diesel::{Connection, QueryResult};

/// Records a heartbeat or an event batch; mails "back online" if the reader was reported silent.
pub fn heard_from(
    conn: &mut DbConnection,
    settings: &Settings,
    reader: &Reader,
    battery: Option<i32>,
    firmware: Option<&str>,
) -> QueryResult<()> {
    if Reader::touch(conn, reader.id, battery, firmware)? == Health::Offline {
        alerts::reader_health(conn, settings, reader, true)?;
    }
    Ok(())
}

/// Marks readers silent for longer than their school allows as offline and mails the staff;
/// only on weekdays within the school's hours. Several workers may run it: each reader is
/// reported by whichever marks it first. Returns how many readers were reported.
pub fn check(conn: &mut DbConnection, settings: &Settings, now: NaiveDateTime) -> QueryResult<usize> {
    let mut reported = 0;
    let weekday = jst(now).weekday();
    if matches!(weekday, Weekday::Sat | Weekday::Sun) {
        return Ok(0);
    }
    let minute = minute_of_day(now);
    for school in School::all(conn)? {
        if !(school.hours_from..school.hours_until).contains(&minute) {
            continue;
        }
        let silent = Reader::silent_since(conn, school.id, i64::from(school.offline_after_minutes), now)?;
        for reader in silent {
            let mine = conn.transaction(|conn| {
                if Reader::mark_offline(conn, reader.id)? {
                    alerts::reader_health(conn, settings, &reader, false)?;
                    return Ok::<_, diesel::result::Error>(true);
                }
                Ok(false)
            })?;
            reported += usize::from(mine);
        }
    }
    Ok(reported)
}
