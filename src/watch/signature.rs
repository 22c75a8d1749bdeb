//! Reader request authentication: HMAC-SHA256 over timestamp, method, path and body
//! (the recipe for vendors is `docs/reader-protocol.md`).

use hmac::{Hmac, Mac};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use sha2::Sha256;

use crate::domain::token::{hex, random_hex};

/// How far, in seconds, a request's timestamp may lie before or after our clock.
pub const MAX_SKEW_SECS: i64 = 300;

/// The header with the Unix time (seconds, decimal) at which the reader signed the request.
pub const TIMESTAMP_HEADER: &str = "X-Hiroba-Timestamp";

/// The header with the request's HMAC-SHA256 as 64 hex digits.
pub const SIGNATURE_HEADER: &str = "X-Hiroba-Signature";

type HmacSha256 = Hmac<Sha256>;

/// The two authentication headers as they arrived (`None` when absent); [`verify`] parses them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SignedHeaders<'a> {
    /// The value of [`TIMESTAMP_HEADER`].
    pub timestamp: Option<&'a str>,
    /// The value of [`SIGNATURE_HEADER`].
    pub signature: Option<&'a str>,
}

/// A request whose signature matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// The signing time, Unix seconds.
    pub timestamp: i64,
    /// The decoded MAC: the caller stores it and refuses a request that brings it again (replay).
    pub signature: [u8; 32],
}

/// Why a request's signature was refused; the route answers 401 with [`code`](Self::code).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the {TIMESTAMP_HEADER} header is missing")]
    MissingTimestamp,
    #[error("the {SIGNATURE_HEADER} header is missing")]
    MissingSignature,
    #[error(
        "{TIMESTAMP_HEADER} must be the Unix time in seconds as decimal digits \
         (no sign, no fraction, no leading zeros)"
    )]
    BadTimestamp,
    #[error("{SIGNATURE_HEADER} must be 64 hexadecimal digits (the HMAC-SHA256 of the request)")]
    BadSignatureFormat,
    /// The timestamp lies further than [`MAX_SKEW_SECS`] from our clock; `by_secs` is the
    /// timestamp minus our time, so positive means the reader's clock is ahead.
    #[error("{}", skew_message(*by_secs))]
    Skew { by_secs: i64 },
    #[error(
        "the signature does not match: sign timestamp, method, path and the body bytes exactly as sent, \
         with this reader's secret"
    )]
    Mismatch,
}

impl SignatureError {
    /// A stable machine code for the JSON error body.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingTimestamp => "missing_timestamp",
            Self::MissingSignature => "missing_signature",
            Self::BadTimestamp => "bad_timestamp",
            Self::BadSignatureFormat => "bad_signature_format",
            Self::Skew { .. } => "clock_skew",
            Self::Mismatch => "bad_signature",
        }
    }

    /// An English explanation for the vendor's logs.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// The error body: `{"error": code, "message": …}`.
impl Serialize for SignatureError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("SignatureError", 2)?;
        body.serialize_field("error", self.code())?;
        body.serialize_field("message", &self.message())?;
        body.end()
    }
}

fn skew_message(by_secs: i64) -> String {
    let side = if by_secs < 0 { "behind" } else { "ahead of" };
    let amount = by_secs.unsigned_abs();
    format!(
        "{TIMESTAMP_HEADER} is {amount} s {side} the server clock (at most {MAX_SKEW_SECS} s allowed): \
         synchronise the reader's clock with NTP"
    )
}

/// A new reader secret: 32 random bytes as 64 lower-case hex digits. The HMAC key is the ASCII
/// text of these 64 digits, not the 32 bytes they encode.
pub fn new_secret() -> String {
    random_hex::<32>()
}

/// The signature of a request as 64 lower-case hex digits. `path` is the request path without
/// the query (`/api/v1/readers/12/events`); `method` is upper-cased here.
pub fn sign(secret: &[u8], timestamp: i64, method: &str, path: &str, body: &[u8]) -> String {
    hex(&mac(secret, timestamp, method, path, body).finalize().into_bytes())
}

/// Checks a request's headers against its method, path and raw body, and the timestamp against
/// `now_unix`. The MAC is compared in constant time. Lower- and upper-case hex digits are both
/// accepted: they decode to the same MAC, so the replay check (on the decoded bytes) still holds.
pub fn verify(
    secret: &[u8],
    headers: &SignedHeaders,
    method: &str,
    path: &str,
    body: &[u8],
    now_unix: i64,
) -> Result<Verified, SignatureError> {
    let timestamp = headers.timestamp.ok_or(SignatureError::MissingTimestamp)?;
    let signature = headers.signature.ok_or(SignatureError::MissingSignature)?;
    let timestamp = parse_timestamp(timestamp)?;
    let signature = parse_signature(signature)?;
    let by_secs = timestamp.saturating_sub(now_unix);
    if !(-MAX_SKEW_SECS..=MAX_SKEW_SECS).contains(&by_secs) {
        return Err(SignatureError::Skew { by_secs });
    }
    mac(secret, timestamp, method, path, body)
        .verify_slice(&signature)
        .map_err(|_| SignatureError::Mismatch)?;
    Ok(Verified { timestamp, signature })
}

/// The MAC over `timestamp "\n" METHOD "\n" path "\n" body`.
fn mac(secret: &[u8], timestamp: i64, method: &str, path: &str, body: &[u8]) -> HmacSha256 {
    #[expect(clippy::expect_used, reason = "HMAC takes keys of any length")]
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b"\n");
    mac.update(method.to_ascii_uppercase().as_bytes());
    mac.update(b"\n");
    mac.update(path.as_bytes());
    mac.update(b"\n");
    mac.update(body);
    mac
}

/// Only the canonical decimal form is accepted: the reader signs the header text, we sign the
/// number, and the two must be the same bytes (`0017…` or `+17…` would never match).
fn parse_timestamp(raw: &str) -> Result<i64, SignatureError> {
    let canonical = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) && (raw == "0" || !raw.starts_with('0'));
    if !canonical {
        return Err(SignatureError::BadTimestamp);
    }
    raw.parse().map_err(|_| SignatureError::BadTimestamp)
}

fn parse_signature(raw: &str) -> Result<[u8; 32], SignatureError> {
    let digits = raw.as_bytes();
    if digits.len() != 64 {
        return Err(SignatureError::BadSignatureFormat);
    }
    let mut mac = [0u8; 32];
    for (byte, pair) in mac.iter_mut().zip(digits.chunks_exact(2)) {
        let high = hex_digit(pair[0]).ok_or(SignatureError::BadSignatureFormat)?;
        let low = hex_digit(pair[1]).ok_or(SignatureError::BadSignatureFormat)?;
        *byte = high << 4 | low;
    }
    Ok(mac)
}

fn hex_digit(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests;
