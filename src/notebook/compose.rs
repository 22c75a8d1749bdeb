//! Writing a message: the compose form's fields read into a draft (every mistake said at once), and
//! the draft written with its thread, targets, questions, files and its `notebook_send` job in one
//! transaction. The form and the demo seed both come through `write_message`.

use crate::db::models::job::{Job, JobKind};
use crate::db::models::notebook::attachment::{Attachment, NewAttachment};
use crate::db::models::notebook::family::Family;
use crate::db::models::notebook::message::{Message, NewMessage};
use crate::db::models::notebook::question::{Question, MAX_QUESTIONS};
use crate::db::models::thread::NewThread;
use crate::db::models::watch::child::Child;
use crate::db::{now, write_transaction, DbConnection};
use crate::domain::notebook::targeting::{parse_class_key, Target};
use crate::domain::notebook::{school_year, AnswerKind, MessageKind};
use crate::domain::post::{PostBody, PostTitle};
use crate::domain::thread::{Channel, Place};
use crate::domain::time::jst;
use crate::photo::Original;
use crate::threads::write::start;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::QueryResult;

/// The compose form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftInput {
    /// letter or notice.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// school, grades, classes or family.
    pub audience: String,
    pub grades: Vec<String>,
    /// "2-1組" (`targeting::class_key`).
    pub classes: Vec<String>,
    /// The child whose family it goes to (audience family).
    pub child: String,
    /// YYYY-MM-DD and HH:MM, Japan time; empty: now.
    pub send_date: String,
    pub send_time: String,
    /// none, text or survey.
    pub answers: String,
    /// Up to five (question, choices) as typed; choices one per line or separated by ／.
    pub questions: Vec<(String, String)>,
    /// YYYY-MM-DD (and HH:MM, default 23:59), Japan time; empty: no deadline.
    pub until_date: String,
    pub until_time: String,
}

/// Who a draft goes to: a target, or the family of a child still to be looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressed {
    Target(Target),
    FamilyOf(i64),
}

/// A message ready to be written.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: MessageKind,
    pub title: PostTitle,
    pub body: PostBody,
    pub to: Addressed,
    pub answers: AnswerKind,
    pub questions: Vec<Question>,
    /// UTC.
    pub answer_until: Option<NaiveDateTime>,
    /// UTC; `None`: at once.
    pub send_at: Option<NaiveDateTime>,
}

/// What a message is written with besides its text.
#[derive(Debug, Default)]
pub struct Files {
    /// Images already through the photo pipeline.
    pub photos: Vec<Original>,
    /// PDFs.
    pub attachments: Vec<NewAttachment>,
}

/// Splits a question's choices as teachers type them: one per line, or separated by ／ or /.
pub fn split_choices(text: &str) -> Vec<String> {
    text.split(['\n', '／', '/', '、'])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// A typed Japan-time day and time as UTC.
fn utc_of(date: &str, time: &str, default_time: NaiveTime) -> Option<NaiveDateTime> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date.trim(), "%Y/%m/%d"))
        .ok()?;
    let time = if time.trim().is_empty() {
        default_time
    } else {
        NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?
    };
    Some(day.and_time(time) - Duration::hours(9))
}

impl DraftInput {
    /// The draft, or every mistake as a sentence. `now` is UTC.
    pub fn parse(&self, now: NaiveDateTime) -> Result<Draft, Vec<String>> {
        let mut errors = Vec::new();
        let kind = MessageKind::parse(&self.kind);
        if kind.is_none() {
            errors.push("お便りか連絡かを選んでください。".to_string());
        }
        let title = PostTitle::parse(&self.title)
            .map_err(|e| errors.push(e.to_string()))
            .ok();
        let body = PostBody::parse(&self.body).map_err(|e| errors.push(e.to_string())).ok();
        let to = match self.audience.as_str() {
            "school" => Some(Addressed::Target(Target::School)),
            "grades" => {
                let mut grades: Vec<i32> = self
                    .grades
                    .iter()
                    .filter_map(|g| g.trim().parse().ok())
                    .filter(|g| (1..=9).contains(g))
                    .collect();
                grades.sort_unstable();
                grades.dedup();
                if grades.is_empty() {
                    errors.push("学年をひとつ以上選んでください。".into());
                }
                Some(Addressed::Target(Target::Grades(grades)))
            }
            "classes" => {
                let mut classes: Vec<(i32, String)> = self.classes.iter().filter_map(|c| parse_class_key(c)).collect();
                classes.sort();
                classes.dedup();
                if classes.is_empty() {
                    errors.push("クラスをひとつ以上選んでください。".into());
                }
                Some(Addressed::Target(Target::Classes(classes)))
            }
            "family" => match self.child.trim().parse::<i64>() {
                Ok(child) => Some(Addressed::FamilyOf(child)),
                Err(_) => {
                    errors.push("どの家庭に送るか、児童を選んでください。".into());
                    None
                }
            },
            _ => {
                errors.push("送り先を選んでください。".into());
                None
            }
        };
        let send_at = if self.send_date.trim().is_empty() {
            None
        } else {
            match utc_of(&self.send_date, &self.send_time, NaiveTime::MIN) {
                // A time already past is sent at once.
                Some(at) if at > now => Some(at),
                Some(_) => None,
                None => {
                    errors.push("送信日時は 2026-12-10 と 07:30 のように入力してください。".into());
                    None
                }
            }
        };
        let answers = AnswerKind::parse(&self.answers).unwrap_or(AnswerKind::None);
        let mut questions = Vec::new();
        if answers == AnswerKind::Survey {
            for (n, (text, choices)) in self.questions.iter().enumerate() {
                let (text, choices) = (text.trim(), split_choices(choices));
                if text.is_empty() && choices.is_empty() {
                    continue;
                }
                if n >= MAX_QUESTIONS {
                    errors.push(format!("質問は{MAX_QUESTIONS}つまでです。"));
                    break;
                }
                if text.is_empty() {
                    errors.push(format!("質問{}の文を入力してください。", n + 1));
                } else if text.chars().count() > 200 {
                    errors.push(format!("質問{}は200文字までにしてください。", n + 1));
                }
                if choices.len() < 2 {
                    errors.push(format!(
                        "質問{}の選択肢を2つ以上、1行にひとつか「／」で区切って入力してください。",
                        n + 1
                    ));
                } else if choices.len() > 9 {
                    errors.push(format!("質問{}の選択肢は9つまでです。", n + 1));
                }
                questions.push(Question {
                    position: i32::try_from(questions.len() + 1).unwrap_or(1),
                    text: text.to_string(),
                    choices,
                });
            }
            if questions.is_empty() && !errors.iter().any(|e| e.starts_with("質問")) {
                errors.push("アンケートの質問をひとつ以上入力してください。".into());
            }
        }
        let answer_until = if answers == AnswerKind::None || self.until_date.trim().is_empty() {
            None
        } else {
            let last_minute = NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN);
            match utc_of(&self.until_date, &self.until_time, last_minute) {
                Some(until) if until > send_at.unwrap_or(now) => Some(until),
                Some(_) => {
                    errors.push("回答の締切は送信より後にしてください。".into());
                    None
                }
                None => {
                    errors.push("回答の締切は 2026-12-10 のように入力してください。".into());
                    None
                }
            }
        };
        match (kind, title, body, to) {
            (Some(kind), Some(title), Some(body), Some(to)) if errors.is_empty() => Ok(Draft {
                kind,
                title,
                body,
                to,
                answers,
                questions,
                answer_until,
                send_at,
            }),
            _ => Err(errors),
        }
    }
}

/// Writes a message of `member_id` at `school_id`: its thread (in `Place::Notebook`), message row,
/// targets, questions, photos and files, and the `notebook_send` job due at its send time, in one
/// transaction. The thread id; or a sentence when the chosen child has no family at this school
/// (nothing written). `profile` is the device profile it was written on.
pub fn write_message(
    conn: &mut DbConnection,
    member_id: i64,
    school_id: i64,
    draft: &Draft,
    files: &Files,
    profile: &str,
) -> QueryResult<Result<i64, String>> {
    write_transaction(conn, |conn| {
        let target =
            match &draft.to {
                Addressed::Target(target) => target.clone(),
                Addressed::FamilyOf(child_id) => {
                    let family = match Child::find(conn, *child_id)? {
                        Some(child) if child.school_id == school_id => Family::of_child(conn, child.id)?,
                        _ => None,
                    };
                    match family {
                        Some(family) => Target::Family(family.id),
                        None => return Ok(Err(
                            "その児童の家庭はまだ連絡帳に登録されていません。申込コードでの登録をお願いしてください。"
                                .to_string(),
                        )),
                    }
                }
            };
        let at = now();
        let send_at = draft.send_at.unwrap_or(at);
        let thread_id = start(
            conn,
            &NewThread {
                place: Place::Notebook(school_id),
                member_id,
                title: &draft.title,
                body: draft.body.as_str(),
                category: None,
                area_id: None,
                channel: Channel::Web,
                inbound_mail_id: None,
                profile,
            },
            &files.photos,
        )?;
        Message::insert(
            conn,
            &NewMessage {
                thread_id,
                school_id,
                kind: draft.kind,
                target: &target,
                answers: draft.answers,
                answer_until: draft.answer_until,
                send_at,
                school_year: school_year(jst(send_at).date_naive()),
                created_at: at,
            },
        )?;
        if draft.answers == AnswerKind::Survey {
            Question::insert_all(conn, thread_id, &draft.questions)?;
        }
        Attachment::insert_all(conn, thread_id, &files.attachments, at)?;
        Job::enqueue_at(conn, JobKind::NotebookSend, Some(thread_id), send_at)?;
        Ok(Ok(thread_id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DraftInput {
        DraftInput {
            kind: "letter".into(),
            title: "遠足のお知らせ".into(),
            body: "10日は遠足です🎒".into(),
            audience: "classes".into(),
            classes: vec!["2-1組".into()],
            answers: "none".into(),
            ..DraftInput::default()
        }
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_good_form_is_a_draft() {
        let draft = input().parse(at("2026-12-03 00:00")).unwrap();
        assert_eq!(draft.to, Addressed::Target(Target::Classes(vec![(2, "1組".into())])));
        assert_eq!(draft.send_at, None);
        let mut later = input();
        later.send_date = "2026-12-10".into();
        later.send_time = "07:30".into();
        assert_eq!(
            later.parse(at("2026-12-03 00:00")).unwrap().send_at,
            Some(at("2026-12-09 22:30"))
        );
    }

    #[test]
    fn a_survey_needs_questions_with_two_choices() {
        let mut survey = input();
        survey.answers = "survey".into();
        survey.questions = vec![
            ("参加しますか".into(), "出席／欠席".into()),
            ("".into(), "".into()),
            ("お弁当は".into(), "いる\nいらない\n".into()),
        ];
        let draft = survey.parse(at("2026-12-03 00:00")).unwrap();
        assert_eq!(draft.questions.len(), 2);
        assert_eq!(draft.questions[1].position, 2);
        assert_eq!(draft.questions[1].choices, ["いる", "いらない"]);
        survey.questions = vec![("参加しますか".into(), "出席".into())];
        let errors = survey.parse(at("2026-12-03 00:00")).unwrap_err();
        assert!(errors[0].contains("選択肢を2つ以上"), "{errors:?}");
        survey.questions = Vec::new();
        assert!(survey.parse(at("2026-12-03 00:00")).is_err());
    }

    #[test]
    fn every_mistake_is_said() {
        let bad = DraftInput {
            audience: "classes".into(),
            send_date: "あした".into(),
            ..DraftInput::default()
        };
        let errors = bad.parse(at("2026-12-03 00:00")).unwrap_err();
        assert!(errors.len() >= 4, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("クラスをひとつ以上")));
    }
}
