//! Who gets a child's pass mails: up to six addresses, each with quiet hours and chosen readers.

use crate::db::schema::{watch_recipient_readers, watch_recipients};
use crate::db::{now, DbConnection};
use diesel::prelude::*;

/// The most addresses one child's mails go to.
pub const MAX_PER_CHILD: usize = 6;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = watch_recipients)]
pub struct Recipient {
    pub id: i64,
    pub child_id: i64,
    pub address: String,
    /// 続柄 as the family gave it: 母, 父, 祖母.
    pub label: String,
    /// Minutes after midnight (JST); no mail from `quiet_from` until `quiet_until`.
    pub quiet_from: Option<i32>,
    pub quiet_until: Option<i32>,
    /// False: only the readers in `watch_recipient_readers`.
    pub all_readers: bool,
}

/// Why a recipient could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddRecipientError {
    #[error("お知らせ先は 1 人につき {MAX_PER_CHILD} 件までです")]
    TooMany,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

impl Recipient {
    /// Every child's recipient row with this address.
    pub fn with_address(conn: &mut DbConnection, address: &str) -> QueryResult<Vec<Recipient>> {
        watch_recipients::table
            .filter(watch_recipients::address.eq(address))
            .select(Recipient::as_select())
            .load(conn)
    }

    pub fn of_child(conn: &mut DbConnection, child_id: i64) -> QueryResult<Vec<Recipient>> {
        watch_recipients::table
            .filter(watch_recipients::child_id.eq(child_id))
            .order(watch_recipients::id)
            .select(Recipient::as_select())
            .load(conn)
    }

    /// A child's recipients among these addresses (a guardian's own rows).
    pub fn of_child_at(conn: &mut DbConnection, child_id: i64, addresses: &[String]) -> QueryResult<Vec<Recipient>> {
        watch_recipients::table
            .filter(watch_recipients::child_id.eq(child_id))
            .filter(watch_recipients::address.eq_any(addresses))
            .order(watch_recipients::id)
            .select(Recipient::as_select())
            .load(conn)
    }

    /// Stops a child's mails to one recipient; false if it was not the child's.
    pub fn remove(conn: &mut DbConnection, child_id: i64, id: i64) -> QueryResult<bool> {
        diesel::delete(
            watch_recipients::table
                .filter(watch_recipients::id.eq(id))
                .filter(watch_recipients::child_id.eq(child_id)),
        )
        .execute(conn)
        .map(|n| n == 1)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Recipient>> {
        watch_recipients::table
            .find(id)
            .select(Recipient::as_select())
            .first(conn)
            .optional()
    }

    /// Adds an address to a child's mails, or updates its label and quiet hours if it is there.
    pub fn upsert(
        conn: &mut DbConnection,
        child_id: i64,
        address: &str,
        label: &str,
        quiet: Option<(i32, i32)>,
    ) -> Result<i64, AddRecipientError> {
        let existing = Recipient::of_child(conn, child_id)?;
        let (quiet_from, quiet_until) = (quiet.map(|q| q.0), quiet.map(|q| q.1));
        if let Some(r) = existing.iter().find(|r| r.address == address) {
            diesel::update(watch_recipients::table.find(r.id))
                .set((
                    watch_recipients::label.eq(label),
                    watch_recipients::quiet_from.eq(quiet_from),
                    watch_recipients::quiet_until.eq(quiet_until),
                ))
                .execute(conn)?;
            return Ok(r.id);
        }
        if existing.len() >= MAX_PER_CHILD {
            return Err(AddRecipientError::TooMany);
        }
        Ok(diesel::insert_into(watch_recipients::table)
            .values((
                watch_recipients::child_id.eq(child_id),
                watch_recipients::address.eq(address),
                watch_recipients::label.eq(label),
                watch_recipients::quiet_from.eq(quiet_from),
                watch_recipients::quiet_until.eq(quiet_until),
                watch_recipients::created_at.eq(now()),
            ))
            .returning(watch_recipients::id)
            .get_result(conn)?)
    }

    /// A guardian's own choices: quiet hours and which readers (None: all of them).
    pub fn set_choices(
        conn: &mut DbConnection,
        id: i64,
        quiet: Option<(i32, i32)>,
        readers: Option<&[i64]>,
    ) -> QueryResult<()> {
        conn.transaction(|conn| {
            diesel::update(watch_recipients::table.find(id))
                .set((
                    watch_recipients::quiet_from.eq(quiet.map(|q| q.0)),
                    watch_recipients::quiet_until.eq(quiet.map(|q| q.1)),
                    watch_recipients::all_readers.eq(readers.is_none()),
                ))
                .execute(conn)?;
            diesel::delete(watch_recipient_readers::table.filter(watch_recipient_readers::recipient_id.eq(id)))
                .execute(conn)?;
            for reader_id in readers.unwrap_or_default() {
                diesel::insert_into(watch_recipient_readers::table)
                    .values((
                        watch_recipient_readers::recipient_id.eq(id),
                        watch_recipient_readers::reader_id.eq(reader_id),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
    }

    /// The readers a recipient chose (meaningful when `all_readers` is false).
    pub fn chosen_readers(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<i64>> {
        watch_recipient_readers::table
            .filter(watch_recipient_readers::recipient_id.eq(id))
            .select(watch_recipient_readers::reader_id)
            .load(conn)
    }

    /// Whether this recipient wants mail for a pass at `reader_id` at `minute` (JST minutes).
    pub fn wants(&self, conn: &mut DbConnection, reader_id: i64, minute: i32) -> QueryResult<bool> {
        if self.is_quiet_at(minute) {
            return Ok(false);
        }
        if self.all_readers {
            return Ok(true);
        }
        Ok(Recipient::chosen_readers(conn, self.id)?.contains(&reader_id))
    }

    /// Quiet hours may wrap midnight (22:00–06:30).
    pub fn is_quiet_at(&self, minute: i32) -> bool {
        match (self.quiet_from, self.quiet_until) {
            (Some(from), Some(until)) if from <= until => (from..until).contains(&minute),
            (Some(from), Some(until)) => minute >= from || minute < until,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet(from: i32, until: i32) -> Recipient {
        Recipient {
            id: 1,
            child_id: 1,
            address: "a@docomo.ne.jp".into(),
            label: "母".into(),
            quiet_from: Some(from),
            quiet_until: Some(until),
            all_readers: true,
        }
    }

    #[test]
    fn quiet_hours_include_the_start_and_exclude_the_end() {
        let day = quiet(9 * 60, 15 * 60);
        assert!(day.is_quiet_at(9 * 60));
        assert!(day.is_quiet_at(14 * 60 + 59));
        assert!(!day.is_quiet_at(15 * 60));
        assert!(!day.is_quiet_at(8 * 60));
    }

    #[test]
    fn quiet_hours_may_wrap_midnight() {
        let night = quiet(22 * 60, 6 * 60 + 30);
        assert!(night.is_quiet_at(23 * 60));
        assert!(night.is_quiet_at(0));
        assert!(night.is_quiet_at(6 * 60 + 29));
        assert!(!night.is_quiet_at(6 * 60 + 30));
        assert!(!night.is_quiet_at(12 * 60));
    }
}
