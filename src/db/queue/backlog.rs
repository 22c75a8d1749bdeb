//! What is left in a queue, and when the next row becomes claimable.

use super::{sql, Queue};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::sql_types::{BigInt, Nullable, Timestamp};
use diesel::{QueryResult, QueryableByName, RunQueryDsl};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct When {
    #[diesel(sql_type = Nullable<Timestamp>)]
    at: Option<NaiveDateTime>,
}

impl Queue {
    /// Rows not finished yet, pending or claimed (for `hiroba worker --until-idle` to report).
    pub fn unfinished(self, conn: &mut DbConnection) -> QueryResult<i64> {
        let table = self.table();
        let statement = format!(
            "SELECT COUNT(*) AS n FROM {name} WHERE status IN ('pending', '{claimed}')",
            name = table.name,
            claimed = table.claimed,
        );
        diesel::sql_query(sql::for_backend(conn, statement))
            .get_result::<Count>(conn)
            .map(|row| row.n)
    }

    /// When the next row becomes claimable: the earliest due pending row, or the earliest lease
    /// to run out (a dead worker's rows). `None`: nothing is waiting.
    pub fn next_due(self, conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
        let table = self.table();
        let statement = format!(
            "SELECT MIN(CASE WHEN status = 'pending' THEN {due} ELSE lease_until END) AS at FROM {name} \
             WHERE status IN ('pending', '{claimed}')",
            name = table.name,
            due = table.due,
            claimed = table.claimed,
        );
        diesel::sql_query(sql::for_backend(conn, statement))
            .get_result::<When>(conn)
            .map(|row| row.at)
    }
}
