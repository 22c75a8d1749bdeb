//! Survey answers (`notebook_answers`): the last answer of each recipient, with how often she
//! answered. Also what the answer pages read beside them: what a message asks
//! (`notebook_messages.answers`, `answer_until`), the rows of its tally (recipients with their
//! children and answers) and its free replies (the comments of its thread).

use crate::db::schema::{
    children, members, notebook_answers, notebook_messages, notebook_recipient_children, notebook_recipients,
    thread_comments,
};
use crate::db::DbConnection;
use crate::domain::notebook::answers::Choices;
use crate::domain::notebook::{AnswerKind, Channel, ReadVia};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};
use std::collections::HashMap;

/// A recipient's survey answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub recipient_id: i64,
    pub choices: Choices,
    /// How the last answer came.
    pub channel: Channel,
    /// How often she answered (2 and more: she changed it).
    pub times: i32,
    pub answered_at: NaiveDateTime,
}

type AnswerRow = (i64, String, String, i32, NaiveDateTime);

/// The columns an `AnswerRow` is read from.
const ANSWER_COLUMNS: (
    notebook_answers::recipient_id,
    notebook_answers::choices,
    notebook_answers::channel,
    notebook_answers::times,
    notebook_answers::answered_at,
) = (
    notebook_answers::recipient_id,
    notebook_answers::choices,
    notebook_answers::channel,
    notebook_answers::times,
    notebook_answers::answered_at,
);

fn answer_of(row: AnswerRow) -> Answer {
    let (recipient_id, choices, channel, times, answered_at) = row;
    Answer {
        recipient_id,
        choices: Choices::from_stored(&choices),
        // The column's CHECK allows the two; anything else reads as the web.
        channel: Channel::parse(&channel).unwrap_or(Channel::Web),
        times,
        answered_at,
    }
}

#[derive(QueryableByName)]
struct Times {
    #[diesel(sql_type = Integer)]
    times: i32,
}

impl Answer {
    /// Her answer, if she answered.
    pub fn of(conn: &mut DbConnection, recipient_id: i64) -> QueryResult<Option<Answer>> {
        Ok(notebook_answers::table
            .find(recipient_id)
            .select(ANSWER_COLUMNS)
            .first::<AnswerRow>(conn)
            .optional()?
            .map(answer_of))
    }

    /// Stores her answer, replacing an earlier one, in one statement (two answers at once both
    /// count, and the last one stays); how often she has answered now.
    pub fn record(
        conn: &mut DbConnection,
        recipient_id: i64,
        choices: &Choices,
        channel: Channel,
        at: NaiveDateTime,
    ) -> QueryResult<i32> {
        let statement = "INSERT INTO notebook_answers (recipient_id, choices, channel, times, answered_at) \
             VALUES ($1, $2, $3, 1, $4) \
             ON CONFLICT (recipient_id) DO UPDATE SET choices = excluded.choices, channel = excluded.channel, \
             times = notebook_answers.times + 1, answered_at = excluded.answered_at \
             RETURNING times";
        // SQLite spells numbered parameters `?1`; it reads `$1` as a named one (see `db::queue::sql`).
        let statement = match conn {
            DbConnection::Sqlite(_) => statement.replace('$', "?"),
            #[cfg(feature = "postgres")]
            DbConnection::Postgres(_) => statement.to_string(),
        };
        let row: Times = diesel::sql_query(statement)
            .bind::<BigInt, _>(recipient_id)
            .bind::<Text, _>(choices.stored())
            .bind::<Text, _>(channel.key())
            .bind::<Timestamp, _>(at)
            .get_result(conn)?;
        Ok(row.times)
    }

    /// The answers to a message, by recipient.
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<HashMap<i64, Answer>> {
        Ok(notebook_answers::table
            .inner_join(notebook_recipients::table)
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .select(ANSWER_COLUMNS)
            .load::<AnswerRow>(conn)?
            .into_iter()
            .map(|row| (row.0, answer_of(row)))
            .collect())
    }
}

/// What a message asks back and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    pub thread_id: i64,
    pub school_id: i64,
    pub kind: AnswerKind,
    /// After this, answers are refused.
    pub answer_until: Option<NaiveDateTime>,
    /// The message went out (recipients exist).
    pub sent: bool,
}

impl Asking {
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Option<Asking>> {
        Ok(notebook_messages::table
            .find(thread_id)
            .select((
                notebook_messages::school_id,
                notebook_messages::answers,
                notebook_messages::answer_until,
                notebook_messages::sent_at,
            ))
            .first::<(i64, String, Option<NaiveDateTime>, Option<NaiveDateTime>)>(conn)
            .optional()?
            .map(|(school_id, kind, answer_until, sent_at)| Asking {
                thread_id,
                school_id,
                // The column's CHECK allows the three; a newer kind asks nothing of this version.
                kind: AnswerKind::parse(&kind).unwrap_or(AnswerKind::None),
                answer_until,
                sent: sent_at.is_some(),
            }))
    }

    /// Whether answers are still taken at `at`.
    pub fn open_at(&self, at: NaiveDateTime) -> bool {
        self.answer_until.is_none_or(|until| at <= until)
    }
}

/// A child a recipient got the message for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyChild {
    pub grade: i32,
    pub class_name: String,
    pub name: String,
}

/// One recipient of a message as the tally lists her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRow {
    pub recipient_id: i64,
    pub member_id: i64,
    /// Her real name (the nickname when she gave none).
    pub guardian: String,
    pub read_via: Option<ReadVia>,
    /// Her children the message was for, by grade, class and name.
    pub children: Vec<TallyChild>,
    pub answer: Option<Answer>,
}

impl TallyRow {
    /// A message's recipients with their children and answers, by their first child's class and
    /// name.
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<TallyRow>> {
        let people: Vec<(i64, i64, String, String, Option<String>)> = notebook_recipients::table
            .inner_join(members::table)
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .select((
                notebook_recipients::id,
                notebook_recipients::member_id,
                members::real_name,
                members::nickname,
                notebook_recipients::read_via,
            ))
            .order(notebook_recipients::id)
            .load(conn)?;
        let kids: Vec<(i64, i32, String, String)> = notebook_recipient_children::table
            .inner_join(notebook_recipients::table)
            .inner_join(children::table)
            .filter(notebook_recipients::thread_id.eq(thread_id))
            .select((
                notebook_recipient_children::recipient_id,
                children::grade,
                children::class_name,
                children::name,
            ))
            .order((children::grade, children::class_name, children::name))
            .load(conn)?;
        let mut by_recipient: HashMap<i64, Vec<TallyChild>> = HashMap::new();
        for (recipient, grade, class_name, name) in kids {
            by_recipient.entry(recipient).or_default().push(TallyChild {
                grade,
                class_name,
                name,
            });
        }
        let mut answers = Answer::of_thread(conn, thread_id)?;
        let mut rows: Vec<TallyRow> = people
            .into_iter()
            .map(|(id, member_id, real_name, nickname, read_via)| TallyRow {
                recipient_id: id,
                member_id,
                guardian: if real_name.trim().is_empty() {
                    nickname
                } else {
                    real_name
                },
                read_via: read_via.and_then(|v| ReadVia::parse(&v)),
                children: by_recipient.remove(&id).unwrap_or_default(),
                answer: answers.remove(&id),
            })
            .collect();
        rows.sort_by(|a, b| {
            let key = |r: &TallyRow| {
                r.children
                    .first()
                    .map(|c| (c.grade, c.class_name.clone(), c.name.clone()))
                    .unwrap_or((i32::MAX, String::new(), String::new()))
            };
            key(a).cmp(&key(b)).then(a.recipient_id.cmp(&b.recipient_id))
        });
        Ok(rows)
    }
}

/// A free reply: a comment on the message's thread, with who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeReplyLine {
    pub id: i64,
    pub member_id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
}

impl FreeReplyLine {
    /// A message's free replies, oldest first (hidden ones left out); only hers when `member_id`
    /// is given: a guardian sees her own replies, the school's staff all of them.
    pub fn of_thread(
        conn: &mut DbConnection,
        thread_id: i64,
        member_id: Option<i64>,
    ) -> QueryResult<Vec<FreeReplyLine>> {
        let mut query = thread_comments::table
            .filter(thread_comments::thread_id.eq(thread_id))
            .filter(thread_comments::hidden_at.is_null())
            .select((
                thread_comments::id,
                thread_comments::member_id,
                thread_comments::body,
                thread_comments::created_at,
            ))
            .order(thread_comments::id)
            .into_boxed();
        if let Some(member) = member_id {
            query = query.filter(thread_comments::member_id.eq(member));
        }
        Ok(query
            .load::<(i64, i64, String, NaiveDateTime)>(conn)?
            .into_iter()
            .map(|(id, member_id, body, created_at)| FreeReplyLine {
                id,
                member_id,
                body,
                created_at,
            })
            .collect())
    }
}
