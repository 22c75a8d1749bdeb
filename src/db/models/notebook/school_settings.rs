//! A school's notebook settings (`notebook_schools`); a school without a row has the defaults.

use crate::db::schema::notebook_schools;
use crate::db::{now, DbConnection};
use crate::domain::notebook::absence::reasons_of;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolSettings {
    pub school_id: i64,
    /// A teacher approves each join; otherwise the 申込コード alone suffices.
    pub approve_joins: bool,
    /// The absence reasons offered, in order.
    pub absence_reasons: Vec<String>,
    /// Minutes after midnight (JST) of the not-arrived mail; `None`: no mail.
    pub nudge_at: Option<i32>,
}

impl SchoolSettings {
    pub fn defaults(school_id: i64) -> SchoolSettings {
        SchoolSettings {
            school_id,
            approve_joins: true,
            absence_reasons: reasons_of(""),
            nudge_at: None,
        }
    }

    /// The school's settings, or the defaults.
    pub fn of(conn: &mut DbConnection, school_id: i64) -> QueryResult<SchoolSettings> {
        let row = notebook_schools::table
            .find(school_id)
            .select((
                notebook_schools::approve_joins,
                notebook_schools::absence_reasons,
                notebook_schools::nudge_at,
            ))
            .first::<(bool, String, Option<i32>)>(conn)
            .optional()?;
        Ok(match row {
            Some((approve_joins, reasons, nudge_at)) => SchoolSettings {
                school_id,
                approve_joins,
                absence_reasons: reasons_of(&reasons),
                nudge_at,
            },
            None => SchoolSettings::defaults(school_id),
        })
    }

    /// Stores the settings (a row is made the first time). Call inside a `write_transaction`.
    pub fn save(&self, conn: &mut DbConnection) -> QueryResult<()> {
        let reasons = self.absence_reasons.join("\n");
        let changed = diesel::update(notebook_schools::table.find(self.school_id))
            .set((
                notebook_schools::approve_joins.eq(self.approve_joins),
                notebook_schools::absence_reasons.eq(&reasons),
                notebook_schools::nudge_at.eq(self.nudge_at),
                notebook_schools::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if changed == 0 {
            diesel::insert_into(notebook_schools::table)
                .values((
                    notebook_schools::school_id.eq(self.school_id),
                    notebook_schools::approve_joins.eq(self.approve_joins),
                    notebook_schools::absence_reasons.eq(&reasons),
                    notebook_schools::nudge_at.eq(self.nudge_at),
                    notebook_schools::updated_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// The schools that send the not-arrived mail, each with its minute (JST).
    pub fn nudging(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i32)>> {
        Ok(notebook_schools::table
            .filter(notebook_schools::nudge_at.is_not_null())
            .select((notebook_schools::school_id, notebook_schools::nudge_at))
            .load::<(i64, Option<i32>)>(conn)?
            .into_iter()
            .filter_map(|(id, at)| Some((id, at?)))
            .collect())
    }
}
