//! Alert mails, queued in the outbox inside the transaction that records what they announce.

use crate::config::Settings;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::watch::child::Child;
use crate::db::models::watch::emergency_contact::EmergencyContact;
use crate::db::models::watch::pass::PassDirection;
use crate::db::models::watch::reader::Reader;
use crate::db::models::watch::recipient::Recipient;
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::domain::time::jst;
use chrono::NaiveDateTime;
use diesel::QueryResult;
use hiroba_views::mail::watch as text;
use std::collections::BTreeSet;

/// Mails a child's recipients who want this reader at this time of day.
pub fn pass(
    conn: &mut DbConnection,
    settings: &Settings,
    reader: &Reader,
    child_id: i64,
    read_at: NaiveDateTime,
    direction: Option<PassDirection>,
) -> QueryResult<usize> {
    let Some(child) = Child::find(conn, child_id)? else {
        return Ok(0);
    };
    let minute = crate::domain::time::minute_of_day(read_at);
    let mail = text::pass(
        &child.short_name,
        &jst(read_at).format("%H:%M").to_string(),
        &reader.name,
        direction.map(PassDirection::label),
        &format!("{}/watch/children/{}", settings.base_url, child.id),
    );
    let mut sent = 0;
    for recipient in Recipient::of_child(conn, child.id)? {
        if recipient.wants(conn, reader.id, minute)? {
            OutboxMail::queue(conn, MailKind::WatchPass, &recipient.address, &mail.subject, &mail.body)?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// An emergency button: the school's volunteers and staff and the child's recipients, quiet
/// hours or not.
pub fn emergency(
    conn: &mut DbConnection,
    reader: &Reader,
    school: &School,
    child_id: Option<i64>,
    tag: &str,
    read_at: NaiveDateTime,
) -> QueryResult<usize> {
    let child = match child_id {
        Some(id) => Child::find(conn, id)?,
        None => None,
    };
    let (name, grade_class) = match &child {
        Some(c) => (c.short_name.clone(), format!("{}年{}", c.grade, c.class_name)),
        None => (format!("タグ {tag} の児童"), "（登録のないタグ）".to_string()),
    };
    let mail = text::emergency(
        &name,
        &grade_class,
        &jst(read_at).format("%H:%M").to_string(),
        &reader.name,
    );
    let mut to: BTreeSet<String> = EmergencyContact::of_school(conn, school.id)?
        .into_iter()
        .map(|c| c.address)
        .collect();
    to.extend(staff_addresses(conn, school.id)?);
    if let Some(c) = &child {
        to.extend(Recipient::of_child(conn, c.id)?.into_iter().map(|r| r.address));
    }
    for address in &to {
        OutboxMail::queue(conn, MailKind::WatchEmergency, address, &mail.subject, &mail.body)?;
    }
    Ok(to.len())
}

/// A reader went silent (`back` false) or came back (`back` true): its school's staff are told.
pub fn reader_health(conn: &mut DbConnection, settings: &Settings, reader: &Reader, back: bool) -> QueryResult<usize> {
    let Some(school) = School::find(conn, reader.school_id)? else {
        return Ok(0);
    };
    let board = format!("{}/watch/schools/{}", settings.base_url, school.id);
    let mail = if back {
        text::reader_online(&school.name, &reader.name, &board)
    } else {
        let last = reader
            .last_seen_at
            .map(|t| jst(t).format("%m/%d %H:%M").to_string())
            .unwrap_or_else(|| "設置以来".into());
        text::reader_offline(&school.name, &reader.name, &last, &board)
    };
    let to = staff_addresses(conn, school.id)?;
    for address in &to {
        OutboxMail::queue(conn, MailKind::ReaderHealth, address, &mail.subject, &mail.body)?;
    }
    Ok(to.len())
}

/// A guardian's watch address bounced hard: the staff of each school whose child it serves are
/// told, with whether alerts to it have now stopped (`hard_bounces`: all of its hard bounces).
pub fn recipient_bounced(conn: &mut DbConnection, address: &str, hard_bounces: &[NaiveDateTime]) -> QueryResult<usize> {
    let stopped = crate::db::models::mail_bounce::stops_alerts(hard_bounces);
    let mut told = 0;
    for recipient in Recipient::with_address(conn, address)? {
        let Some(child) = Child::find(conn, recipient.child_id)? else {
            continue;
        };
        let mail = text::recipient_bounced(
            &child.short_name,
            &recipient.label,
            address,
            hard_bounces.len(),
            stopped,
        );
        for staff in staff_addresses(conn, child.school_id)? {
            OutboxMail::queue(conn, MailKind::WatchBounce, &staff, &mail.subject, &mail.body)?;
            told += 1;
        }
    }
    Ok(told)
}

/// The primary verified address of each staff member of a school.
fn staff_addresses(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<String>> {
    let mut out = Vec::new();
    for member in School::staff_ids(conn, school_id)? {
        if let Some(a) = MailAddress::of_member(conn, member)?
            .into_iter()
            .find(|a| a.is_verified())
        {
            out.push(a.address);
        }
    }
    Ok(out)
}
