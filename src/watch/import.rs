//! Storing a checked roster: all of it in one transaction, or nothing.
//!
//! The roster parser has checked every cell; what only the database knows (a 児童番号 that no
//! child has, a seventh address for a child) becomes a line error here and rolls everything back.

use super::roster::{LineError, Roster, RosterErrors};
use super::signature::new_secret;
use crate::db::models::watch::child::{Child, NewChild};
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::recipient::{AddRecipientError, Recipient};
use crate::db::models::watch::school::School;
use crate::db::models::watch::tag::TagAssignment;
use crate::db::{now, DbConnection};
use chrono::{NaiveTime, Timelike};

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Roster(#[from] RosterErrors),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// Imports a roster; on any line error nothing is stored.
pub fn import(conn: &mut DbConnection, roster: &Roster) -> Result<Imported, ImportError> {
    crate::db::write_transaction(conn, |conn| {
        let mut errors = Vec::new();
        let done = match roster {
            Roster::Readers(rows) => readers(conn, rows)?,
            Roster::Children(rows) => children(conn, rows)?,
            Roster::Guardians(rows) => guardians(conn, rows, &mut errors)?,
        };
        if errors.is_empty() {
            Ok(done)
        } else {
            Err(ImportError::Roster(RosterErrors::Lines { errors, more: 0 }))
        }
    })
}

fn readers(conn: &mut DbConnection, rows: &[super::roster::ReaderRow]) -> diesel::QueryResult<Imported> {
    let mut done = Imported::default();
    for row in rows {
        let school = School::ensure(conn, &row.school)?;
        match Reader::by_name(conn, school.id, &row.name)? {
            Some(reader) => {
                Reader::set_kind(conn, reader.id, row.kind)?;
                done.updated += 1;
            }
            None => {
                Reader::create(conn, school.id, &row.name, row.kind, &new_secret())?;
                done.added += 1;
            }
        }
    }
    Ok(done)
}

fn children(conn: &mut DbConnection, rows: &[super::roster::ChildRow]) -> diesel::QueryResult<Imported> {
    let mut done = Imported::default();
    for row in rows {
        let school = School::ensure(conn, &row.school)?;
        let known = Child::by_code(conn, school.id, &row.code)?.is_some();
        let id = Child::upsert(
            conn,
            &NewChild {
                school_id: school.id,
                code: &row.code,
                name: &row.name,
                short_name: &row.short_name,
                grade: i32::from(row.grade),
                class_name: &row.class_name,
            },
        )?;
        if let Some(tag) = &row.tag {
            TagAssignment::assign(conn, tag, id, "名簿の取り込み", now())?;
        }
        if known {
            done.updated += 1;
        } else {
            done.added += 1;
        }
    }
    Ok(done)
}

fn guardians(
    conn: &mut DbConnection,
    rows: &[super::roster::GuardianRow],
    errors: &mut Vec<LineError>,
) -> diesel::QueryResult<Imported> {
    let mut done = Imported::default();
    for row in rows {
        let child = match School::by_name(conn, &row.school)? {
            Some(school) => Child::by_code(conn, school.id, &row.child_code)?,
            None => None,
        };
        let Some(child) = child else {
            errors.push(LineError {
                line: row.line,
                column: Some("児童番号".into()),
                message: format!(
                    "{} の児童番号 {} の児童が登録されていません。先に児童の名簿を取り込んでください",
                    row.school, row.child_code
                ),
            });
            continue;
        };
        let known = Recipient::of_child(conn, child.id)?
            .iter()
            .any(|r| r.address == row.address);
        let quiet = row
            .quiet_from
            .zip(row.quiet_until)
            .map(|(from, until)| (minutes(from), minutes(until)));
        match Recipient::upsert(conn, child.id, &row.address, &row.label, quiet) {
            Ok(_) if known => done.updated += 1,
            Ok(_) => done.added += 1,
            Err(AddRecipientError::TooMany) => errors.push(LineError {
                line: row.line,
                column: Some("メールアドレス".into()),
                message: AddRecipientError::TooMany.to_string(),
            }),
            Err(AddRecipientError::Db(e)) => return Err(e),
        }
    }
    Ok(done)
}

fn minutes(time: NaiveTime) -> i32 {
    (time.hour() * 60 + time.minute()) as i32
}
