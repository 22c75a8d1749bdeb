//! `/notebook/schools/{school}/messages/{id}/answers.csv`: the answers for Excel: CP932 with CRLF
//! (`csv_download`), a header row, one row per recipient (the unanswered too, with empty answers):
//! 学年, 組, 児童名, 保護者, 回答日時, each question's chosen words, 経路. A free reply's CSV has
//! her replies in one 返信 column instead of the questions and 経路.

use super::tally::{load, Loaded};
use crate::db::models::notebook::answer::{TallyChild, TallyRow};
use crate::domain::notebook::AnswerKind;
use crate::domain::time::jst;
use crate::error::AppError;
use crate::notebook::answers::chosen_word;
use crate::routes::request::{csv_download, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::csv::Csv;

pub async fn download(visitor: Visitor, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let (school, id) = path.into_inner();
    let loaded = load(&visitor, school, id).await?;
    let text = csv_text(&loaded);
    Ok(csv_download(
        &visitor,
        &format!("answers-{id}.csv"),
        &format!("回答_{}.csv", loaded.title),
        &text,
    ))
}

/// The file's text (Unicode; encoded on the way out).
pub fn csv_text(loaded: &Loaded) -> String {
    let survey = loaded.asking.kind == AnswerKind::Survey;
    let mut csv = Csv::new();
    let mut header: Vec<String> = ["学年", "組", "児童名", "保護者", "回答日時"]
        .map(String::from)
        .to_vec();
    if survey {
        header.extend(loaded.questions.iter().map(|q| format!("{}. {}", q.position, q.text)));
        header.push("経路".into());
    } else {
        header.push("返信".into());
    }
    csv.row(&header);
    for row in &loaded.rows {
        let mut cells = who(row);
        if survey {
            match &row.answer {
                Some(answer) => {
                    cells.push(jst(answer.answered_at).format("%Y/%m/%d %H:%M").to_string());
                    cells.extend(
                        loaded
                            .questions
                            .iter()
                            .map(|q| chosen_word(&loaded.questions, &answer.choices, q.position)),
                    );
                    cells.push(answer.channel.label().to_string());
                }
                None => cells.extend(std::iter::repeat_n(String::new(), loaded.questions.len() + 2)),
            }
        } else {
            let replies: Vec<_> = loaded.replies.iter().filter(|r| r.member_id == row.member_id).collect();
            cells.push(
                replies
                    .last()
                    .map(|r| jst(r.created_at).format("%Y/%m/%d %H:%M").to_string())
                    .unwrap_or_default(),
            );
            cells.push(replies.iter().map(|r| r.body.as_str()).collect::<Vec<_>>().join("\n"));
        }
        csv.row(&cells);
    }
    csv.finish()
}

/// 学年, 組, 児童名 and 保護者; siblings' cells joined by 「・」 in the same order in each column.
fn who(row: &TallyRow) -> Vec<String> {
    let join = |cell: fn(&TallyChild) -> String| row.children.iter().map(cell).collect::<Vec<_>>().join("・");
    vec![
        join(|c| c.grade.to_string()),
        join(|c| c.class_name.clone()),
        join(|c| c.name.clone()),
        row.guardian.clone(),
    ]
}
