//! Messages (`notebook_messages`, `notebook_targets`): what a teacher sent, to whom, when.

use crate::db::schema::{notebook_messages, notebook_recipients, notebook_targets, threads};
use crate::db::DbConnection;
use crate::domain::notebook::targeting::Target;
use crate::domain::notebook::{AnswerKind, Audience, MessageKind};
use chrono::NaiveDateTime;
use diesel::dsl::{count, count_star};
use diesel::prelude::*;
use std::collections::HashMap;

/// Most messages a list loads (the list is paged to the device afterwards).
const LIST_LIMIT: i64 = 300;

/// A message's own columns (its title and text are its thread's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub thread_id: i64,
    pub school_id: i64,
    pub kind: MessageKind,
    pub audience: Audience,
    pub answers: AnswerKind,
    pub answer_until: Option<NaiveDateTime>,
    pub send_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub school_year: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notebook_messages)]
struct Row {
    thread_id: i64,
    school_id: i64,
    kind: String,
    audience: String,
    answers: String,
    answer_until: Option<NaiveDateTime>,
    send_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
    school_year: i32,
    created_at: NaiveDateTime,
}

impl From<Row> for Message {
    fn from(row: Row) -> Message {
        // The columns' CHECKs allow only the known keys; a newer one reads as the plainest.
        Message {
            thread_id: row.thread_id,
            school_id: row.school_id,
            kind: MessageKind::parse(&row.kind).unwrap_or(MessageKind::Notice),
            audience: Audience::parse(&row.audience).unwrap_or(Audience::School),
            answers: AnswerKind::parse(&row.answers).unwrap_or(AnswerKind::None),
            answer_until: row.answer_until,
            send_at: row.send_at,
            sent_at: row.sent_at,
            school_year: row.school_year,
            created_at: row.created_at,
        }
    }
}

/// A message about to be stored with its thread.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub thread_id: i64,
    pub school_id: i64,
    pub kind: MessageKind,
    pub target: &'a Target,
    pub answers: AnswerKind,
    pub answer_until: Option<NaiveDateTime>,
    pub send_at: NaiveDateTime,
    pub school_year: i32,
    pub created_at: NaiveDateTime,
}

/// A line of a school's list of messages, with its read count.
#[derive(Debug, Clone)]
pub struct SchoolLine {
    pub message: Message,
    pub title: String,
    /// Recipients, and those who read it (both 0 before it goes out).
    pub total: i64,
    pub read: i64,
}

/// (thread, title, kind, answers, sent_at, send_at, read_at) as `Message::inbox` loads them.
type InboxRow = (
    i64,
    String,
    String,
    String,
    Option<NaiveDateTime>,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

/// A line of a guardian's list of messages.
#[derive(Debug, Clone)]
pub struct InboxLine {
    pub thread_id: i64,
    pub title: String,
    pub kind: MessageKind,
    pub answers: AnswerKind,
    pub sent_at: NaiveDateTime,
    pub read: bool,
}

impl Message {
    /// Stores a message and its targets; call in the transaction that writes its thread.
    pub fn insert(conn: &mut DbConnection, new: &NewMessage<'_>) -> QueryResult<()> {
        let audience = match new.target {
            Target::School => Audience::School,
            Target::Grades(_) => Audience::Grades,
            Target::Classes(_) => Audience::Classes,
            Target::Family(_) => Audience::Family,
        };
        diesel::insert_into(notebook_messages::table)
            .values((
                notebook_messages::thread_id.eq(new.thread_id),
                notebook_messages::school_id.eq(new.school_id),
                notebook_messages::kind.eq(new.kind.key()),
                notebook_messages::audience.eq(audience.key()),
                notebook_messages::answers.eq(new.answers.key()),
                notebook_messages::answer_until.eq(new.answer_until),
                notebook_messages::send_at.eq(new.send_at),
                notebook_messages::school_year.eq(new.school_year),
                notebook_messages::created_at.eq(new.created_at),
            ))
            .execute(conn)?;
        let rows: Vec<(Option<i32>, Option<String>, Option<i64>)> = match new.target {
            Target::School => Vec::new(),
            Target::Grades(grades) => grades.iter().map(|g| (Some(*g), None, None)).collect(),
            Target::Classes(classes) => classes.iter().map(|(g, c)| (Some(*g), Some(c.clone()), None)).collect(),
            Target::Family(family) => vec![(None, None, Some(*family))],
        };
        for (grade, class_name, family_id) in rows {
            diesel::insert_into(notebook_targets::table)
                .values((
                    notebook_targets::thread_id.eq(new.thread_id),
                    notebook_targets::grade.eq(grade),
                    notebook_targets::class_name.eq(class_name),
                    notebook_targets::family_id.eq(family_id),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn find(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Option<Message>> {
        Ok(notebook_messages::table
            .find(thread_id)
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .map(Message::from))
    }

    /// Who the message goes to, read back from its audience and targets.
    pub fn target(&self, conn: &mut DbConnection) -> QueryResult<Target> {
        let rows: Vec<(Option<i32>, Option<String>, Option<i64>)> = notebook_targets::table
            .filter(notebook_targets::thread_id.eq(self.thread_id))
            .order(notebook_targets::id)
            .select((
                notebook_targets::grade,
                notebook_targets::class_name,
                notebook_targets::family_id,
            ))
            .load(conn)?;
        Ok(match self.audience {
            Audience::School => Target::School,
            Audience::Grades => Target::Grades(rows.iter().filter_map(|r| r.0).collect()),
            Audience::Classes => Target::Classes(rows.into_iter().filter_map(|(g, c, _)| Some((g?, c?))).collect()),
            // A family target without its row (deleted family) reaches nobody.
            Audience::Family => Target::Family(rows.iter().find_map(|r| r.2).unwrap_or(0)),
        })
    }

    /// Marks the message sent, once: true for the one caller whose UPDATE found it unsent (a
    /// second run of the job, or two workers at once, get false and do nothing).
    pub fn claim_sending(conn: &mut DbConnection, thread_id: i64, at: NaiveDateTime) -> QueryResult<bool> {
        let changed = diesel::update(
            notebook_messages::table
                .filter(notebook_messages::thread_id.eq(thread_id))
                .filter(notebook_messages::sent_at.is_null()),
        )
        .set(notebook_messages::sent_at.eq(at))
        .execute(conn)?;
        Ok(changed == 1)
    }

    /// A school's messages, sent and scheduled, newest first, with their read counts.
    pub fn of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<SchoolLine>> {
        let rows: Vec<(Row, String)> = notebook_messages::table
            .inner_join(threads::table)
            .filter(notebook_messages::school_id.eq(school_id))
            .order((notebook_messages::send_at.desc(), notebook_messages::thread_id.desc()))
            .limit(LIST_LIMIT)
            .select((Row::as_select(), threads::title))
            .load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|(r, _)| r.thread_id).collect();
        let counts = read_counts(conn, &ids)?;
        Ok(rows
            .into_iter()
            .map(|(row, title)| {
                let (total, read) = counts.get(&row.thread_id).copied().unwrap_or((0, 0));
                SchoolLine {
                    message: Message::from(row),
                    title,
                    total,
                    read,
                }
            })
            .collect())
    }

    /// The messages that went to a guardian, newest first.
    pub fn inbox(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<InboxLine>> {
        let rows: Vec<InboxRow> = notebook_recipients::table
            .inner_join(notebook_messages::table.inner_join(threads::table))
            .filter(notebook_recipients::member_id.eq(member_id))
            .order((notebook_messages::send_at.desc(), notebook_messages::thread_id.desc()))
            .limit(LIST_LIMIT)
            .select((
                notebook_messages::thread_id,
                threads::title,
                notebook_messages::kind,
                notebook_messages::answers,
                notebook_messages::sent_at,
                notebook_messages::send_at,
                notebook_recipients::read_at,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(
                |(thread_id, title, kind, answers, sent_at, send_at, read_at)| InboxLine {
                    thread_id,
                    title,
                    kind: MessageKind::parse(&kind).unwrap_or(MessageKind::Notice),
                    answers: AnswerKind::parse(&answers).unwrap_or(AnswerKind::None),
                    sent_at: sent_at.unwrap_or(send_at),
                    read: read_at.is_some(),
                },
            )
            .collect())
    }
}

/// (recipients, reads) of each of these messages.
pub fn read_counts(conn: &mut DbConnection, thread_ids: &[i64]) -> QueryResult<HashMap<i64, (i64, i64)>> {
    if thread_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64, i64)> = notebook_recipients::table
        .filter(notebook_recipients::thread_id.eq_any(thread_ids))
        .group_by(notebook_recipients::thread_id)
        .select((
            notebook_recipients::thread_id,
            count_star(),
            count(notebook_recipients::read_at),
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, total, read)| (id, (total, read))).collect())
}
