//! A reader's JSON opened down to object members, in order and with duplicates, so that a
//! repeated or unknown member is refused by name instead of being merged away.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::error::{excerpt, BatchError};

/// One JSON value: arrays and objects opened, anything else named by its kind.
pub(super) enum Json {
    Array(Vec<Json>),
    Object(Vec<(String, Value)>),
    /// A scalar, by what it is ("a string").
    Other(&'static str),
}

impl Json {
    /// Reads a body: UTF-8 first, then one JSON value with nothing after it.
    pub(super) fn parse(body: &[u8]) -> Result<Self, BatchError> {
        let text = std::str::from_utf8(body).map_err(|e| {
            let at = e.valid_up_to();
            BatchError::body(
                "not_utf8",
                format!("the body is not UTF-8 (invalid byte at offset {at})"),
            )
        })?;
        serde_json::from_str(text).map_err(|e| BatchError::body("bad_json", format!("the body is not valid JSON: {e}")))
    }

    /// What the value is, for messages: "an array", "a string", …
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Self::Array(_) => "an array",
            Self::Object(_) => "an object",
            Self::Other(kind) => kind,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Value>()? {
            members.push(member);
        }
        Ok(Json::Object(members))
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Other("null"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Json, E> {
        Ok(Json::Other("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Json, E> {
        Ok(Json::Other("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Json, E> {
        Ok(Json::Other("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
        Ok(Json::Other("a number"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Json, E> {
        Ok(Json::Other("a string"))
    }
}

/// The members of one object, each a known name at most once.
pub(super) struct Members(Vec<(&'static str, Value)>);

impl Members {
    /// Refuses unknown and repeated names; `index` places the error (`None`: a heartbeat).
    pub(super) fn check(
        members: Vec<(String, Value)>,
        known: &[&'static str],
        index: Option<usize>,
    ) -> Result<Self, BatchError> {
        let mut checked: Vec<(&'static str, Value)> = Vec::with_capacity(members.len());
        for (name, value) in members {
            let Some(&known_name) = known.iter().find(|known| **known == name) else {
                let detail = format!(
                    "unknown field {}; the fields are {}",
                    excerpt(&Value::String(name)),
                    known.join(", ")
                );
                return Err(BatchError::at(index, None, "unknown_field", &detail));
            };
            if checked.iter().any(|(seen, _)| *seen == known_name) {
                let detail = format!("{known_name} appears more than once");
                return Err(BatchError::at(index, Some(known_name), "duplicate_field", &detail));
            }
            checked.push((known_name, value));
        }
        Ok(Self(checked))
    }

    /// The value of `name`, `None` when absent (`Some(Value::Null)` when sent as null).
    pub(super) fn take(&mut self, name: &str) -> Option<Value> {
        let position = self.0.iter().position(|(known, _)| *known == name)?;
        Some(self.0.swap_remove(position).1)
    }

    /// The value of a member that must be present.
    pub(super) fn require(&mut self, name: &'static str, index: Option<usize>) -> Result<Value, BatchError> {
        self.take(name)
            .ok_or_else(|| BatchError::at(index, Some(name), "missing_field", &format!("{name} is missing")))
    }
}
