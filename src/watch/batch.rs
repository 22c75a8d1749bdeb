//! Reader bodies parsed into typed events: a batch is accepted whole or refused with the
//! position of its first fault (`docs/reader-protocol.md`).

mod error;
mod heartbeat;
mod members;
mod tag;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use error::BatchError;
pub use heartbeat::{parse_heartbeat, BatteryPercent, Firmware, Heartbeat, MAX_FIRMWARE_LEN};
use members::{Json, Members};
pub use tag::{TagId, TagIdError, MAX_TAG_LEN};

/// The most events one request may carry.
pub const MAX_EVENTS: usize = 500;

/// The largest body the route reads (256 KiB); a larger one is answered 413 `too_large`.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// One tag read by a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The reader's sequence number, unique per reader; at most `i64::MAX` so it fits a BIGINT.
    pub seq: u64,
    /// The tag read, normalised.
    pub tag: TagId,
    /// When the reader read the tag (the reader's clock), in UTC.
    pub read_at: DateTime<Utc>,
    /// `None` when the reader cannot tell; the school's time of day decides.
    pub direction: Option<Direction>,
    /// The JSON member `type`; absent means a pass.
    pub kind: EventKind,
}

/// Which way a child passed a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Entering the school grounds (登校).
    In,
    /// Leaving them (下校).
    Out,
}

impl Direction {
    /// The protocol's word: `in` or `out`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::In => "in",
            Self::Out => "out",
        }
    }
}

/// What a read means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// The tag passed the reader.
    Pass,
    /// The tag's emergency button (緊急ボタン) was pressed.
    Emergency,
}

impl EventKind {
    /// The protocol's word: `pass` or `emergency`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Emergency => "emergency",
        }
    }
}

const FIELDS: &[&str] = &["seq", "tag", "read_at", "direction", "type"];

/// Parses the body of `POST /api/v1/readers/{id}/events`: a JSON array of 1 to [`MAX_EVENTS`]
/// event objects with distinct `seq` values. The first fault refuses the whole batch.
pub fn parse_batch(body: &[u8]) -> Result<Vec<Event>, BatchError> {
    let items = match Json::parse(body)? {
        Json::Array(items) => items,
        other => {
            let message = format!("the body must be a JSON array of events, got {}", other.kind());
            return Err(BatchError::body("not_array", message));
        }
    };
    if items.is_empty() {
        return Err(BatchError::body(
            "empty_batch",
            "the batch is empty: send at least one event".to_owned(),
        ));
    }
    if items.len() > MAX_EVENTS {
        let message = format!(
            "the batch has {} events: send at most {MAX_EVENTS} per request",
            items.len()
        );
        return Err(BatchError::body("too_many_events", message));
    }
    let mut first_index_of_seq = HashMap::with_capacity(items.len());
    let mut events = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let event = event(index, item)?;
        if let Some(first) = first_index_of_seq.insert(event.seq, index) {
            let detail = format!("seq {} is already used by event {first} of this batch", event.seq);
            return Err(BatchError::at(Some(index), Some("seq"), "duplicate_seq", &detail));
        }
        events.push(event);
    }
    Ok(events)
}

fn event(index: usize, item: Json) -> Result<Event, BatchError> {
    let at = Some(index);
    let Json::Object(members) = item else {
        let detail = format!("an event must be a JSON object, got {}", item.kind());
        return Err(BatchError::at(at, None, "not_object", &detail));
    };
    let mut members = Members::check(members, FIELDS, at)?;
    let seq = members.require("seq", at)?;
    let tag = members.require("tag", at)?;
    let read_at = members.require("read_at", at)?;
    Ok(Event {
        seq: parse_seq(&seq)
            .ok_or_else(|| BatchError::invalid(at, "seq", "an integer from 0 to 9223372036854775807", &seq))?,
        tag: parse_tag(&tag, at)?,
        read_at: parse_read_at(&read_at).ok_or_else(|| {
            let expected = "an RFC 3339 date-time with an offset, such as \"2025-04-08T07:55:00+09:00\" or \
                            \"2025-04-07T22:55:00Z\"";
            BatchError::invalid(at, "read_at", expected, &read_at)
        })?,
        direction: match members.take("direction") {
            None | Some(Value::Null) => None,
            Some(value) => Some(
                parse_direction(&value)
                    .ok_or_else(|| BatchError::invalid(at, "direction", "\"in\", \"out\" or null", &value))?,
            ),
        },
        kind: match members.take("type") {
            None => EventKind::Pass,
            Some(value) => parse_kind(&value).ok_or_else(|| {
                BatchError::invalid(at, "type", "\"pass\" or \"emergency\" (or left out for a pass)", &value)
            })?,
        },
    })
}

fn parse_seq(value: &Value) -> Option<u64> {
    value.as_u64().filter(|seq| i64::try_from(*seq).is_ok())
}

fn parse_tag(value: &Value, at: Option<usize>) -> Result<TagId, BatchError> {
    let text = value
        .as_str()
        .ok_or_else(|| BatchError::invalid(at, "tag", "a string", value))?;
    TagId::parse(text).map_err(|e| BatchError::at(at, Some("tag"), "invalid_value", &format!("tag {e}")))
}

/// RFC 3339 requires the offset (`Z` or `±hh:mm`), so a local time without one is refused.
fn parse_read_at(value: &Value) -> Option<DateTime<Utc>> {
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

fn parse_direction(value: &Value) -> Option<Direction> {
    match value.as_str()? {
        "in" => Some(Direction::In),
        "out" => Some(Direction::Out),
        _ => None,
    }
}

fn parse_kind(value: &Value) -> Option<EventKind> {
    match value.as_str()? {
        "pass" => Some(EventKind::Pass),
        "emergency" => Some(EventKind::Emergency),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
