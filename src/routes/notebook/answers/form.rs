//! The answer form: GET shows the questions with her current answer (or her free replies and a
//! text box), POST stores through `notebook::answers::store` (the same path as a reply mail).
//! A survey answered again keeps the last answer and says so; after the deadline nothing is taken.

use super::door::Door;
use crate::db::models::notebook::answer::{Answer, Asking, FreeReplyLine};
use crate::db::models::notebook::question::Question;
use crate::db::models::thread::Thread;
use crate::db::{now, write_transaction};
use crate::domain::notebook::answers::{Choices, Unreadable};
use crate::domain::notebook::{AnswerKind, Channel};
use crate::domain::policy::Action;
use crate::domain::post::{CommentBody, TextError};
use crate::domain::time::{day_label, jst};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::notebook::answers::{choice_counts, store, Answering, Given, Outcome};
use crate::routes::request::{ctx, ok, Posted, Visitor};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use hiroba_views::pages::notebook::answers::form::{answer_form, AnswerBody, AnswerFormView, QuestionView, ReplyView};

/// What she posted, shown again with an error.
#[derive(Debug, Clone, Default)]
struct Kept {
    chosen: Vec<Option<u32>>,
    text: String,
}

pub async fn show(mut visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    render(&visitor, &Door::Member(id.into_inner()), None, None, None).await
}

pub async fn show_by_token(mut visitor: Visitor, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    visitor.ensure_session().await?;
    render(&visitor, &Door::Token(token.into_inner()), None, None, None).await
}

pub async fn save(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    take(posted, Door::Member(id.into_inner())).await
}

pub async fn save_by_token(posted: Posted, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    take(posted, Door::Token(token.into_inner())).await
}

async fn take(posted: Posted, door: Door) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let recipient = door.open(&visitor, Action::Create).await?;
    let thread_id = recipient.thread_id;
    let (asking, questions) = visitor
        .db(move |conn| {
            Ok((
                Asking::of_thread(conn, thread_id)?,
                Question::of_thread(conn, thread_id)?,
            ))
        })
        .await?;
    let asking = asking.ok_or(AppError::NotFound)?;
    let kept = kept_of(&form, &questions);
    let given = match asking.kind {
        AnswerKind::Survey => choices_of_form(&kept, &questions).map(Given::Survey),
        AnswerKind::Text => CommentBody::parse(&kept.text).map(Given::Text).map_err(|e| match e {
            TextError::Empty(_) => "返信を入力してください。".to_string(),
            TextError::TooLong(_, max) => format!("返信は{max}文字までです。"),
        }),
        AnswerKind::None => return render(&visitor, &door, None, None, None).await,
    };
    let given = match given {
        Ok(given) => given,
        Err(error) => return render(&visitor, &door, None, Some(error), Some(kept)).await,
    };
    let via = door.via();
    let profile = visitor.device.profile.id.clone();
    let outcome = visitor
        .db(move |conn| {
            let who = Answering {
                recipient: &recipient,
                channel: Channel::Web,
                via,
                profile: &profile,
                at: now(),
            };
            Ok(write_transaction(conn, |conn| store(conn, who, &given))?)
        })
        .await?;
    match outcome {
        Outcome::Recorded { times } if times > 1 => {
            let notice = format!("回答を変更しました（{times}回目）。最後の回答が残ります。");
            render(&visitor, &door, Some(notice), None, None).await
        }
        Outcome::Recorded { .. } => render(&visitor, &door, Some("回答を受け付けました。".into()), None, None).await,
        Outcome::Replied { .. } => render(&visitor, &door, Some("返信を学校に届けました。".into()), None, None).await,
        Outcome::Closed { .. } => {
            let error = "回答の締め切りを過ぎたため、受け付けられませんでした。".to_string();
            render(&visitor, &door, None, Some(error), Some(kept)).await
        }
        Outcome::NotAsked => render(&visitor, &door, None, None, None).await,
    }
}

/// The posted choices (`q1` … `q5`) and text.
fn kept_of(form: &FormData, questions: &[Question]) -> Kept {
    Kept {
        chosen: questions
            .iter()
            .map(|q| {
                form.get(&format!("q{}", q.position))
                    .and_then(|v| v.trim().parse().ok())
            })
            .collect(),
        text: form.get("text").unwrap_or_default().to_string(),
    }
}

/// Her choices when every question has one of its own.
fn choices_of_form(kept: &Kept, questions: &[Question]) -> Result<Choices, String> {
    let mut numbers = Vec::with_capacity(questions.len());
    for (i, chosen) in kept.chosen.iter().enumerate() {
        numbers.push(chosen.ok_or_else(|| Unreadable::Missing { question: i + 1 }.to_string())?);
    }
    Choices::new(numbers, &choice_counts(questions)).map_err(|e| e.to_string())
}

/// 「12/10（木）17:00」
pub fn deadline_label(until: NaiveDateTime) -> String {
    let at = jst(until);
    format!("{} {}", day_label(at.date_naive()), at.format("%H:%M"))
}

async fn render(
    visitor: &Visitor,
    door: &Door,
    notice: Option<String>,
    error: Option<String>,
    kept: Option<Kept>,
) -> Result<HttpResponse, AppError> {
    let recipient = door.open(visitor, Action::Read).await?;
    let (thread_id, member_id, recipient_id) = (recipient.thread_id, recipient.member_id, recipient.id);
    let (asking, thread, questions, answer, replies) = visitor
        .db(move |conn| {
            Ok((
                Asking::of_thread(conn, thread_id)?,
                Thread::find(conn, thread_id)?,
                Question::of_thread(conn, thread_id)?,
                Answer::of(conn, recipient_id)?,
                FreeReplyLine::of_thread(conn, thread_id, Some(member_id))?,
            ))
        })
        .await?;
    let (Some(asking), Some(thread)) = (asking, thread) else {
        return Err(AppError::NotFound);
    };
    let body = match asking.kind {
        AnswerKind::Survey => AnswerBody::Survey {
            questions: questions
                .iter()
                .enumerate()
                .map(|(i, q)| QuestionView {
                    position: q.position,
                    text: q.text.clone(),
                    choices: q.choices.clone(),
                    chosen: match &kept {
                        Some(kept) => kept.chosen.get(i).copied().flatten(),
                        None => answer
                            .as_ref()
                            .and_then(|a| a.choices.of(usize::try_from(q.position).ok()?)),
                    },
                })
                .collect(),
            times: answer.as_ref().map_or(0, |a| a.times),
        },
        AnswerKind::Text => AnswerBody::Text {
            text: kept.map(|k| k.text).unwrap_or_default(),
            replies: replies
                .into_iter()
                .map(|r| ReplyView {
                    at: jst(r.created_at).format("%m/%d %H:%M").to_string(),
                    body: r.body,
                })
                .collect(),
        },
        AnswerKind::None => AnswerBody::Nothing,
    };
    let view = AnswerFormView {
        action: door.action(),
        back: door.back(),
        title: thread.title,
        deadline: asking.answer_until.map(deadline_label),
        closed: !asking.open_at(now()),
        notice,
        error,
        body,
    };
    Ok(ok(visitor, &answer_form(&ctx(visitor), &view)))
}
