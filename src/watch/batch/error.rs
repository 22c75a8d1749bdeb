//! The refusal of a reader's body, saying where it went wrong.

use serde::Serialize;
use serde_json::Value;

/// Why a batch or heartbeat body was refused. Serialised, it is the route's 400 body:
/// `{"error": code, "message": …, "index": 3, "field": "read_at"}` (`index` and `field` only
/// when known). Nothing of a refused body is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct BatchError {
    /// A stable machine code such as `invalid_value` (the list is in `docs/reader-protocol.md`).
    #[serde(rename = "error")]
    pub code: &'static str,
    /// English for the vendor's logs; it repeats the position.
    pub message: String,
    /// The 0-based position of the event in the array; `None` for the body as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The member at fault; `None` for the body, an event as a whole or an unknown member
    /// (whose name is in the message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl BatchError {
    /// A fault of the body as a whole.
    pub(super) fn body(code: &'static str, message: String) -> Self {
        Self {
            code,
            message,
            index: None,
            field: None,
        }
    }

    /// A fault of one event (`index`) or of the heartbeat object (`None`), and maybe one member.
    pub(super) fn at(index: Option<usize>, field: Option<&'static str>, code: &'static str, detail: &str) -> Self {
        let message = match index {
            Some(index) => format!("event {index}: {detail}"),
            None => detail.to_owned(),
        };
        Self {
            code,
            message,
            index,
            field,
        }
    }

    /// A member present with a value it may not have; `expected` completes "`field` must be …".
    pub(super) fn invalid(index: Option<usize>, field: &'static str, expected: &str, got: &Value) -> Self {
        let detail = format!("{field} must be {expected}; got {}", excerpt(got));
        Self::at(index, Some(field), "invalid_value", &detail)
    }
}

/// The received value as JSON, cut short so a huge value cannot bloat the answer.
pub(super) fn excerpt(value: &Value) -> String {
    const MAX_CHARS: usize = 80;
    let text = value.to_string();
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
