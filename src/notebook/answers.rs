//! Answers to messages: survey choices and free replies, by web form or reply mail, the tally.
//!
//! Every way in (the web form signed in or by the mail's link, a reply mail, the demo seed) stores
//! through `store`, inside the caller's `write_transaction`: the deadline is checked, a survey
//! answer replaces her earlier one (`notebook_answers.times` counts them), a free reply becomes a
//! comment on the message's thread, and answering marks the message read if it was not.

use crate::db::models::notebook::answer::{Answer, Asking};
use crate::db::models::notebook::question::Question;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::thread::Thread;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::notebook::answers::{read_free_reply, read_survey, Choices, Unreadable};
use crate::domain::notebook::{AnswerKind, Channel, ReadVia};
use crate::domain::post::CommentBody;
use chrono::NaiveDateTime;
use diesel::QueryResult;

/// An answer as given, read already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    Survey(Choices),
    /// A free reply.
    Text(CommentBody),
}

/// What became of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The survey answer is stored; `times` > 1 when it replaced an earlier one.
    Recorded { times: i32 },
    /// The free reply is a comment of the thread.
    Replied { comment_id: i64 },
    /// The deadline has passed: nothing stored.
    Closed { until: NaiveDateTime },
    /// The message asks no such answer (or nothing at all): nothing stored.
    NotAsked,
}

/// Who answers and how.
#[derive(Debug, Clone, Copy)]
pub struct Answering<'a> {
    pub recipient: &'a Recipient,
    pub channel: Channel,
    /// How her read counts if this is the first time she opens the message.
    pub via: ReadVia,
    /// The device profile of the form or of the mail's sender (kept with a comment).
    pub profile: &'a str,
    pub at: NaiveDateTime,
}

/// Stores an answer; call inside the caller's `write_transaction` (the reply mail is queued in
/// the same one).
pub fn store(conn: &mut DbConnection, who: Answering<'_>, given: &Given) -> QueryResult<Outcome> {
    let recipient = who.recipient;
    let Some(asking) = Asking::of_thread(conn, recipient.thread_id)? else {
        return Ok(Outcome::NotAsked);
    };
    if let Some(until) = asking.answer_until.filter(|_| !asking.open_at(who.at)) {
        return Ok(Outcome::Closed { until });
    }
    let outcome = match (asking.kind, given) {
        (AnswerKind::Survey, Given::Survey(choices)) => Outcome::Recorded {
            times: Answer::record(conn, recipient.id, choices, who.channel, who.at)?,
        },
        (AnswerKind::Text, Given::Text(body)) => {
            let Some(thread) = Thread::find(conn, recipient.thread_id)? else {
                return Ok(Outcome::NotAsked);
            };
            Outcome::Replied {
                comment_id: crate::threads::comment(conn, &thread, recipient.member_id, body, who.profile)?,
            }
        }
        _ => return Ok(Outcome::NotAsked),
    };
    Recipient::mark_read(conn, recipient.id, who.via, who.at)?;
    Ok(outcome)
}

/// Reads `body` as a reply mail's text is read (`1 2 1`, 「出席」, or a free reply) and stores it in
/// its own transaction. For code that answers for a guardian (the demo seed): the same path as the
/// web form and the reply mail. `Err` when the text cannot be read; nothing is stored then.
pub fn record_text(
    conn: &mut DbConnection,
    recipient: &Recipient,
    body: &str,
    channel: Channel,
) -> QueryResult<Result<Outcome, Unreadable>> {
    let Some(asking) = Asking::of_thread(conn, recipient.thread_id)? else {
        return Ok(Ok(Outcome::NotAsked));
    };
    let given = match read_given(conn, &asking, body)? {
        Ok(given) => given,
        Err(e) => return Ok(Err(e)),
    };
    let via = match channel {
        Channel::Web => ReadVia::Web,
        Channel::Mail => ReadVia::Mail,
    };
    let at = now();
    write_transaction(conn, |conn| {
        let who = Answering {
            recipient,
            channel,
            via,
            profile: "pc",
            at,
        };
        store(conn, who, &given).map(Ok)
    })
}

/// A reply's text read for what the message asks: the survey's answers or a free reply (cut to
/// a comment's length). A message that asks nothing reads as an empty survey, which `store`
/// refuses as not asked.
pub fn read_given(conn: &mut DbConnection, asking: &Asking, body: &str) -> QueryResult<Result<Given, Unreadable>> {
    Ok(match asking.kind {
        AnswerKind::Survey => {
            let questions = Question::of_thread(conn, asking.thread_id)?;
            read_survey(body, &choices_of(&questions)).map(Given::Survey)
        }
        AnswerKind::Text => read_free_reply(body).and_then(|reply| {
            CommentBody::parse(&reply.text)
                .map(Given::Text)
                .map_err(|_| Unreadable::Empty)
        }),
        AnswerKind::None => Ok(Given::Survey(Choices::from_stored(""))),
    })
}

/// The choices of each question, in order.
pub fn choices_of(questions: &[Question]) -> Vec<Vec<String>> {
    questions.iter().map(|q| q.choices.clone()).collect()
}

/// The number of choices of each question, in order.
pub fn choice_counts(questions: &[Question]) -> Vec<usize> {
    questions.iter().map(|q| q.choices.len()).collect()
}

/// 「1. 出席」: each question's number and the chosen choice's words.
pub fn answer_lines(questions: &[Question], choices: &Choices) -> Vec<String> {
    questions
        .iter()
        .map(|q| {
            let chosen = usize::try_from(q.position)
                .ok()
                .and_then(|p| choices.of(p))
                .and_then(|n| q.choices.get((n as usize).saturating_sub(1)))
                .cloned()
                .unwrap_or_default();
            format!("{}. {chosen}", q.position)
        })
        .collect()
}

/// The chosen choice's words of question `position`, or empty.
pub fn chosen_word(questions: &[Question], choices: &Choices, position: i32) -> String {
    questions
        .iter()
        .find(|q| q.position == position)
        .and_then(|q| {
            let n = choices.of(usize::try_from(position).ok()?)?;
            q.choices.get((n as usize).checked_sub(1)?).cloned()
        })
        .unwrap_or_default()
}
