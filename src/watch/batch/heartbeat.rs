//! The heartbeat body: a reader's battery and firmware, both optional.

use serde_json::Value;

use super::error::BatchError;
use super::members::{Json, Members};

/// The longest firmware version, in characters.
pub const MAX_FIRMWARE_LEN: usize = 64;

/// A reader's sign of life with what it chose to tell; an empty body gives all `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heartbeat {
    /// `None` when absent or null.
    pub battery: Option<BatteryPercent>,
    /// `None` when absent or null.
    pub firmware: Option<Firmware>,
}

/// Battery charge, 0 to 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BatteryPercent(u8);

impl BatteryPercent {
    /// `None` above 100.
    pub fn parse(percent: u64) -> Option<Self> {
        u8::try_from(percent).ok().filter(|p| *p <= 100).map(Self)
    }

    /// The charge in percent, 0 to 100.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// A firmware version as the reader names it: trimmed, 1–64 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firmware(String);

impl Firmware {
    /// `None` when empty after trimming, too long or with a control character.
    pub fn parse(input: &str) -> Option<Self> {
        let text = input.trim();
        let fits = (1..=MAX_FIRMWARE_LEN).contains(&text.chars().count());
        (fits && !text.chars().any(char::is_control)).then(|| Self(text.to_owned()))
    }

    /// The trimmed version text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const FIELDS: &[&str] = &["battery", "firmware"];

/// Parses the body of `POST /api/v1/readers/{id}/heartbeat`: empty (white space only), or an
/// object with `battery` (integer 0–100 or null) and `firmware` (string or null), both optional.
pub fn parse_heartbeat(body: &[u8]) -> Result<Heartbeat, BatchError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Heartbeat::default());
    }
    let members = match Json::parse(body)? {
        Json::Object(members) => members,
        other => {
            let message = format!("the body must be a JSON object or empty, got {}", other.kind());
            return Err(BatchError::body("not_object", message));
        }
    };
    let mut members = Members::check(members, FIELDS, None)?;
    let battery = match members.take("battery") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_u64()
                .and_then(BatteryPercent::parse)
                .ok_or_else(|| BatchError::invalid(None, "battery", "an integer from 0 to 100 or null", &value))?,
        ),
    };
    let firmware = match members.take("firmware") {
        None | Some(Value::Null) => None,
        Some(value) => Some(value.as_str().and_then(Firmware::parse).ok_or_else(|| {
            let expected = "a string of 1 to 64 characters without control characters, or null";
            BatchError::invalid(None, "firmware", expected, &value)
        })?),
    };
    Ok(Heartbeat { battery, firmware })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(body: &str) -> BatchError {
        parse_heartbeat(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn an_empty_body_or_object_tells_nothing() {
        for body in ["", " \r\n", "{}", r#"{"battery":null,"firmware":null}"#] {
            assert_eq!(
                parse_heartbeat(body.as_bytes()).unwrap(),
                Heartbeat::default(),
                "{body}"
            );
        }
    }

    #[test]
    fn battery_and_firmware_are_read() {
        let beat = parse_heartbeat(br#"{"battery": 87, "firmware": " HR-200 v1.4.2 "}"#).unwrap();
        assert_eq!(beat.battery.map(BatteryPercent::get), Some(87));
        assert_eq!(beat.firmware.as_ref().map(Firmware::as_str), Some("HR-200 v1.4.2"));
        assert_eq!(
            parse_heartbeat(br#"{"battery":0}"#)
                .unwrap()
                .battery
                .map(BatteryPercent::get),
            Some(0)
        );
        assert_eq!(
            parse_heartbeat(br#"{"battery":100}"#)
                .unwrap()
                .battery
                .map(BatteryPercent::get),
            Some(100)
        );
    }

    #[test]
    fn battery_outside_0_to_100_or_not_an_integer_is_invalid() {
        for body in [
            r#"{"battery":101}"#,
            r#"{"battery":-1}"#,
            r#"{"battery":87.5}"#,
            r#"{"battery":"87"}"#,
        ] {
            let error = refusal(body);
            assert_eq!(
                (error.code, error.field, error.index),
                ("invalid_value", Some("battery"), None),
                "{body}"
            );
        }
    }

    #[test]
    fn firmware_must_be_a_short_printable_string() {
        let long = format!(r#"{{"firmware":"{}"}}"#, "v".repeat(65));
        for body in [
            r#"{"firmware":""}"#,
            r#"{"firmware":"1.0\u0000"}"#,
            r#"{"firmware":1.4}"#,
            &long,
        ] {
            let error = refusal(body);
            assert_eq!((error.code, error.field), ("invalid_value", Some("firmware")), "{body}");
        }
        let sixty_four = format!(r#"{{"firmware":"{}"}}"#, "版".repeat(64));
        assert!(parse_heartbeat(sixty_four.as_bytes()).is_ok());
    }

    #[test]
    fn the_body_must_be_utf8_json_and_an_object_with_known_fields() {
        assert_eq!(
            parse_heartbeat(b"{\"firmware\":\"\xff\"}").unwrap_err().code,
            "not_utf8"
        );
        assert_eq!(refusal("{battery: 5}").code, "bad_json");
        assert_eq!(refusal("[]").code, "not_object");
        assert_eq!(refusal("null").code, "not_object");
        let unknown = refusal(r#"{"batery": 5}"#);
        assert_eq!((unknown.code, unknown.field), ("unknown_field", None));
        assert!(unknown.message.contains("\"batery\""), "{}", unknown.message);
        assert_eq!(refusal(r#"{"battery":5,"battery":6}"#).field, Some("battery"));
    }
}
