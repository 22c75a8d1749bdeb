//! Phones registered for かんたんログイン: a carrier and the hash of its subscriber id.

use crate::db::schema::subscriber_ids;
use crate::db::{now, DbConnection};
use diesel::prelude::*;

/// Registers the phone for the member (replacing an earlier registration of the same phone).
pub fn register(conn: &mut DbConnection, member_id: i64, carrier: &str, uid_hash: &str) -> QueryResult<()> {
    conn.transaction(|conn| {
        diesel::delete(
            subscriber_ids::table
                .filter(subscriber_ids::carrier.eq(carrier))
                .filter(subscriber_ids::uid_hash.eq(uid_hash)),
        )
        .execute(conn)?;
        diesel::insert_into(subscriber_ids::table)
            .values((
                subscriber_ids::member_id.eq(member_id),
                subscriber_ids::carrier.eq(carrier),
                subscriber_ids::uid_hash.eq(uid_hash),
                subscriber_ids::created_at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    })
}

/// The member who registered this phone.
pub fn member_of(conn: &mut DbConnection, carrier: &str, uid_hash: &str) -> QueryResult<Option<i64>> {
    subscriber_ids::table
        .filter(subscriber_ids::carrier.eq(carrier))
        .filter(subscriber_ids::uid_hash.eq(uid_hash))
        .select(subscriber_ids::member_id)
        .first(conn)
        .optional()
}

/// How many phones the member registered.
pub fn count_for(conn: &mut DbConnection, member_id: i64) -> QueryResult<i64> {
    subscriber_ids::table
        .filter(subscriber_ids::member_id.eq(member_id))
        .count()
        .get_result(conn)
}

/// Forgets the member's phones.
pub fn remove_all(conn: &mut DbConnection, member_id: i64) -> QueryResult<usize> {
    diesel::delete(subscriber_ids::table.filter(subscriber_ids::member_id.eq(member_id))).execute(conn)
}
