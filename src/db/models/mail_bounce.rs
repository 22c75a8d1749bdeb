//! Delivery reports received at VERP addresses, and the counts coordinators see.

use crate::db::schema::mail_bounces;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

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
