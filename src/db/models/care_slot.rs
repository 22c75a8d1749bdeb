//! 一時預かり空き状況: how many temporary-care places a facility has left per day and period.

use crate::db::schema::care_slots;
use crate::db::{now, DbConnection};
use chrono::NaiveDate;
use diesel::prelude::*;

/// The half-days a facility takes children for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Morning,
    Afternoon,
}

impl Period {
    pub const ALL: [Period; 2] = [Period::Morning, Period::Afternoon];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Morning => "am",
            Period::Afternoon => "pm",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Morning => "午前",
            Period::Afternoon => "午後",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = care_slots)]
pub struct CareSlot {
    pub facility_id: i64,
    pub day: NaiveDate,
    pub period: String,
    pub capacity: i32,
    pub remaining: i32,
}

impl CareSlot {
    pub fn period(&self) -> Option<Period> {
        Period::parse(&self.period)
    }

    /// A facility's slots from `from` to `to` (inclusive), by day and period.
    pub fn of_facility(
        conn: &mut DbConnection,
        facility_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> QueryResult<Vec<CareSlot>> {
        care_slots::table
            .filter(care_slots::facility_id.eq(facility_id))
            .filter(care_slots::day.ge(from))
            .filter(care_slots::day.le(to))
            .select(CareSlot::as_select())
            .order((care_slots::day, care_slots::period))
            .load(conn)
    }

    /// Sets the places left for one slot. The capacity is the most ever left (a facility never
    /// has more places than that), so a fresh slot starts with its first count as capacity.
    /// Update-then-insert inside the caller's write transaction works the same on both backends.
    pub fn set_remaining(
        conn: &mut DbConnection,
        facility_id: i64,
        day: NaiveDate,
        period: Period,
        remaining: i32,
        by: Option<i64>,
    ) -> QueryResult<()> {
        let slot = care_slots::table
            .filter(care_slots::facility_id.eq(facility_id))
            .filter(care_slots::day.eq(day))
            .filter(care_slots::period.eq(period.as_str()));
        let capacity: Option<i32> = slot.select(care_slots::capacity).first(conn).optional()?;
        match capacity {
            Some(capacity) => diesel::update(slot)
                .set((
                    care_slots::remaining.eq(remaining),
                    care_slots::capacity.eq(capacity.max(remaining)),
                    care_slots::updated_at.eq(now()),
                    care_slots::updated_by.eq(by),
                ))
                .execute(conn)
                .map(drop),
            None => diesel::insert_into(care_slots::table)
                .values((
                    care_slots::facility_id.eq(facility_id),
                    care_slots::day.eq(day),
                    care_slots::period.eq(period.as_str()),
                    care_slots::capacity.eq(remaining),
                    care_slots::remaining.eq(remaining),
                    care_slots::updated_at.eq(now()),
                    care_slots::updated_by.eq(by),
                ))
                .execute(conn)
                .map(drop),
        }
    }
}
