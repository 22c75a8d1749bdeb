//! `nb-<token>@`: a guardian answers a notebook message by reply (survey answers such as `1 2 1`
//! or 「出席」, or a free reply). The token is her recipient row's; the sender must also be one of
//! her verified addresses. What she wrote is read (`domain::notebook::answers`), stored like a web
//! answer (`notebook::answers::store`, the read counted as by mail) and answered with a
//! `NotebookAnswer` mail: what was recorded, or how to write it (nothing stored), all in one
//! transaction with the mail's disposition.

use super::JobError;
use crate::context::Context;
use crate::db::models::inbound_mail::{Disposition, InboundMail};
use crate::db::models::mail_address::MailAddress;
use crate::db::models::notebook::answer::Asking;
use crate::db::models::notebook::question::Question;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::thread::Thread;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::mail_route::notebook_reply_address;
use crate::domain::notebook::answers::{read_free_reply, read_survey, FREE_REPLY_MAX};
use crate::domain::notebook::{AnswerKind, Channel, ReadVia};
use crate::domain::post::CommentBody;
use crate::domain::time::jst;
use crate::mail::inbound::decode::DecodedMail;
use crate::notebook::answers::{answer_lines, choices_of, store, Answering, Given, Outcome};
use hiroba_views::mail::notebook::answers::{self as texts, QuestionText};
use hiroba_views::mail::MailText;

/// Answers that store nothing (unreadable, too late, a stranger's address) go out while the sender
/// got fewer answer mails than this in a day: a forged sender or an auto-responder must not turn
/// us into a mail cannon.
const REFUSALS_PER_DAY: i64 = 10;

pub fn handle(
    ctx: &Context,
    conn: &mut DbConnection,
    mail: &InboundMail,
    decoded: &DecodedMail,
    token: &str,
) -> Result<(), JobError> {
    let Some(recipient) = Recipient::by_token(conn, token)? else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "notebook token unknown")?;
        return Ok(());
    };
    let Some(sender) = decoded.from.as_ref().map(|a| a.as_str().to_string()) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "no sender address")?;
        return Ok(());
    };
    let hers = MailAddress::find(conn, &sender)?.is_some_and(|a| a.member_id == recipient.member_id && a.is_verified());
    if !hers {
        return refuse(
            conn,
            mail,
            &sender,
            None,
            texts::sender_refused(),
            "sender is not the recipient's address",
        );
    }
    let (Some(asking), Some(thread)) = (
        Asking::of_thread(conn, recipient.thread_id)?,
        Thread::find(conn, recipient.thread_id)?,
    ) else {
        InboundMail::finish(conn, mail.id, Disposition::Refused, "message gone")?;
        return Ok(());
    };
    let settings = &ctx.settings;
    let title = thread.title.clone();
    let link = format!("{}/notebook/r/{token}/answer", settings.base_url);
    let reply_to = notebook_reply_address(token, &settings.mail.domain);
    let reply_to = Some(reply_to.as_str());
    let at = now();
    if let Some(until) = asking.answer_until.filter(|_| !asking.open_at(at)) {
        let until = jst(until).format("%m/%d %H:%M").to_string();
        return refuse(
            conn,
            mail,
            &sender,
            None,
            texts::closed(&title, &until),
            "past the deadline",
        );
    }
    let questions = Question::of_thread(conn, recipient.thread_id)?;
    let (given, cut) = match asking.kind {
        AnswerKind::None => {
            return refuse(
                conn,
                mail,
                &sender,
                None,
                texts::not_asked(&title),
                "message asks no answer",
            );
        }
        AnswerKind::Survey => match read_survey(&decoded.body, &choices_of(&questions)) {
            Ok(choices) => (Given::Survey(choices), false),
            Err(problem) => {
                let listed: Vec<QuestionText> = questions
                    .iter()
                    .map(|q| QuestionText {
                        position: q.position,
                        text: q.text.clone(),
                        choices: q.choices.clone(),
                    })
                    .collect();
                let text = texts::how_to_answer(&title, &problem.to_string(), &listed, &link);
                return refuse(conn, mail, &sender, reply_to, text, "answers unreadable");
            }
        },
        AnswerKind::Text => match read_free_reply(&decoded.body).map(|r| (CommentBody::parse(&r.text), r.cut)) {
            Ok((Ok(body), cut)) => (Given::Text(body), cut),
            _ => {
                let text = texts::how_to_reply(&title, &link);
                return refuse(conn, mail, &sender, reply_to, text, "reply empty");
            }
        },
    };
    let profile = ctx.profiles.mail_profile_of_address(&sender).id.clone();
    write_transaction(conn, |conn| {
        let who = Answering {
            recipient: &recipient,
            channel: Channel::Mail,
            via: ReadVia::Mail,
            profile: &profile,
            at,
        };
        let stored = store(conn, who, &given)?;
        let disposition = match stored {
            Outcome::Recorded { .. } | Outcome::Replied { .. } => Disposition::Processed,
            Outcome::Closed { .. } | Outcome::NotAsked => Disposition::Refused,
        };
        let (text, outcome) = match stored {
            Outcome::Recorded { times } => {
                let lines = match &given {
                    Given::Survey(choices) => answer_lines(&questions, choices),
                    Given::Text(_) => Vec::new(),
                };
                (
                    texts::recorded(&title, &lines, times, &link),
                    format!("survey answered ({times})"),
                )
            }
            Outcome::Replied { comment_id } => (
                texts::replied(&title, cut.then_some(FREE_REPLY_MAX), &link),
                format!("free reply: comment {comment_id}"),
            ),
            // Checked above; the transaction saw it change (the deadline passed meanwhile).
            Outcome::Closed { until } => (
                texts::closed(&title, &jst(until).format("%m/%d %H:%M").to_string()),
                "past the deadline".to_string(),
            ),
            Outcome::NotAsked => (texts::not_asked(&title), "message asks no answer".to_string()),
        };
        OutboxMail::queue_replyable(
            conn,
            MailKind::NotebookAnswer,
            &sender,
            &text.subject,
            &text.body,
            reply_to,
        )?;
        InboundMail::finish(conn, mail.id, disposition, &outcome)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// Stores nothing, finishes the mail as refused and says why (at most `REFUSALS_PER_DAY` times a
/// day per sender), in one transaction.
fn refuse(
    conn: &mut DbConnection,
    mail: &InboundMail,
    sender: &str,
    reply_to: Option<&str>,
    text: MailText,
    outcome: &str,
) -> Result<(), JobError> {
    write_transaction(conn, |conn| {
        let since = now() - chrono::Duration::days(1);
        if OutboxMail::count_since(conn, sender, Some(MailKind::NotebookAnswer), since)? < REFUSALS_PER_DAY {
            OutboxMail::queue_replyable(
                conn,
                MailKind::NotebookAnswer,
                sender,
                &text.subject,
                &text.body,
                reply_to,
            )?;
        }
        InboundMail::finish(conn, mail.id, Disposition::Refused, outcome)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
