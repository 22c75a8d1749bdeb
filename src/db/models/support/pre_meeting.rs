//! 事前打合せ (`pre_meetings`): a family and a supporter met before their first activity.

use crate::db::schema::{pre_meetings, support_progress, support_requests};
use crate::db::{now, DbConnection};
use crate::domain::support::status::RequestStatus;
use chrono::NaiveDate;
use diesel::prelude::*;

pub struct PreMeeting;

impl PreMeeting {
    /// Records (or re-dates) the meeting; `by` is the coordinator.
    pub fn record(
        conn: &mut DbConnection,
        family_id: i64,
        supporter_id: i64,
        met_on: NaiveDate,
        by: i64,
    ) -> QueryResult<()> {
        let updated = diesel::update(pre_meetings::table.find((family_id, supporter_id)))
            .set((
                pre_meetings::met_on.eq(met_on),
                pre_meetings::recorded_by.eq(Some(by)),
                pre_meetings::recorded_at.eq(now()),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(pre_meetings::table)
                .values((
                    pre_meetings::family_id.eq(family_id),
                    pre_meetings::supporter_id.eq(supporter_id),
                    pre_meetings::met_on.eq(met_on),
                    pre_meetings::recorded_by.eq(Some(by)),
                    pre_meetings::recorded_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn met(conn: &mut DbConnection, family_id: i64, supporter_id: i64) -> QueryResult<bool> {
        pre_meetings::table
            .find((family_id, supporter_id))
            .count()
            .get_result::<i64>(conn)
            .map(|n| n > 0)
    }

    /// The supporters a family has met.
    pub fn supporters_met_by(conn: &mut DbConnection, family_id: i64) -> QueryResult<Vec<i64>> {
        pre_meetings::table
            .filter(pre_meetings::family_id.eq(family_id))
            .select(pre_meetings::supporter_id)
            .load(conn)
    }

    /// Pairs matched for an activity still ahead without a recorded meeting: (request id, family,
    /// supporter), earliest activity first (the coordinator's list of meetings to arrange).
    pub fn awaited(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i64, i64)>> {
        let met = pre_meetings::table
            .filter(pre_meetings::family_id.eq(support_requests::family_id))
            .filter(pre_meetings::supporter_id.nullable().eq(support_progress::supporter_id));
        support_requests::table
            .inner_join(support_progress::table)
            .filter(support_progress::status.eq(RequestStatus::Matched.as_str()))
            .filter(diesel::dsl::not(diesel::dsl::exists(met)))
            .order((support_requests::day, support_requests::start_minute))
            .select((
                support_requests::id,
                support_requests::family_id,
                support_progress::supporter_id.assume_not_null(),
            ))
            .load(conn)
    }
}
