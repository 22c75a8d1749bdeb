//! Delivery reports received at VERP addresses, and the counts coordinators see.

use crate::db::schema::mail_bounces;
use crate::db::{now, DbConnection};
use crate::domain::time::jst;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::BTreeSet;

/// Hard bounces (the mailbox is gone or refuses us) before watch alerts to an address stop…
pub const HARD_BOUNCES_TO_STOP_ALERTS: usize = 3;
/// …received on at least this many days (Japan time): one bad night of a carrier is not enough.
pub const DAYS_TO_STOP_ALERTS: usize = 2;

/// The kinds that say the address cannot receive our mail at all.
const HARD: [&str; 2] = ["unknown_user", "filtered"];

/// When hard bounces for `address` came in, oldest first.
pub fn hard_of(conn: &mut DbConnection, address: &str) -> QueryResult<Vec<NaiveDateTime>> {
    mail_bounces::table
        .filter(mail_bounces::address.eq(address))
        .filter(mail_bounces::kind.eq_any(HARD))
        .order(mail_bounces::received_at)
        .select(mail_bounces::received_at)
        .load(conn)
}

/// Whether these hard bounces are enough to stop watch and emergency alerts: repeated, over days.
pub fn stops_alerts(hard_bounces: &[NaiveDateTime]) -> bool {
    let days: BTreeSet<_> = hard_bounces.iter().map(|t| jst(*t).date_naive()).collect();
    hard_bounces.len() >= HARD_BOUNCES_TO_STOP_ALERTS && days.len() >= DAYS_TO_STOP_ALERTS
}

pub fn record(
    conn: &mut DbConnection,
    outbox_id: Option<i64>,
    address: &str,
    carrier: &str,
    status: Option<&str>,
    kind: &str,
) -> QueryResult<i64> {
    diesel::insert_into(mail_bounces::table)
        .values((
            mail_bounces::outbox_id.eq(outbox_id),
            mail_bounces::address.eq(address),
            mail_bounces::carrier.eq(carrier),
            mail_bounces::status.eq(status),
            mail_bounces::kind.eq(kind),
            mail_bounces::received_at.eq(now()),
        ))
        .returning(mail_bounces::id)
        .get_result(conn)
}

/// Receipt time, carrier and kind of every bounce in `[from, to)`.
pub fn between(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(NaiveDateTime, String, String)>> {
    mail_bounces::table
        .filter(mail_bounces::received_at.ge(from))
        .filter(mail_bounces::received_at.lt(to))
        .select((mail_bounces::received_at, mail_bounces::carrier, mail_bounces::kind))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        // UTC; 15:00 UTC is midnight in Japan.
        chrono::NaiveDate::from_ymd_opt(2026, 12, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn alerts_stop_only_after_three_hard_bounces_on_two_days() {
        assert!(!stops_alerts(&[at(1, 1)]), "one bounce");
        assert!(!stops_alerts(&[at(1, 1), at(1, 2), at(1, 3), at(1, 4)]), "one day");
        assert!(!stops_alerts(&[at(1, 1), at(2, 1)]), "two bounces");
        assert!(stops_alerts(&[at(1, 1), at(1, 2), at(2, 1)]));
        // 14:00 and 16:00 UTC are two days in Japan.
        assert!(stops_alerts(&[at(1, 14), at(1, 14), at(1, 16)]));
    }
}
