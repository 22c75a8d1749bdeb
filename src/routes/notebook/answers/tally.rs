//! `/notebook/schools/{school}/messages/{id}/answers`: a message's answers for the school's staff
//! (teachers of the school, coordinators): counts per choice, answered of all and per class, every
//! recipient's answer or the free replies, paged to the phone.

use super::form::deadline_label;
use crate::db::models::notebook::answer::{Asking, FreeReplyLine, TallyRow};
use crate::db::models::notebook::question::Question;
use crate::db::models::thread::Thread;
use crate::domain::notebook::AnswerKind;
use crate::domain::policy::{child_reach, Action, Resource};
use crate::domain::time::jst;
use crate::error::AppError;
use crate::notebook::access::staff_school;
use crate::notebook::answers::answer_lines;
use crate::routes::portal::page_number;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::pages::notebook::answers::tally::{
    answer_line, reply_line, tally, AnswerLine, ClassTally, QuestionTally, ReplyLine, TallyView,
};
use std::collections::BTreeMap;

/// A message's answers as the tally and the CSV read them.
pub struct Loaded {
    pub title: String,
    pub asking: Asking,
    pub questions: Vec<Question>,
    pub rows: Vec<TallyRow>,
    pub replies: Vec<FreeReplyLine>,
}

/// The message `id` of school `school`, if the visitor is the school's staff and the message is
/// the school's; else the 404 page.
pub async fn load(visitor: &Visitor, school: i64, id: i64) -> Result<Loaded, AppError> {
    let me = visitor.require_member(Resource::NotebookSchool, Action::Read)?;
    let (member_id, reach) = (me.member_id, child_reach(&me.principal()));
    visitor
        .db(move |conn| {
            if staff_school(conn, member_id, reach, school)?.is_none() {
                return Err(AppError::NotFound);
            }
            let asking = Asking::of_thread(conn, id)?
                .filter(|a| a.school_id == school)
                .ok_or(AppError::NotFound)?;
            let title = Thread::find(conn, id)?.ok_or(AppError::NotFound)?.title;
            Ok(Loaded {
                title,
                asking,
                questions: Question::of_thread(conn, id)?,
                rows: TallyRow::of_thread(conn, id)?,
                replies: FreeReplyLine::of_thread(conn, id, None)?,
            })
        })
        .await
}

/// 「2年1組 ゆうた・2年3組 さき」: the recipient's children the message was for.
pub fn children_label(row: &TallyRow) -> String {
    row.children
        .iter()
        .map(|c| format!("{}年{} {}", c.grade, c.class_name, c.name))
        .collect::<Vec<_>>()
        .join("・")
}

/// How many of `rows` chose each choice of each question.
fn count_choices<'a>(questions: &[Question], rows: impl Iterator<Item = &'a TallyRow>) -> Vec<Vec<usize>> {
    let mut counts: Vec<Vec<usize>> = questions.iter().map(|q| vec![0; q.choices.len()]).collect();
    for answer in rows.filter_map(|r| r.answer.as_ref()) {
        for (q, counted) in questions.iter().zip(counts.iter_mut()) {
            let chosen = usize::try_from(q.position).ok().and_then(|p| answer.choices.of(p));
            if let Some(slot) = chosen.and_then(|n| counted.get_mut((n as usize).checked_sub(1)?)) {
                *slot += 1;
            }
        }
    }
    counts
}

pub async fn show(visitor: Visitor, path: web::Path<(i64, i64)>, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let (school, id) = path.into_inner();
    let loaded = load(&visitor, school, id).await?;
    let survey = loaded.asking.kind == AnswerKind::Survey;
    let answered_of = |row: &TallyRow| {
        if survey {
            row.answer.is_some()
        } else {
            loaded.replies.iter().any(|r| r.member_id == row.member_id)
        }
    };
    let counts = count_choices(&loaded.questions, loaded.rows.iter());
    let questions = loaded
        .questions
        .iter()
        .zip(&counts)
        .map(|(q, counted)| QuestionTally {
            position: q.position,
            text: q.text.clone(),
            counts: q.choices.iter().cloned().zip(counted.iter().copied()).collect(),
        })
        .collect();
    let mut by_class: BTreeMap<(i32, String), Vec<&TallyRow>> = BTreeMap::new();
    for row in &loaded.rows {
        let mut seen = Vec::new();
        for child in &row.children {
            let key = (child.grade, child.class_name.clone());
            if !seen.contains(&key) {
                seen.push(key.clone());
                by_class.entry(key).or_default().push(row);
            }
        }
    }
    let classes = by_class
        .into_iter()
        .map(|((grade, class_name), rows)| {
            let counted = count_choices(&loaded.questions, rows.iter().copied());
            ClassTally {
                label: format!("{grade}年{class_name}"),
                answered: rows.iter().filter(|r| answered_of(r)).count(),
                total: rows.len(),
                counts: loaded
                    .questions
                    .iter()
                    .zip(&counted)
                    .map(|(q, n)| {
                        let each: Vec<String> = q.choices.iter().zip(n).map(|(c, n)| format!("{c}{n}")).collect();
                        format!("{}.{}", q.position, each.join("/"))
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect();
    let base = format!("/notebook/schools/{school}/messages/{id}");
    let view = TallyView {
        path: format!("{base}/answers"),
        back: base.clone(),
        csv: format!("{base}/answers.csv"),
        title: loaded.title.clone(),
        deadline: loaded.asking.answer_until.map(deadline_label),
        survey,
        answered: loaded.rows.iter().filter(|r| answered_of(r)).count(),
        total: loaded.rows.len(),
        questions,
        classes,
    };
    let items: Vec<_> = if survey {
        loaded
            .rows
            .iter()
            .map(|row| {
                answer_line(&AnswerLine {
                    children: children_label(row),
                    guardian: row.guardian.clone(),
                    answer: row.answer.as_ref().map(|a| {
                        answer_lines(&loaded.questions, &a.choices)
                            .iter()
                            .map(|l| l.replace(". ", "."))
                            .collect::<Vec<_>>()
                            .join(" ")
                    }),
                    when: row
                        .answer
                        .as_ref()
                        .map(|a| {
                            let again = if a.times > 1 {
                                format!("（{}回目）", a.times)
                            } else {
                                String::new()
                            };
                            format!(
                                "{} {}{again}",
                                jst(a.answered_at).format("%m/%d %H:%M"),
                                a.channel.label()
                            )
                        })
                        .unwrap_or_default(),
                })
            })
            .collect()
    } else {
        loaded
            .replies
            .iter()
            .map(|reply| {
                let row = loaded.rows.iter().find(|r| r.member_id == reply.member_id);
                reply_line(&ReplyLine {
                    children: row.map(children_label).unwrap_or_default(),
                    guardian: row.map(|r| r.guardian.clone()).unwrap_or_default(),
                    at: jst(reply.created_at).format("%m/%d %H:%M").to_string(),
                    body: reply.body.clone(),
                })
            })
            .collect()
    };
    let ctx = ctx(&visitor);
    Ok(paged_list(&visitor, &items, page_number(&query), |list| {
        tally(&ctx, &view, list)
    }))
}
