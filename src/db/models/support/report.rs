//! Activity reports (`support_reports`): the times, transport and note a supporter reported, the
//! fee computed from them, and the family's answer (confirmed, or disputed and then resolved by a
//! coordinator).

use crate::db::schema::support_reports;
use crate::db::{now, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A report as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = support_reports)]
pub struct Report {
    pub request_id: i64,
    /// Minutes after the request's day's midnight (past 1440: the next day).
    pub start_minute: i32,
    pub end_minute: i32,
    pub transport_yen: i32,
    pub note: String,
    pub fee_yen: i32,
    /// The fee's lines as shown, one per line, the total last.
    pub fee_detail: String,
    pub reported_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub disputed_at: Option<NaiveDateTime>,
    pub dispute_note: String,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolved_by: Option<i64>,
}

/// What is written for a report, or for a coordinator's correction of one.
#[derive(Debug, Clone, Copy)]
pub struct ReportValues<'a> {
    pub start_minute: i32,
    pub end_minute: i32,
    pub transport_yen: i32,
    pub fee_yen: i32,
    pub fee_detail: &'a str,
}

impl Report {
    pub fn find(conn: &mut DbConnection, request_id: i64) -> QueryResult<Option<Report>> {
        support_reports::table
            .find(request_id)
            .select(Report::as_select())
            .first(conn)
            .optional()
    }

    /// Writes the report; call in the transaction that moves the request to reported.
    pub fn insert(conn: &mut DbConnection, request_id: i64, values: &ReportValues<'_>, note: &str) -> QueryResult<()> {
        diesel::insert_into(support_reports::table)
            .values((
                support_reports::request_id.eq(request_id),
                support_reports::start_minute.eq(values.start_minute),
                support_reports::end_minute.eq(values.end_minute),
                support_reports::transport_yen.eq(values.transport_yen),
                support_reports::note.eq(note),
                support_reports::fee_yen.eq(values.fee_yen),
                support_reports::fee_detail.eq(values.fee_detail),
                support_reports::reported_at.eq(now()),
            ))
            .execute(conn)
            .map(drop)
    }

    /// The family agreed (by link or reply).
    pub fn confirm(conn: &mut DbConnection, request_id: i64) -> QueryResult<()> {
        diesel::update(support_reports::table.find(request_id))
            .set(support_reports::confirmed_at.eq(Some(now())))
            .execute(conn)
            .map(drop)
    }

    /// The family did not agree, saying why.
    pub fn dispute(conn: &mut DbConnection, request_id: i64, note: &str) -> QueryResult<()> {
        diesel::update(support_reports::table.find(request_id))
            .set((
                support_reports::disputed_at.eq(Some(now())),
                support_reports::dispute_note.eq(note),
            ))
            .execute(conn)
            .map(drop)
    }

    /// A coordinator settled a dispute: as reported (`corrected` None) or with corrected times
    /// and transport and the fee computed from them.
    pub fn resolve(
        conn: &mut DbConnection,
        request_id: i64,
        by: i64,
        corrected: Option<&ReportValues<'_>>,
    ) -> QueryResult<()> {
        let at = now();
        let target = support_reports::table.find(request_id);
        diesel::update(target)
            .set((
                support_reports::confirmed_at.eq(Some(at)),
                support_reports::resolved_at.eq(Some(at)),
                support_reports::resolved_by.eq(Some(by)),
            ))
            .execute(conn)?;
        if let Some(values) = corrected {
            diesel::update(target)
                .set((
                    support_reports::start_minute.eq(values.start_minute),
                    support_reports::end_minute.eq(values.end_minute),
                    support_reports::transport_yen.eq(values.transport_yen),
                    support_reports::fee_yen.eq(values.fee_yen),
                    support_reports::fee_detail.eq(values.fee_detail),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}
