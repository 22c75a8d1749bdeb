//! Japan Standard Time, in which every user reads dates (stored times are UTC).

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

/// UTC+9, without daylight saving.
pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+9 is a valid offset"),
};

/// A stored UTC time as JST.
pub fn jst(utc: NaiveDateTime) -> DateTime<FixedOffset> {
    Utc.from_utc_datetime(&utc).with_timezone(&JST)
}
