//! A reader's batch → stored events, debounced passes and their alert mails, in one transaction.
//!
//! Idempotent on (reader, seq): events already stored count as duplicates and change nothing, so a
//! reader may resend a batch whose answer it lost.

use super::alerts;
use super::batch::{Direction, Event, EventKind};
use super::signature::MAX_SKEW_SECS;
use crate::config::Settings;
use crate::db::models::watch::pass::{Pass, PassDirection};
use crate::db::models::watch::reader::{Reader, ReaderKind};
use crate::db::models::watch::reader_event::{NewEvent, ReaderEvent};
use crate::db::models::watch::school::School;
use crate::db::models::watch::tag::TagAssignment;
use crate::db::{now, DbConnection};
use crate::domain::time::minute_of_day;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

/// The answer to a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Ingested {
    /// New events stored (those of unknown tags included).
    pub accepted: usize,
    /// Events stored by an earlier request with the same (reader, seq).
    pub duplicates: usize,
    /// New events whose tag no child carried at the time.
    pub unknown_tags: usize,
    /// New events read longer ago than the alert window: stored and shown, nobody mailed.
    pub late: usize,
    /// New events dated more than [`MAX_AHEAD`] after our clock: stored for the record only (no
    /// pass, nobody mailed), since their time cannot be true.
    pub future: usize,
}

/// How far a `read_at` may lie ahead of our clock: the clock error the signature allows
/// (`signature::MAX_SKEW_SECS`). Anything later is a broken reader clock or a broken event, and
/// mailing it would tell a guardian a time that has not come (「08:00」 for a read dated 2100).
pub const MAX_AHEAD: Duration = Duration::seconds(MAX_SKEW_SECS);

/// When a read was made, against our clock: what it may cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timing {
    /// Within the alert window: a pass and its mail, or an alarm.
    Timely,
    /// Older than the alert window: a pass for the histories, no mail.
    Late,
    /// Ahead of our clock by more than [`MAX_AHEAD`]: the event only.
    Future,
}

impl Timing {
    fn of(read_at: NaiveDateTime, now: NaiveDateTime, max_delay: Duration) -> Timing {
        if read_at - now > MAX_AHEAD {
            Timing::Future
        } else if now - read_at > max_delay {
            Timing::Late
        } else {
            Timing::Timely
        }
    }
}

/// Stores a batch; call inside a transaction (with the request's replay check).
pub fn ingest(
    conn: &mut DbConnection,
    settings: &Settings,
    reader: &Reader,
    school: &School,
    events: &[Event],
) -> QueryResult<Ingested> {
    Reader::lock_for_batch(conn, reader.id)?;
    let seqs: Vec<i64> = events.iter().map(|e| e.seq as i64).collect();
    let known = ReaderEvent::known_seqs(conn, reader.id, &seqs)?;
    let mut fresh: Vec<&Event> = events.iter().filter(|e| !known.contains(&(e.seq as i64))).collect();
    // In time order, so that reads within one batch debounce into one pass.
    fresh.sort_by_key(|e| e.read_at);
    let mut outcome = Ingested {
        duplicates: events.len() - fresh.len(),
        ..Ingested::default()
    };
    let window = Duration::minutes(i64::from(settings.watch.debounce_minutes));
    let max_delay = Duration::minutes(i64::from(settings.watch.alert_max_delay_minutes));
    for event in fresh {
        let read_at = event.read_at.naive_utc();
        let child_id = TagAssignment::child_at(conn, event.tag.as_str(), read_at)?;
        let timing = Timing::of(read_at, now(), max_delay);
        let timely = timing == Timing::Timely;
        let mut pass_id = None;
        match (event.kind, child_id) {
            _ if timing == Timing::Future => outcome.future += 1,
            (EventKind::Emergency, child) => {
                // A child pressing again and again raises one alarm per debounce window.
                let again =
                    ReaderEvent::emergency_between(conn, reader.id, event.tag.as_str(), read_at - window, read_at)?;
                if timely && !again {
                    alerts::emergency(conn, reader, school, child, event.tag.as_str(), read_at)?;
                }
            }
            (EventKind::Pass, Some(child)) => {
                if let Some(open) = Pass::open(conn, child, reader.id, read_at, window)? {
                    Pass::extend(conn, &open, read_at)?;
                    pass_id = Some(open.id);
                } else {
                    let direction = direction(reader.kind(), school, event.direction, read_at);
                    let id = Pass::create(conn, child, reader.id, read_at, direction)?;
                    if timely {
                        alerts::pass(conn, settings, reader, child, read_at, direction)?;
                    }
                    pass_id = Some(id);
                }
            }
            (EventKind::Pass, None) => {}
        }
        if child_id.is_none() {
            outcome.unknown_tags += 1;
        }
        if timing == Timing::Late {
            outcome.late += 1;
        }
        ReaderEvent::insert(
            conn,
            reader.id,
            &NewEvent {
                seq: event.seq as i64,
                tag: event.tag.as_str(),
                read_at,
                direction: event.direction.map(|d| match d {
                    Direction::In => "in",
                    Direction::Out => "out",
                }),
                kind: match event.kind {
                    EventKind::Pass => "pass",
                    EventKind::Emergency => "emergency",
                },
                child_id,
                pass_id,
            },
        )?;
        outcome.accepted += 1;
    }
    Ok(outcome)
}

/// 登校 or 下校 at a gate: the reader's direction if it gave one, else the school's time of day.
fn direction(
    kind: ReaderKind,
    school: &School,
    given: Option<Direction>,
    read_at: NaiveDateTime,
) -> Option<PassDirection> {
    if kind != ReaderKind::Gate {
        return None;
    }
    Some(match given {
        Some(Direction::In) => PassDirection::Arrival,
        Some(Direction::Out) => PassDirection::Departure,
        None if minute_of_day(read_at) < school.arrival_until => PassDirection::Arrival,
        None => PassDirection::Departure,
    })
}
