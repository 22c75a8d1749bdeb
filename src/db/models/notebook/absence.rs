//! 欠席・遅刻・早退連絡 (`notebook_absences`): a guardian's notice for one child and day, and the
//! teacher's 確認.

use crate::db::schema::{children, mail_addresses, notebook_absences, notebook_family_children, notebook_guardians};
use crate::db::{now, DbConnection};
use crate::domain::notebook::{AbsenceKind, Channel};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notebook_absences)]
pub struct Absence {
    pub id: i64,
    pub child_id: i64,
    /// The guardian who sent it (None once her account is gone).
    pub member_id: Option<i64>,
    /// The Japanese day it is for.
    pub day: NaiveDate,
    kind: String,
    pub reason: String,
    pub note: String,
    channel: String,
    pub created_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub confirmed_by: Option<i64>,
}

/// A notice as the form or a mail gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAbsence {
    pub child_id: i64,
    pub member_id: i64,
    pub day: NaiveDate,
    pub kind: AbsenceKind,
    pub reason: String,
    pub note: String,
    pub channel: Channel,
    pub inbound_mail_id: Option<i64>,
}

impl Absence {
    pub fn kind(&self) -> AbsenceKind {
        AbsenceKind::parse(&self.kind).unwrap_or(AbsenceKind::Absent)
    }

    pub fn channel(&self) -> Channel {
        Channel::parse(&self.channel).unwrap_or(Channel::Web)
    }

    pub fn insert(conn: &mut DbConnection, new: &NewAbsence) -> QueryResult<i64> {
        diesel::insert_into(notebook_absences::table)
            .values((
                notebook_absences::child_id.eq(new.child_id),
                notebook_absences::member_id.eq(new.member_id),
                notebook_absences::day.eq(new.day),
                notebook_absences::kind.eq(new.kind.key()),
                notebook_absences::reason.eq(&new.reason),
                notebook_absences::note.eq(&new.note),
                notebook_absences::channel.eq(new.channel.key()),
                notebook_absences::inbound_mail_id.eq(new.inbound_mail_id),
                notebook_absences::created_at.eq(now()),
            ))
            .returning(notebook_absences::id)
            .get_result(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Absence>> {
        notebook_absences::table
            .find(id)
            .select(Absence::as_select())
            .first(conn)
            .optional()
    }

    /// The notices for a family's children, newest first.
    pub fn of_family(conn: &mut DbConnection, family_id: i64, limit: i64) -> QueryResult<Vec<Absence>> {
        notebook_absences::table
            .inner_join(
                notebook_family_children::table.on(notebook_family_children::child_id.eq(notebook_absences::child_id)),
            )
            .filter(notebook_family_children::family_id.eq(family_id))
            .order((notebook_absences::day.desc(), notebook_absences::id.desc()))
            .limit(limit)
            .select(Absence::as_select())
            .load(conn)
    }

    /// A school's notices for a day, by class and time received.
    pub fn of_school_day(conn: &mut DbConnection, school_id: i64, day: NaiveDate) -> QueryResult<Vec<Absence>> {
        notebook_absences::table
            .inner_join(children::table)
            .filter(children::school_id.eq(school_id))
            .filter(notebook_absences::day.eq(day))
            .order((
                children::grade,
                children::class_name,
                notebook_absences::created_at,
                notebook_absences::id,
            ))
            .select(Absence::as_select())
            .load(conn)
    }

    /// The children of a school with a notice that keeps them off the not-arrived list that day
    /// (欠席 or 遅刻; an 早退 child still comes in the morning).
    pub fn excused_children(conn: &mut DbConnection, school_id: i64, day: NaiveDate) -> QueryResult<Vec<i64>> {
        notebook_absences::table
            .inner_join(children::table)
            .filter(children::school_id.eq(school_id))
            .filter(notebook_absences::day.eq(day))
            .filter(notebook_absences::kind.eq_any([AbsenceKind::Absent.key(), AbsenceKind::Late.key()]))
            .select(notebook_absences::child_id)
            .distinct()
            .load(conn)
    }

    /// Marks the notice 確認済み if nobody has: true for the one call that did (two teachers
    /// pressing at once: one UPDATE matches, so one mail).
    pub fn confirm(conn: &mut DbConnection, id: i64, member_id: i64) -> QueryResult<bool> {
        let changed = diesel::update(
            notebook_absences::table
                .filter(notebook_absences::id.eq(id))
                .filter(notebook_absences::confirmed_at.is_null()),
        )
        .set((
            notebook_absences::confirmed_at.eq(now()),
            notebook_absences::confirmed_by.eq(member_id),
        ))
        .execute(conn)?;
        Ok(changed == 1)
    }
}

/// The guardian (of `family_id`) whose confirmed address this is, if any.
pub fn guardian_by_address(conn: &mut DbConnection, family_id: i64, address: &str) -> QueryResult<Option<i64>> {
    mail_addresses::table
        .inner_join(notebook_guardians::table.on(notebook_guardians::member_id.eq(mail_addresses::member_id)))
        .filter(notebook_guardians::family_id.eq(family_id))
        .filter(mail_addresses::verified_at.is_not_null())
        .filter(mail_addresses::address.eq(address))
        .select(mail_addresses::member_id)
        .first(conn)
        .optional()
}
