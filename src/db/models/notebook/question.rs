//! A survey's questions (`notebook_questions`): up to five, each with its choices. Written with the
//! message (`notebook::deliver`'s compose), read by the answer forms, reply mails and the tally.

use crate::db::schema::notebook_questions;
use crate::db::DbConnection;
use diesel::prelude::*;

/// The most questions a survey has.
pub const MAX_QUESTIONS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// 1 to 5, the order guardians see and answer in.
    pub position: i32,
    pub text: String,
    /// The choices in order; an answer names one by its number (1 for the first).
    pub choices: Vec<String>,
}

impl Question {
    /// A message's questions, in order.
    pub fn of_thread(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<Question>> {
        Ok(notebook_questions::table
            .filter(notebook_questions::thread_id.eq(thread_id))
            .order(notebook_questions::position)
            .select((
                notebook_questions::position,
                notebook_questions::text,
                notebook_questions::choices,
            ))
            .load::<(i32, String, String)>(conn)?
            .into_iter()
            .map(|(position, text, choices)| Question {
                position,
                text,
                choices: choices.lines().map(str::to_string).collect(),
            })
            .collect())
    }

    /// Stores a message's questions (positions as given); call in the message's transaction.
    pub fn insert_all(conn: &mut DbConnection, thread_id: i64, questions: &[Question]) -> QueryResult<()> {
        for q in questions {
            diesel::insert_into(notebook_questions::table)
                .values((
                    notebook_questions::thread_id.eq(thread_id),
                    notebook_questions::position.eq(q.position),
                    notebook_questions::text.eq(&q.text),
                    notebook_questions::choices.eq(q.choices.join("\n")),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}
